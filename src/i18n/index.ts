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
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

export function translator(...layers: Array<Partial<Strings> | undefined>): Translate {
  const strings: Strings = Object.assign({}, en, ...layers);
  return (key, values) => fill(strings[key], values);
}
