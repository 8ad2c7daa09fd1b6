/**
 * Busy time in iCalendar data (RFC 5545) as a CalDAV server or an ICS feed gives it, read with
 * ical.js. What makes time busy, and what does not:
 * - a recurring event's occurrences (RRULE, RDATE, EXDATE), each replaced by its RECURRENCE-ID
 *   override when it has one;
 * - not an event or occurrence marked free (TRANSP:TRANSPARENT), cancelled (STATUS:CANCELLED), or
 *   declined by the calendar's owner (their ATTENDEE line has PARTSTAT=DECLINED);
 * - times in a zone the data defines (VTIMEZONE) follow that definition across daylight saving
 *   changes; a TZID without a definition is read as an IANA zone name; floating times and all-day
 *   dates are wall-clock times of the calendar's own zone, or, when it names none, of whoever's
 *   availability they are read for (kept floating until then).
 */
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import type { Interval } from '../availability/types.js';

export interface BusySpan extends Interval {
  /** The event's UID: a booking written back to the calendar is recognised by it. */
  uid: string;
  /** Wall-clock times (read as if UTC) of no zone yet: an all-day event of a calendar without a zone. */
  floating?: true;
}

/** A floating span may land this far either side of its wall-clock-as-UTC times (UTC−12 to UTC+14). */
export const FLOATING_SLACK_SECONDS = 14 * 3600;

export interface BusyOptions {
  /** Unix seconds: spans ending after `from` and starting before `to`. */
  from: number;
  to: number;
  /** The calendar owner's address; events they declined are free time. */
  ownerEmail: string;
  /** The zone of floating times and all-day dates (the calendar's); null keeps them floating. */
  floatingZone: string | null;
}

/**
 * Occurrences examined per recurring event at most: a daily series begun 50 years ago, or an
 * hourly one of two years. Beyond it the series is cut (a rule that never ends or matches nothing
 * cannot stall a sync).
 */
const MAX_OCCURRENCES_PER_SERIES = 20_000;

