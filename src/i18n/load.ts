import { folderUrl } from '../api/client.js';
import { tellOwner } from '../tell-owner.js';
import type { Language } from './index.js';

/** Languages with a language file beside the widget's script (English is built in). */
export const LANGUAGES = ['ar', 'de', 'es', 'fr', 'he', 'ja', 'ko', 'nl', 'pt', 'sv', 'zh'];

// Captured while the script runs (for the one-file build this is where its <script src> points),
// so languages load from beside the widget's own file, whatever page embeds it.
const scriptUrl = import.meta.url;
const loaded = new Map<string, Promise<Language | null | string>>();

/**
 * The language of a locale, loaded once from `<folder>/<language>.js` (default: the `locales/`
 * folder beside the script). `null` when there is no such language (English is built in) or the
 * file could not be loaded; that failure is reported once in the console, naming the file.
 */
export function loadLanguage(locale: string, folder?: string): Promise<Language | null | string> {
  const language = locale.split('-')[0]!.toLowerCase();
  if (!LANGUAGES.includes(language)) return Promise.resolve(null);
  const base = folder ? folderUrl(folder) : new URL('locales/', scriptUrl);
  const url = new URL(`${language}.js`, base).href;
  let answer = loaded.get(url);
  if (!answer) {
    answer = import(/* @vite-ignore */ url).then(
      (module: { default: Language }) => module.default,
      () => {
        const told = `could not load the language file ${url}`;
        void tellOwner({ type: 'network', message: told, status: 0 });
        return told;
      },
    );
    loaded.set(url, answer);
  }
  return answer;
}
