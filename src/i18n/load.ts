import { folderUrl } from '../api/client.js';
import type { Strings } from './en.js';

/** Languages with a strings file beside the widget's script (English is built in). */
export const LANGUAGES = ['ar', 'de', 'es', 'fr', 'he', 'ja', 'ko', 'nl', 'pt', 'sv', 'zh'];

// Captured while the script runs (for the one-file build this is where its <script src> points),
// so languages load from beside the widget's own file, whatever page embeds it.
const scriptUrl = import.meta.url;
const loaded = new Map<string, Promise<Partial<Strings>>>();

/**
 * The strings for a locale's language, loaded once from `<folder>/<language>.js` (default: the
 * `locales/` folder beside the script); English (nothing to add) when there are none or on failure.
 */
export function loadStrings(locale: string, folder?: string): Promise<Partial<Strings>> {
  const language = locale.split('-')[0]!.toLowerCase();
  if (!LANGUAGES.includes(language)) return Promise.resolve({});
  const base = folder ? folderUrl(folder) : new URL('locales/', scriptUrl);
  const url = new URL(`${language}.js`, base).href;
  let strings = loaded.get(url);
  if (!strings) {
    strings = import(/* @vite-ignore */ url).then(
      (module: { default: Strings }) => module.default,
      () => {
        loaded.delete(url);
        return {};
      },
    );
    loaded.set(url, strings);
  }
  return strings;
}
