import type { ReactiveControllerHost } from 'lit';
import type { Language, Strings } from '../i18n/index.js';
import { loadLanguage } from '../i18n/load.js';
import { safeLocale } from '../time/index.js';

/** Of the element, what decides the language shown. */
export interface LanguageHost extends ReactiveControllerHost, HTMLElement {
  locale: string;
  defaultLanguage: string;
  language: Language | null;
  localesUrl: string;
}

export interface ShownLanguage {
  locale: string;
  /** None: English, built in. */
  strings?: Strings | undefined;
}

/**
 * The language shown, as a controller: English (built in) until the requested language's file has
 * loaded, then that one, so that strings and dates are always in one language. The requested one is
 * `language` when handed over, else `locale` (or Nylas's `default-language`), the page's `lang`, the
 * browser's. `failed` hears of a language file that did not load (the guest keeps English).
 */
export function languageController(
  host: LanguageHost,
  failed: (message: string) => void,
): { readonly shown: ShownLanguage } {
  let shownFor = '';
  const show = (locale: string, language: Language | null) => {
    // A regional locale of the language shown (de-CH for de, en-GB for English) keeps its region's formats.
    const base = language?.locale ?? 'en';
    const regional = locale.split('-')[0] === base.split('-')[0];
    controller.shown = { locale: regional ? locale : base, strings: language?.strings };
  };
  const controller = {
    shown: { locale: 'en' } as ShownLanguage,
    hostUpdate() {
      const locale = safeLocale(
        host.locale || host.defaultLanguage || host.closest('[lang]')?.getAttribute('lang') || navigator.language,
      );
      if (host.language) {
        shownFor = '';
        return show(locale, host.language);
      }
      const key = `${host.localesUrl}|${locale}`;
      if (key === shownFor) return;
      shownFor = key;
      show(locale, null);
      void loadLanguage(locale, host.localesUrl || undefined).then((language) => {
        // A language file that did not load: English for the guest, the file and the fix for the
        // owner (in the console: load.ts).
        if (typeof language == 'string') failed(language);
        if (shownFor !== key || host.language) return;
        show(locale, language as Language | null);
        host.requestUpdate();
      });
    },
  };
  host.addController(controller);
  return controller;
}
