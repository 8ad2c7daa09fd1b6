/** "N seats left" in every built-in language, the form picked by Intl.PluralRules. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { en, plural, type Language } from '../../src/i18n/index.js';
import { enLater } from '../../src/i18n/en-later.js';

const files = readdirSync(new URL('../../src/i18n/locales/', import.meta.url)).filter((name) => name.endsWith('.js'));
const languages: Language[] = [
  { locale: 'en', strings: { ...en, ...enLater } },
  ...(await Promise.all(
    files.map(async (name) => ((await import(`../../src/i18n/locales/${name}`)) as { default: Language }).default),
  )),
];

function arabic(count: number): string {
  return count.toLocaleString('ar');
}

/** What each language says for 1, 2, 3, 11 and 100 seats left. */
const EXPECTED: Record<string, string[]> = {
  en: ['1 seat left', '2 seats left', '3 seats left', '11 seats left', '100 seats left'],
  es: ['Queda 1 plaza', 'Quedan 2 plazas', 'Quedan 3 plazas', 'Quedan 11 plazas', 'Quedan 100 plazas'],
  fr: ['1 place restante', '2 places restantes', '3 places restantes', '11 places restantes', '100 places restantes'],
  de: ['Noch 1 Platz frei', 'Noch 2 Plätze frei', 'Noch 3 Plätze frei', 'Noch 11 Plätze frei', 'Noch 100 Plätze frei'],
  nl: ['Nog 1 plek vrij', 'Nog 2 plekken vrij', 'Nog 3 plekken vrij', 'Nog 11 plekken vrij', 'Nog 100 plekken vrij'],
  sv: ['1 plats kvar', '2 platser kvar', '3 platser kvar', '11 platser kvar', '100 platser kvar'],
  ja: ['残り1席', '残り2席', '残り3席', '残り11席', '残り100席'],
  zh: ['剩余 1 个名额', '剩余 2 个名额', '剩余 3 个名额', '剩余 11 个名额', '剩余 100 个名额'],
  ko: ['1자리 남음', '2자리 남음', '3자리 남음', '11자리 남음', '100자리 남음'],
  pt: ['Resta 1 vaga', 'Restam 2 vagas', 'Restam 3 vagas', 'Restam 11 vagas', 'Restam 100 vagas'],
  // Arabic has six plural forms (its digits are whichever Intl writes for `ar`); Hebrew has a dual.
  ar: ['بقي مقعد واحد', 'بقي مقعدان', `بقيت ${arabic(3)} مقاعد`, `بقي ${arabic(11)} مقعدًا`, `بقي ${arabic(100)} مقعد`],
  he: ['נותר מקום אחד', 'נותרו שני מקומות', 'נותרו 3 מקומות', 'נותרו 11 מקומות', 'נותרו 100 מקומות'],
};

test('every built-in language says how many seats are left in its plural forms', () => {
  assert.deepEqual(languages.map((language) => language.locale).sort(), Object.keys(EXPECTED).sort());
  for (const { locale, strings } of languages) {
    const said = [1, 2, 3, 11, 100].map((count) => plural(strings.seatsLeft, count, locale));
    assert.deepEqual(said, EXPECTED[locale], locale);
    // Every category the language has is written out, but the "many" of millions (es, fr, pt), which `other` covers.
    const forms = strings.seatsLeft.split('|').map((form) => form.split(' ')[0]);
    for (const category of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
      assert.ok(forms.includes(category) || (category === 'many' && locale !== 'ar'), `${locale}: ${category}`);
    }
  }
});

test('a host override without plural categories, or without the category asked, still reads', () => {
  assert.equal(plural('one {count} spot|other {count} spots', 1, 'en'), '1 spot');
  assert.equal(plural('one {count} spot|other {count} spots', 4, 'en'), '4 spots');
  assert.equal(plural('other {count} Plätze', 1, 'de'), '1 Plätze');
});
