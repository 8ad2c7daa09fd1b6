import type { PropertyDeclaration } from 'lit';
import { DEFAULT_API_URL } from '../api/client.js';
import type { Mode } from '../flow/state.js';
import type { Language, Strings } from '../i18n/index.js';
import type { NylasBookingInfo, Prefill } from './prefill.js';

/**
 * The element's attributes and properties, each declared once, here: its default (which gives its
 * type) and its documentation. Its attribute is its name in kebab case (`configurationId` →
 * `configuration-id`); an object has none, but for Nylas's `booking-info` (JSON). The element's
 * type and the manifest (custom-elements-manifest.config.mjs) are read from this table too.
 */
export const PROPERTIES = {
  /** Public configuration id (no session needed). */
  configurationId: '',
  /** Session id for a private configuration, minted by the page's backend. */
  sessionId: '',
  /** Public configuration by slug (with `client-id`). */
  slug: '',
  /** Application (client) id, with `slug`. */
  clientId: '',
  /** Base URL of the Scheduler API. */
  apiUrl: DEFAULT_API_URL as string,
  /** IANA time zone to show times in; default the browser's. */
  timezone: '',
  /** BCP 47 language; default the page's `lang`, then the browser's. */
  locale: '',
  /** `h12` or `h23`; default from the locale. */
  hourCycle: '' as '' | 'h12' | 'h23',
  /** The guest's name, prefilled. */
  guestName: '',
  /** The guest's email, prefilled. */
  guestEmail: '',
  /** Additional fields (including hidden `metadata` ones) and additional guests to start with. */
  prefill: {} as Prefill,
  /**
   * Fill the guest's name, email and any additional field from the page's query string
   * (`?name=&email=&company=`). `metadata` fields are filled from it (e.g. `utm_source`) regardless.
   */
  prefillFromUrl: false,
  /** Where the language files are; default beside the widget's own script. */
  localesUrl: '',
  /**
   * A language handed over whole (`import de from 'scheduler-widget/locales/de.js'`): its strings
   * and its locale, used instead of loading a language file.
   */
  language: null as Language | null,
  /** Any of the widget's strings, replaced. */
  localization: {} as Partial<Strings>,
  /** `light` (the default: the page's light look), `dark`, or `auto` to follow the visitor's `prefers-color-scheme`. */
  theme: '' as '' | 'light' | 'dark' | 'auto',
  /** A booking ref (raw or URL-encoded) to reschedule. */
  rescheduleBookingRef: '',
  /** A booking ref to cancel. */
  cancelBookingRef: '',
  /** A booking ref to confirm or decline (organizer). */
  confirmBookingRef: '',
  /** With `booking-ref-param`: which page this is (`reschedule`, `cancel`, `confirm`). */
  mode: '' as '' | Exclude<Mode, 'book'>,
  /** Name of the page's query parameter that carries the booking ref (e.g. `booking_ref`). */
  bookingRefParam: '',
  /** Milliseconds before an unanswered request is given up. */
  requestTimeout: 15_000,
  /**
   * `inline` in the page; `popup` in a modal opened by `open()`, a slotted `trigger` or any
   * `[data-scheduler-open]` element; `floating`: the same modal opened by a button in a page corner.
   */
  display: 'inline' as 'inline' | 'popup' | 'floating',
  /** Corner of the floating button. */
  floatingPosition: 'bottom-right' as 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left',
  /** Text of the floating button; default "Book a time" in the guest's language. */
  floatingLabel: '',
  /** `month`: a month calendar beside the chosen day's times; `week`: seven day columns of times. */
  layout: 'month' as 'month' | 'week',
  /** Nylas's `<nylas-scheduling>` name for `api-url` (it wins when both are set). */
  schedulerApiUrl: '',
  /** Nylas's name for `confirm-booking-ref`. */
  organizerConfirmationBookingRef: '',
  /** Nylas's name for `locale` (`locale` wins when both are set). */
  defaultLanguage: '',
  /**
   * Nylas's prefill (`booking-info`, JSON): the guest, additional guests and additional fields'
   * values, under what `guest-name`, `guest-email` and `prefill` set.
   */
  bookingInfo: null as NylasBookingInfo | null,
};

export type ElementProperties = typeof PROPERTIES;

/** Reflected to their attribute, so that a page's CSS may select on them. */
const REFLECTED = ['configurationId', 'theme', 'display'];

/** Lit's declarations of `PROPERTIES`. */
export const DECLARATIONS: Record<string, PropertyDeclaration> = Object.fromEntries(
  Object.entries(PROPERTIES).map(([name, value]) => [
    name,
    {
      attribute:
        (typeof value != 'object' || name == 'bookingInfo') &&
        name.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase()),
      type: ({ number: Number, boolean: Boolean, object: Object } as Record<string, unknown>)[typeof value],
      reflect: REFLECTED.includes(name),
    },
  ]),
);