const isIanaZone = (zone: string): boolean => {
  try {
    Temporal.Now.zonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
};

const zoneNames = new Map<string, boolean>();
const knownZone = (zone: string): boolean => {
  let known = zoneNames.get(zone);
  if (known === undefined) zoneNames.set(zone, (known = isIanaZone(zone)));
  return known;
};

function wallClockSeconds(time: ICAL.Time, zone: string): number {
  const local = new Temporal.PlainDateTime(time.year, time.month, time.day, time.hour, time.minute, time.second);
  return local.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds / 1000;
}

/** A time that has no zone of its own: an all-day date, or a time without TZID (or with an unknown one). */
function isFloating(time: ICAL.Time, tzid: string | undefined): boolean {
  if (time.isDate) return true;
  const zone = time.zone;
  // UTC, or a zone ical.js resolved from a VTIMEZONE in the data (its own rules apply).
  if (zone === ICAL.Timezone.utcTimezone || (zone && zone.component)) return false;
  return !(tzid && knownZone(tzid));
}

/** Unix seconds of a DTSTART/DTEND-like time that is not floating; `tzid` is its property's TZID. */
function zonedSeconds(time: ICAL.Time, tzid: string | undefined): number {
  const zone = time.zone;
  if (zone === ICAL.Timezone.utcTimezone || (zone && zone.component)) return time.toUnixTime();
  return wallClockSeconds(time, tzid!);
}

/** Unix seconds of a time; a floating one in `floatingZone`, or with none its wall clock read as UTC. */
function secondsOf(time: ICAL.Time, tzid: string | undefined, floatingZone: string | null): number {
  if (!isFloating(time, tzid)) return zonedSeconds(time, tzid);
  return wallClockSeconds(time, floatingZone ?? 'UTC');
}

const tzidOf = (event: ICAL.Event, name: 'dtstart' | 'dtend'): string | undefined => {
  const value = event.component.getFirstProperty(name)?.getParameter('tzid');
  return typeof value === 'string' ? value : undefined;
};

/** Whether this event (or occurrence override) leaves its owner free. */
function isFree(event: ICAL.Event, ownerEmail: string): boolean {
  const component = event.component;
  const transparency = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  if (transparency === 'TRANSPARENT') return true;
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return true;
  const owner = `mailto:${ownerEmail.toLowerCase()}`;
  return component.getAllProperties('attendee').some((attendee) => {
    const address = String(attendee.getFirstValue() ?? '').toLowerCase();
    const partstat = attendee.getParameter('partstat');
    return address === owner && typeof partstat === 'string' && partstat.toUpperCase() === 'DECLINED';
  });
}

/** The span of one occurrence: its item (the master or an override) with its start and end. */
function spanOf(
  item: ICAL.Event,
  start: ICAL.Time,
  end: ICAL.Time,
  uid: string,
  options: BusyOptions,
): BusySpan | undefined {
  if (isFree(item, options.ownerEmail)) return undefined;
  const startZone = tzidOf(item, 'dtstart');
  const endZone = tzidOf(item, 'dtend') ?? startZone;
  // Kept floating only when both ends are (a floating start with a zoned end is read in UTC).
  const floating = options.floatingZone === null && isFloating(start, startZone) && isFloating(end, endZone);
  const zone = floating ? 'UTC' : options.floatingZone;
  const startSeconds = secondsOf(start, startZone, zone);
  const endSeconds = secondsOf(end, endZone, zone);
  const slack = floating ? FLOATING_SLACK_SECONDS : 0;
  if (endSeconds <= startSeconds || endSeconds <= options.from - slack || startSeconds >= options.to + slack)
    return undefined;
  return { start: startSeconds, end: endSeconds, uid, ...(floating && { floating: true as const }) };
}

/**
 * Candidate dates examined per recurring event at most: a rule can match nothing
 * (`FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31`) and ical.js then searches forever inside one `next()`.
 */
const MAX_CANDIDATES_PER_SERIES = 50_000;

class CandidatesExhausted extends Error {}

/** The event's occurrences, giving up after MAX_CANDIDATES_PER_SERIES candidate dates. */
function boundedIterator(master: ICAL.Event): ICAL.RecurExpansion {
  const expansion = master.iterator();
  let left = MAX_CANDIDATES_PER_SERIES;
  for (const rule of (expansion as unknown as { ruleIterators?: ICAL.RecurIterator[] }).ruleIterators ?? []) {
    const check = rule.check_contracting_rules.bind(rule);
    rule.check_contracting_rules = () => {
      if (--left < 0) throw new CandidatesExhausted();
      return check();
    };
  }
  return expansion;
}

function seriesSpans(master: ICAL.Event, uid: string, options: BusyOptions, into: BusySpan[]): void {
  try {
    walkSeries(master, uid, options, into);
  } catch (error) {
    if (!(error instanceof CandidatesExhausted)) throw error;
  }
}

function walkSeries(master: ICAL.Event, uid: string, options: BusyOptions, into: BusySpan[]): void {
  const iterator = boundedIterator(master);
  const tzid = tzidOf(master, 'dtstart');
  // Overrides can move an occurrence far from its original time: look a little wider.
  const slack = 31 * 86400;
  for (let step = 0; step < MAX_OCCURRENCES_PER_SERIES; step++) {
    const next = iterator.next();
    if (!next) return;
    if (secondsOf(next, tzid, options.floatingZone) >= options.to + slack) return;
    const details = master.getOccurrenceDetails(next);
    const span = spanOf(details.item, details.startDate, details.endDate, uid, options);
    if (span) into.push(span);
  }
}

/** The calendars (VCALENDAR components) in a text: a feed may hold several. */
function calendarsIn(ics: string): ICAL.Component[] {
  const parsed: unknown = ICAL.parse(ics);
  const list = Array.isArray(parsed) && Array.isArray(parsed[0]) ? (parsed as unknown[][]) : [parsed as unknown[]];
  return list.map((jcal) => new ICAL.Component(jcal as never));
}

/** Busy spans of every VEVENT in `ics` overlapping [from, to), unsorted. Throws on text that is no iCalendar. */
export function busySpans(ics: string, options: BusyOptions): BusySpan[] {
  const spans: BusySpan[] = [];
  for (const calendar of calendarsIn(ics)) {
    const byUid = new Map<string, { master?: ICAL.Event; overrides: ICAL.Event[] }>();
    for (const component of calendar.getAllSubcomponents('vevent')) {
      // Exceptions are related below, by UID: left to itself, each event scans every sibling (n²).
      const event = new ICAL.Event(component, { exceptions: [] });
      const uid = event.uid ?? '';
      const group = byUid.get(uid) ?? { overrides: [] };
      if (event.isRecurrenceException()) group.overrides.push(event);
      else group.master = event;
      byUid.set(uid, group);
    }
    for (const [uid, { master, overrides }] of byUid) {
      if (master && master.isRecurring()) {
        for (const override of overrides) master.relateException(override);
        seriesSpans(master, uid, options, spans);
        continue;
      }
      // A single event, or overrides whose series is not in this data (an invitation to one date).
      for (const single of master ? [master, ...overrides] : overrides) {
        const span = spanOf(single, single.startDate, single.endDate, uid, options);
        if (span) spans.push(span);
      }
    }
  }
  return spans;
}

/** The calendar's own zone as an ICS feed names it (X-WR-TIMEZONE), when it is an IANA zone. */
export function feedZone(ics: string): string | undefined {
  for (const calendar of calendarsIn(ics)) {
    const zone = calendar.getFirstPropertyValue('x-wr-timezone');
    if (typeof zone === 'string' && knownZone(zone)) return zone;
  }
  return undefined;
}
