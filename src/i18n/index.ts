import { en, type StringKey, type Strings } from './en.js';

export { en, type StringKey, type Strings };

/**
 * A whole language, as each `locales/<language>.js` module exports it: the widget's strings and the
 * locale its dates, times and numbers are written in, so the two always match.
 */
export interface Language {
  locale: string;
  strings: Strings;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** English strings the loaded parts brought (`enLater`), under any language's and the host's. */
export const laterEnglish: Partial<Strings> = {};

export function translator(...layers: Array<Partial<Strings> | undefined>): Translate {
  const strings: Strings = Object.assign({}, en, laterEnglish, ...layers);
  // A string of the steps' English before their chunk has brought it (a group session found full
  // within the first idle moment) reads empty until the next render, rather than breaking it.
  return (key, values) => fill(strings[key] ?? '', values);
}

/**
 * A count in the language's plural form: `template` lists one form per plural category, each the
 * category then a space then the text (`one {count} seat left|other {count} seats left`); the form
 * `Intl.PluralRules` picks, else `other`, else the last one.
 */
export function plural(template: string, count: number, locale: string): string {
  const forms = template.split('|');
  const pick = (category: string) => forms.find((form) => form.startsWith(`${category} `));
  const form = pick(new Intl.PluralRules(locale).select(count)) ?? pick('other') ?? forms.at(-1)!;
  return fill(form.slice(form.indexOf(' ') + 1), { count: count.toLocaleString(locale) });
}
