/**
 * What a guest may type in the zone field beyond a zone's id, understood in a chunk of its own
 * (loaded when the field changes, so none of it weighs on the first bookable time): the city part
 * of a zone id with accents folded ("São Paulo", "sao paulo"), common cities that are not zone ids
 * ("San Francisco", "Delhi"), abbreviations ("PST", "CET") as zones that keep daylight saving, and
 * the zones' generic and standard names as Intl gives them in the widget's language and in English
 * ("Pacific Time", "Nordamerikanische Westküstenzeit").
 */
import { isValidTimeZone } from '../contract/validators.js';
import { timeZoneNames } from './zone.js';

/** Lower case, accents and punctuation folded, words separated by one space. */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const CHICAGO = 'America/Chicago';
const DENVER = 'America/Denver';
const INDIA = 'Asia/Kolkata';

/** Abbreviations, standard and daylight alike, as the zone people mean (which changes with the season). */
const ABBREVIATIONS: Record<string, string> = {
  pst: LA,
  pdt: LA,
  pt: LA,
  mst: DENVER,
  mdt: DENVER,
  mt: DENVER,
  cst: CHICAGO,
  cdt: CHICAGO,
  ct: CHICAGO,
  est: NY,
  edt: NY,
  et: NY,
  akst: 'America/Anchorage',
  akdt: 'America/Anchorage',
  hst: 'Pacific/Honolulu',
  bst: 'Europe/London',
  wet: 'Europe/Lisbon',
  west: 'Europe/Lisbon',
  cet: 'Europe/Paris',
  cest: 'Europe/Paris',
  eet: 'Europe/Athens',
  eest: 'Europe/Athens',
  msk: 'Europe/Moscow',
  ist: INDIA,
  sgt: 'Asia/Singapore',
  hkt: 'Asia/Hong_Kong',
  jst: 'Asia/Tokyo',
  kst: 'Asia/Seoul',
  awst: 'Australia/Perth',
  acst: 'Australia/Adelaide',
  aest: 'Australia/Sydney',
  aedt: 'Australia/Sydney',
  nzst: 'Pacific/Auckland',
  nzdt: 'Pacific/Auckland',
  utc: 'UTC',
};

/** Cities people type that are not the city of a zone id, by the zone they keep the time of. */
const CITIES: Record<string, string> = {
  'san francisco': LA,
  seattle: LA,
  portland: LA,
  'san diego': LA,
  'las vegas': LA,
  'san jose': LA,
  boston: NY,
  washington: NY,
  philadelphia: NY,
  miami: NY,
  atlanta: NY,
  'washington dc': NY,
  dallas: CHICAGO,
  houston: CHICAGO,
  austin: CHICAGO,
  minneapolis: CHICAGO,
  'salt lake city': DENVER,
  delhi: INDIA,
  'new delhi': INDIA,
  mumbai: INDIA,
  bombay: INDIA,
  bangalore: INDIA,
  bengaluru: INDIA,
  chennai: INDIA,
  hyderabad: INDIA,
  beijing: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  guangzhou: 'Asia/Shanghai',
  'rio de janeiro': 'America/Sao_Paulo',
  munich: 'Europe/Berlin',
  munchen: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  geneva: 'Europe/Zurich',
  barcelona: 'Europe/Madrid',
  milan: 'Europe/Rome',
  osaka: 'Asia/Tokyo',
  kyoto: 'Asia/Tokyo',
  manchester: 'Europe/London',
  edinburgh: 'Europe/London',
  'tel aviv': 'Asia/Jerusalem',
  melbourne: 'Australia/Melbourne',
  'abu dhabi': 'Asia/Dubai',
};

const WINTER = Date.UTC(2026, 0, 15);
const SUMMER = Date.UTC(2026, 6, 15);

const names = new Map<string, Map<string, string>>();

/** Every zone's generic and standard names in `locale`, folded, each to the first zone that has it (a table's zone first). */
function namesIn(locale: string): Map<string, string> {
  let found = names.get(locale);
  if (!found) {
    names.set(locale, (found = new Map()));
    const zones = new Set([...Object.values(ABBREVIATIONS), ...Object.values(CITIES), ...timeZoneNames()]);
    for (const timeZone of zones) {
      // Today's names (a zone's names of decades ago may be another zone's now), winter's and summer's.
      for (const [timeZoneName, at] of [
        ['longGeneric', WINTER],
        ['long', WINTER],
        ['long', SUMMER],
      ] as const) {
        try {
          const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName })
            .formatToParts(at)
            .find((part) => part.type === 'timeZoneName')?.value;
          const key = name && fold(name);
          if (key && !/^gmt|^utc/.test(key) && !found.has(key)) found.set(key, timeZone);
        } catch {
          // A zone or a name style this engine does not know.
        }
      }
    }
  }
  return found;
}

/** The zone `typed` names, read in `locale` (the widget's language) and English; `undefined` if none. */
export function zoneNamed(typed: string, locale = 'en'): string | undefined {
  const text = typed.trim();
  const wanted = fold(text);
  if (!wanted) return undefined;
  const byId = (zone: string) => fold(zone) === wanted || fold(zone.slice(zone.lastIndexOf('/') + 1)) === wanted;
  return (
    ABBREVIATIONS[wanted] ??
    timeZoneNames().find(byId) ??
    (isValidTimeZone(text) ? text : undefined) ??
    CITIES[wanted] ??
    (/\p{L}/u.test(wanted) ? (namesIn(locale).get(wanted) ?? namesIn('en').get(wanted)) : undefined)
  );
}
