import type { Calendar, Configuration } from '../contract/admin.js';
import type { EditorForm, Problems } from './model.js';
import type { EditorTranslate } from './strings.js';
import type { AdminClient } from './admin.js';

/** A message above the form or list: `polite` news, or an `alert` that needs the organizer. */
export interface Notice {
  kind: 'status' | 'alert';
  text: string;
}

/** What a form's fields need: strings, the problems to show under them, and a way to change the form. */
export interface Fields<F> {
  t: EditorTranslate;
  /** Only after a first save attempt: a message under each field with a problem. */
  problems: Problems;
  /** Changes the form (the mutator edits a copy) and re-renders. */
  change(mutate: (form: F) => void): void;
}

/** What the form view shows and may ask for; the element owns the state and the API. */
export interface FormContext extends Fields<EditorForm> {
  locale: string;
  form: EditorForm;
  calendars: Calendar[];
  saving: boolean;
  notice: Notice | null;
  conflict: boolean;
  /** The saved configuration (none while new). */
  saved: Configuration | null;
  save(overwrite?: boolean): void;
  reloadTheirs(): void;
  back(): void;
  /** The preview beside the form. */
  preview: {
    configurationId: string;
    apiUrl: string;
    key: number;
    theme: string;
    locale: string;
    state: 'live' | 'invalid' | 'off';
  };
  snippet: string;
}

/** What the bookings view shows and may ask for. */
export interface BookingsContext {
  t: EditorTranslate;
  locale: string;
  client: AdminClient;
  theme: string;
  /** The API the rescheduling widget books on. */
  apiUrl: string;
}
