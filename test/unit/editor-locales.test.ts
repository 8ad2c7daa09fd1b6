/** The editor's languages: each says every English string, with the same placeholders, in its plural forms. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { LANGUAGES } from '../../src/i18n/load.js';
import { editorEn, type EditorStrings } from '../../src/editor/strings.js';

const files = readdirSync(new URL('../../src/editor/locales/', import.meta.url)).filter((name) => name.endsWith('.js'));
const languages = await Promise.all(
  files.map(async (name) => ({
    language: name.replace(/\.js$/, ''),
    strings: ((await import(`../../src/editor/locales/${name}`)) as { default: EditorStrings }).default,
  })),
);

/** The `{name}` placeholders a string fills, each once, sorted. */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((found) => found[1]))].sort();

test("the editor has a language file for each of the widget's languages, and no other", () => {
  assert.deepEqual(languages.map(({ language }) => language).sort(), [...LANGUAGES].sort());
});

test('every editor language gives exactly the English keys, each with its placeholders', () => {
  const keys = Object.keys(editorEn).sort();
  for (const { language, strings } of languages) {
    assert.deepEqual(Object.keys(strings).sort(), keys, `${language}: its keys`);
    for (const key of keys as Array<keyof EditorStrings>) {
      assert.ok(strings[key].trim(), `${language}.${key} is empty`);
      assert.deepEqual(placeholders(strings[key]), placeholders(editorEn[key]), `${language}.${key}: its placeholders`);
    }
  }
});

test("a count's string lists every plural category of its language", () => {
  const counted = (Object.keys(editorEn) as Array<keyof EditorStrings>).filter((key) => /^one /.test(editorEn[key]));
  assert.ok(counted.length, 'English has a counted string');
  for (const { language, strings } of languages) {
    for (const key of counted) {
      const forms = strings[key].split('|').map((form) => form.split(' ')[0]);
      // The "many" of millions (es, fr, pt) is left to `other`, as in the widget's own languages.
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const category of categories.filter((name) => name !== 'many' || language === 'ar')) {
        assert.ok(forms.includes(category), `${language}.${key}: no "${category}" form`);
      }
    }
  }
});
