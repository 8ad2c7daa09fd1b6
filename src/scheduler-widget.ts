import { LitElement, html, nothing, type PropertyDeclaration, type PropertyValues, type TemplateResult } from 'lit';
import { decodeBookingRef } from './contract/booking-ref.js';
import { DEFAULT_API_URL, SchedulerClient, type Auth } from './api/client.js';
import { ApiError } from './api/errors.js';
import { tellOwner } from './tell-owner.js';
import type { Person } from './contract/guest.js';
import { BookingFlow, sendAhead } from './flow/flow.js';
import type { FlowHost, Mode, StartOptions, Step } from './flow/state.js';
import { translator, type Language, type Strings } from './i18n/index.js';
import { loadLanguage } from './i18n/load.js';
import { getPart, loadedPart, prefetchParts, renderPart } from './lazy/index.js';
import { styles } from './styles/styles.js';
import { browserTimeZone, defaultHourCycle, isValidTimeZone, safeLocale } from './time/index.js';
import { renderNotice, renderSkeleton, titleOf } from './views/common.js';
import type { ViewContext } from './views/context.js';
import { renderSchedule } from './views/schedule.js';

export interface Prefill {
  /** Values of additional fields (including `metadata` ones), by key. */
  fields?: Record<string, string>;
  additionalGuests?: Person[];
}


/** Properties whose change means talking to another configuration, session or booking. */
const CONNECTION = [
  'apiUrl',
  'configurationId',
  'sessionId',
  'slug',
  'clientId',
  'rescheduleBookingRef',
  'cancelBookingRef',
  'confirmBookingRef',
  'mode',
  'bookingRefParam',
  'requestTimeout',
] as const;

/**
 * A booking widget for a Nylas v3 compatible Scheduler API: month calendar (or a week of times), times in the guest's
 * zone, guest details, booking; and reschedule, cancel and organizer confirmation from booking refs.
 *
 * @tag scheduler-widget
 *
 * @fires {CustomEvent<UiSettings>} scheduler-ready - ui-settings loaded; `detail` is the ui-settings.
 * @fires {CustomEvent<{ date: string }>} scheduler-date-select - a day was selected; `detail.date` is `YYYY-MM-DD`.
 * @fires {CustomEvent<{ slot: TimeSlot | GroupTimeSlot }>} scheduler-slot-select - a time was chosen (a group session's slot also has `event_id`, `master_id`, `calendar_id`, `capacity`).
 * @fires {CustomEvent<BookingInput | GroupBookingInput>} scheduler-before-book - cancelable (`preventDefault()` stops the booking); `detail` is the booking request about to be posted.
 * @fires {CustomEvent<BookingResult>} scheduler-booked - `detail` is the booking the API answered, with the chosen `start_time`, `end_time` and `guest` (Nylas's answer has neither); for a group session also its `event_id`, `master_id`, `calendar_id`.
 * @fires {CustomEvent<BookingResult>} scheduler-rescheduled - `detail: { booking_id, start_time, end_time }` (and a group session's `event_id`, `master_id`, `calendar_id`), plus the booking when the API answers one.
 * @fires {CustomEvent<{ booking_id: string; event_id?: string }>} scheduler-cancelled - the booking was cancelled; `event_id` is its event (a group seat's session).
 * @fires {CustomEvent<BookingResult>} scheduler-confirmed - `detail` is the confirmed booking the API answered, with `booking_id`.
 * @fires {CustomEvent<{ booking_id: string }>} scheduler-declined - the booking was declined.
 * @fires {CustomEvent<{ type: WidgetErrorType; message: string; status: number }>} scheduler-error - a request failed.
 * @fires {CustomEvent<{ configuration_id: string; display: 'inline' | 'popup' | 'floating' }>} scheduler-view - first shown (inline: first step painted; popup: first opened).
 * @fires {CustomEvent<{ month: string }>} scheduler-month-change - the guest moved to another month.
 * @fires {CustomEvent<{ timeZone: string }>} scheduler-timezone-change - the zone times are shown in changed.
 * @fires {CustomEvent<{ configuration_id: string }>} scheduler-form-start - first input in the details form.
 * @fires {CustomEvent<null>} scheduler-open - the popup's modal opened.
 * @fires {CustomEvent<null>} scheduler-close - the popup's modal closed.
 *
 * @csspart base - the widget's root box.
 * @csspart skeleton - the placeholder while ui-settings load.
 * @csspart summary - event title, duration, organizer, time, place.
 * @csspart calendar-panel - the calendar's column.
 * @csspart calendar - the month calendar.
 * @csspart calendar-header - previous button, month title, next button.
 * @csspart month-title - the month's name.
 * @csspart nav-button - previous and next month, or week (`aria-disabled="true"` out of range); a week's is named by that week's dates.
 * @csspart grid - the calendar's table.
 * @csspart day - a day cell; with one of `available`, `unavailable`, `loading` or `outside`, and maybe `selected`, `today`.
 * @csspart available - (with `day`) a day with times.
 * @csspart unavailable - (with `day`) a day without times.
 * @csspart loading - (with `day` or `no-times`) a day whose times are not known yet.
 * @csspart outside - (with `day`) an empty cell before the 1st or after the last day.
 * @csspart selected - (with `day`) the selected day.
 * @csspart today - (with `day` or `week-day`) today.
 * @csspart empty-month - the notice that a month has no times.
 * @csspart week - `layout="week"`: the week, in place of the calendar and the day's times.
 * @csspart week-header - previous week, the week's dates, next week.
 * @csspart week-title - the week's dates.
 * @csspart week-grid - the week's table: a column per day, a time per cell (one tab stop: arrow keys, Home/End, PageUp/PageDown).
 * @csspart week-day - a day's column header (weekday and date); with `today`.
 * @csspart no-times - the cell of a day without times in the week; with `loading` while its month is fetched.
 * @csspart next-available - (with `button`) go to the next month with times.
 * @csspart slots-panel - the times' column.
 * @csspart slot-list - the list of times.
 * @csspart slot - one time, in the list or in a week's column (`aria-current="true"`: the booked time while rescheduling).
 * @csspart timezone - the time-zone picker.
 * @csspart timezone-input - the time-zone select.
 * @csspart form - the guest form, and the cancel and confirm forms.
 * @csspart field - one form field.
 * @csspart field-error - the message under a field (or the time-zone field) saying what is wrong.
 * @csspart additional-guests - (with `field`) the additional guests.
 * @csspart input - an input, select or textarea.
 * @csspart button - every button.
 * @csspart add-guest - (with `button`) add an additional guest.
 * @csspart back-button - (with `button`) back to the calendar.
 * @csspart submit-button - (with `button`) book.
 * @csspart error - a message about a problem.
 * @csspart retry-button - (with `button`) try again.
 * @csspart confirmation - the result after booking, rescheduling, cancelling or confirming.
 * @csspart ics-button - (with `button`) download the event as .ics.
 * @csspart calendar-link - a link adding the booking to Google Calendar, Outlook.com or Microsoft 365 (new tab).
 * @csspart dialog - the modal of `display="popup"` and `"floating"`.
 * @csspart close-button - (with `button`) closes the modal.
 * @csspart floating-button - the corner button of `display="floating"`.
 * @csspart reschedule-link - the link to reschedule.
 * @csspart cancel-link - the link to cancel.
 * @csspart reschedule-button - (with `button`) after booking: reschedule it here (when no `rescheduling_url` link is offered).
 * @csspart cancel-booking-button - (with `button`) after booking: cancel it here (when no `cancellation_url` link is offered).
 * @csspart consent - the recording-consent message of `scheduler.notetaker_settings`.
 * @csspart policy - the cancellation policy.
 * @csspart cancel-button - (with `button`) cancel the booking.
 * @csspart confirm-button - (with `button`) confirm the booking (organizer).
 * @csspart decline-button - (with `button`) decline the booking (organizer).
 * @csspart book-again - (with `button`) after a cancellation: book the same configuration again.
 *
 * The defaults of the custom properties are `light-dark(light, dark)` pairs: the manifest's build
 * reads them from `src/styles/styles.ts`.
 * @cssproperty --scheduler-accent - accent: available days, times, primary button.
 * @cssproperty --scheduler-on-accent - text on the accent.
 * @cssproperty --scheduler-text - text.
 * @cssproperty --scheduler-muted - secondary text.
 * @cssproperty --scheduler-background - background.
 * @cssproperty --scheduler-surface - raised areas (available days, skeleton).
 * @cssproperty --scheduler-border - borders.
 * @cssproperty --scheduler-danger - errors and required marks.
 * @cssproperty --scheduler-radius - corner radius.
 * @cssproperty --scheduler-space - spacing unit.
 * @cssproperty --scheduler-font-family - font; the page's by default.
 * @cssproperty --scheduler-focus-ring - focus ring (a box-shadow).
 */
export class SchedulerWidget extends LitElement {
  static override styles = styles;

  /** Typed by the fields below: a field without its declaration here, or a declaration without its field, does not compile. */
  static override properties: Record<ReactiveField, PropertyDeclaration> = {
    configurationId: { attribute: 'configuration-id', reflect: true },
    sessionId: { attribute: 'session-id' },
    slug: {},
    clientId: { attribute: 'client-id' },
    apiUrl: { attribute: 'api-url' },
    timezone: {},
    locale: {},
    hourCycle: { attribute: 'hour-cycle' },
    guestName: { attribute: 'guest-name' },
    guestEmail: { attribute: 'guest-email' },
    prefill: { attribute: false },
    localesUrl: { attribute: 'locales-url' },
    language: { attribute: false },
    localization: { attribute: false },
    theme: { reflect: true },
    rescheduleBookingRef: { attribute: 'reschedule-booking-ref' },
    cancelBookingRef: { attribute: 'cancel-booking-ref' },
    confirmBookingRef: { attribute: 'confirm-booking-ref' },
    mode: {},
    bookingRefParam: { attribute: 'booking-ref-param' },
    requestTimeout: { attribute: 'request-timeout', type: Number },
    prefillFromUrl: { attribute: 'prefill-from-url', type: Boolean },
    display: { reflect: true },
    floatingPosition: { attribute: 'floating-position' },
    floatingLabel: { attribute: 'floating-label' },
    layout: {},
  };

  /** Public configuration id (no session needed). */
  configurationId = '';
  /** Session id for a private configuration, minted by the page's backend. */
  sessionId = '';
  /** Public configuration by slug (with `client-id`). */
  slug = '';
  /** Application (client) id, with `slug`. */
  clientId = '';
  /** Base URL of the Scheduler API. */
  apiUrl = DEFAULT_API_URL;
  /** IANA time zone to show times in; default the browser's. */
  timezone = '';
  /** BCP 47 language; default the page's `lang`, then the browser's. */
  locale = '';
  /** `h12` or `h23`; default from the locale. */
  hourCycle: '' | 'h12' | 'h23' = '';
  /** The guest's name, prefilled. */
  guestName = '';
  /** The guest's email, prefilled. */
  guestEmail = '';
  /** Additional fields (including hidden `metadata` ones) and additional guests to start with. */
  prefill: Prefill = {};
  /**
   * Fill the guest's name, email and any additional field from the page's query string
   * (`?name=&email=&company=`). `metadata` fields are filled from it (e.g. `utm_source`) regardless.
   */
  prefillFromUrl = false;
  /** Where the language files are; default beside the widget's own script. */
  localesUrl = '';
  /**
   * A language handed over whole (`import de from 'scheduler-widget/locales/de.js'`): its strings
   * and its locale, used instead of loading a language file.
   */
  language: Language | null = null;
  /** Any of the widget's strings, replaced. */
  localization: Partial<Strings> = {};
  /** `light` (the default: the page's light look), `dark`, or `auto` to follow the visitor's `prefers-color-scheme`. */
  theme: '' | 'light' | 'dark' | 'auto' = '';
  /** A booking ref (raw or URL-encoded) to reschedule. */
  rescheduleBookingRef = '';
  /** A booking ref to cancel. */
  cancelBookingRef = '';
  /** A booking ref to confirm or decline (organizer). */
  confirmBookingRef = '';
  /** With `booking-ref-param`: which page this is (`reschedule`, `cancel`, `confirm`). */
  mode: '' | Exclude<Mode, 'book'> = '';
  /** Name of the page's query parameter that carries the booking ref (e.g. `booking_ref`). */
  bookingRefParam = '';
  /** Milliseconds before an unanswered request is given up. */
  requestTimeout = 15_000;
  /**
   * `inline` in the page; `popup` in a modal opened by `open()`, a slotted `trigger` or any
   * `[data-scheduler-open]` element; `floating`: the same modal opened by a button in a page corner.
   */
  display: 'inline' | 'popup' | 'floating' = 'inline';
  /** Corner of the floating button. */
  floatingPosition: 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' = 'bottom-right';
  /** Text of the floating button; default "Book a time" in the guest's language. */
  floatingLabel = '';
  /** `month`: a month calendar beside the chosen day's times; `week`: seven day columns of times. */
  layout: 'month' | 'week' = 'month';

  #host: FlowHost = {
    changed: () => this.requestUpdate(),
    emit: (name, detail, cancelable = false) =>
      this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable })),
  };
  #flowMade: BookingFlow | undefined;
  /** Made on first use: Intl's set-up (tens of ms in a fresh page) comes after the first requests have left. */
  get #flow(): BookingFlow {
    return (this.#flowMade ??= new BookingFlow(this.#host, browserTimeZone()));
  }
  #lastStep = '';
  /** The language shown: English (built in) until the requested language's file has loaded. */
  #shown: { locale: string; strings?: Strings } = { locale: 'en' };
  #shownFor = '';
  /** Requests may start: shown inline, or a popup's trigger was hovered, focused or used. */
  #wanted = false;
  /** What had focus when the popup opened, focused again when it closes. */
  #trigger: HTMLElement | null = null;
  #opening = false;
  /** Funnel events already sent (each once per widget). */
  #viewed = false;
  #formStarted = false;

  override connectedCallback(): void {
    // An inline widget in the guest's own zone asks for ui-settings and this month's times at once.
    if (!this.hasUpdated && this.display === 'inline' && !this.timezone) {
      sendAhead(this.#connection());
    }
    super.connectedCallback();
    // Re-attached after removal: start again with the same properties.
    if (this.hasUpdated && this.#wanted) this.#connect();
    if (!pageTriggersWired) {
      pageTriggersWired = true;
      for (const type of ['click', 'pointerover', 'focusin']) document.addEventListener(type, SchedulerWidget.#onPageTrigger);
    }
  }

  /** Any `[data-scheduler-open]` element (its value, if any, is the widget's id) opens a popup, and warms it on hover or focus. */
  static #onPageTrigger(event: Event): void {
    const trigger = (event.target as Element).closest?.<HTMLElement>('[data-scheduler-open]');
    const id = trigger?.dataset.schedulerOpen;
    const widget = trigger && (id ? document.getElementById(id) : document.querySelector('scheduler-widget:not([display=inline])'));
    if (!(widget instanceof SchedulerWidget) || widget.display === 'inline') return;
    if (event.type !== 'click') return widget.#warm();
    event.preventDefault();
    widget.open(trigger);
  }

  /** Starts the first requests (a popup's trigger was hovered or focused), so times are there when it opens. */
  #warm(): void {
    if (!this.#wanted) {
      this.#wanted = true;
      this.#connect();
    }
  }

  /** Opens the popup (`display="popup"` or `"floating"`); focus returns to `trigger` (default: what has focus) when it closes. */
  open(trigger?: HTMLElement | null): void {
    this.#warm();
    this.#trigger = trigger ?? (document.activeElement as HTMLElement | null);
    this.#opening = true;
    this.requestUpdate();
  }

  /** Closes the popup. */
  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed while open: closing (its `close` event still comes) gives the page its scrolling and focus back.
    this.close();
    this.#flowMade?.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const flow = this.#flow;
    const first = !this.hasUpdated;
    if (first || changed.has('guestName') || changed.has('guestEmail') || changed.has('prefill') || changed.has('prefillFromUrl')) {
      // Each value cut to a length no real name, email or campaign needs (shown as text only, never as HTML).
      const params = Object.fromEntries([...new URLSearchParams(location.search)].map(([key, value]) => [key, value.slice(0, 256)]));
      const all = this.prefillFromUrl;
      flow.prefill = {
        ...this.prefill,
        name: this.guestName || (all && params.name) || undefined,
        email: this.guestEmail || (all && params.email) || undefined,
        url: { params, all },
      };
      if (!first) flow.applyPrefill();
    }
    if (first || changed.has('timezone')) {
      flow.setTimeZone(this.timezone && isValidTimeZone(this.timezone) ? this.timezone : browserTimeZone());
    }
    this.#showLanguage(this.#locale());
    // Emails in the language the guest sees, if the API writes them in it (the writes' chunk decides).
    flow.emailLanguage = this.#shown.locale.split('-')[0]!;
    if ((first || !this.#wanted || CONNECTION.some((name) => changed.has(name))) && (this.#wanted ||= this.display === 'inline')) this.#connect();
  }

  /** Strings and dates always in one language: the requested one once it is there, else English. */
  #showLanguage(locale: string): void {
    const show = (language: Language | null) => {
      // A regional locale of the language shown (de-CH for de, en-GB for English) keeps its region's formats.
      const shown = language?.locale ?? 'en';
      this.#shown = { locale: locale.split('-')[0] === shown.split('-')[0] ? locale : shown, strings: language?.strings };
    };
    if (this.language) {
      this.#shownFor = '';
      return show(this.language);
    }
    const key = `${this.localesUrl}|${locale}`;
    if (key === this.#shownFor) return;
    this.#shownFor = key;
    show(null);
    void loadLanguage(locale, this.localesUrl || undefined).then((language) => {
      // A language file that did not load: English for the guest, the file and the fix for the owner (in the console: load.ts).
      if (typeof language == 'string') this.#host.emit('scheduler-error', { type: 'network', message: language, status: 0 });
      if (this.#shownFor !== key || this.language) return;
      show(language as Language | null);
      this.requestUpdate();
    });
  }

  #locale(): string {
    return safeLocale(this.locale || this.closest('[lang]')?.getAttribute('lang') || navigator.language);
  }

  #connect(): void {
    this.#flow.start(this.#connection());
  }

  /** The booking ref and what to do with it (from the attributes or the page's URL), and the client; none without a configuration. */
  #connection(): StartOptions {
    const [mode, rawRef]: [Mode, string] = this.rescheduleBookingRef
      ? ['reschedule', this.rescheduleBookingRef]
      : this.cancelBookingRef
        ? ['cancel', this.cancelBookingRef]
        : this.confirmBookingRef
          ? ['confirm', this.confirmBookingRef]
          : this.mode && this.bookingRefParam
            ? [this.mode, new URLSearchParams(location.search).get(this.bookingRefParam) ?? '']
            : ['book', ''];
    const ref = mode === 'book' ? undefined : decodeBookingRef(rawRef);
    // The page's own configuration or session first: a ref acts within it (a ref of another
    // configuration is refused below; the API refuses one outside a session's or slug's).
    const auth: Auth | null = this.sessionId
      ? { sessionId: this.sessionId }
      : this.configurationId || (ref && !this.slug)
        ? { configurationId: this.configurationId || ref!.configurationId }
        : this.slug && this.clientId
          ? { slug: this.slug, clientId: this.clientId }
          : null;
    const apiUrl = this.apiUrl || DEFAULT_API_URL;
    // What keeps it from asking anything: a malformed booking ref, or a setup mistake (the message names
    // the attribute; the owner's console has the fix, src/owner.ts).
    const error =
      mode !== 'book' && !ref
        ? new ApiError('invalid_ref', 'The booking ref is not valid.', 0)
        : ref && this.configurationId && ref.configurationId !== this.configurationId.toLowerCase()
          ? new ApiError('invalid_ref', 'The booking ref is not for this configuration-id.', 0)
          : !auth
            ? new ApiError('not_configured', 'no configuration-id, session-id or slug', 0)
            : /^(https?:\/\/|\.{0,2}\/)/i.test(apiUrl)
              ? undefined
              : new ApiError('invalid_api_url', `api-url "${apiUrl}" has no scheme`, 0);
    // Asking Nylas US for want of an api-url: said once for the page, as the owner may have meant another API.
    if (!error && apiUrl == DEFAULT_API_URL && !this.hasAttribute('api-url') && !toldDefaultApi) {
      toldDefaultApi = true;
      void tellOwner();
    }
    return { client: error ? null : new SchedulerClient({ apiUrl, auth: auth!, timeoutMs: this.requestTimeout }), mode, ref, error };
  }

  protected override updated(): void {
    // Opening: the modal is shown once its part has rendered it.
    const dialog = this.#opening && this.renderRoot.querySelector('dialog');
    if (dialog) {
      this.#opening = false;
      loadedPart('popup')!.showModal(dialog, this.#trigger, (name) => this.#host.emit(name, null));
    }
    const { settings: shown, step: shownStep } = this.#flow.state;
    if (!this.#viewed && shown && shownStep !== 'loading' && (this.display === 'inline' || this.renderRoot.querySelector('dialog')?.open)) {
      this.#viewed = true;
      this.#host.emit('scheduler-view', { configuration_id: shown.configuration_id, display: this.display });
    }
    const { step, outcome, settings } = this.#flow.state;
    // The configuration's colour as the accent, its lightness bounded so that text on it and it on the
    // background stay readable in each scheme; the page's --scheduler-accent wins.
    const brand = (lightness: string) => `oklch(from ${settings?.appearance?.color} ${lightness} c h)`;
    // On the element itself, so that the floating button (outside the widget's box) wears it too.
    this.style.setProperty(
      '--_accent',
      CSS.supports('color', brand('l')) ? `var(--scheduler-accent,light-dark(${brand('min(l,.5)')},${brand('max(l,.75)')}))` : '',
    );
    const key = `${step}:${outcome}`;
    // A step whose part is still loading is entered once the part shows (focus goes to its heading then).
    const partLoading = step !== 'loading' && this.renderRoot.querySelector('[part=skeleton]');
    if (key !== this.#lastStep && !partLoading) {
      const first = this.#lastStep === '' || this.#lastStep.startsWith('loading');
      if (first && step !== 'loading') prefetchParts();
      this.#lastStep = key;
      // Focus follows the guest to each new step, but never leaves the page on first load.
      if (!first) this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
    }
    // The keyboard moved the calendar's active day (maybe into another month): focus follows it.
    const focused = this.shadowRoot?.activeElement;
    if (focused?.classList.contains('day') && focused.getAttribute('tabindex') !== '0') {
      this.renderRoot.querySelector<HTMLElement>('.day[tabindex="0"]')?.focus();
    }
  }

  protected override render(): TemplateResult {
    const flow = this.#flow;
    const { state } = flow;
    const { step, mode } = state;
    const { locale, strings } = this.#shown;
    const t = translator(strings, this.localization);
    const ctx: ViewContext = { flow, state, schedule: flow.scheduleView(), t, locale, hourCycle: this.hourCycle || defaultHourCycle(locale), host: this };
    const announcement =
      step === 'loading'
        ? t('loading')
        : state.busy
          ? t(mode === 'reschedule' ? 'rescheduling' : mode === 'cancel' ? 'cancelling' : 'booking')
          : '';
    const formStart = () => {
      if (!this.#formStarted && step === 'details') {
        this.#formStarted = true;
        this.#host.emit('scheduler-form-start', { configuration_id: state.settings!.configuration_id });
      }
    };
    const root = html`<div class="root" part="base" @input=${formStart} @change=${formStart} lang=${locale} dir=${/^(ar|he|fa|ur)\b/.test(locale) ? 'rtl' : nothing}>
      <div class="sr-only" role="status" aria-live="polite">${announcement}</div>
      ${step === 'fatal' ? renderNotice(ctx, state.fatal) : STEPS[step](ctx)}
    </div>`;
    if (this.display === 'inline') return root;
    const warm = () => this.#warm();
    // The modal's part loads once requests start (trigger hovered or focused), or at once for a floating button.
    const popup = (this.#wanted || this.display === 'floating') && getPart('popup', this);
    return html`<slot name="trigger" @click=${(event: Event) => this.open((event.target as Element).closest<HTMLElement>('[slot]'))} @pointerover=${warm} @focusin=${warm}></slot>
      ${popup ? popup.renderPopup(this, root, t, state.settings ? titleOf(state.settings) : t('openScheduler'), warm) : nothing}`;
  }
}

/** The element's public fields (its attributes and properties): every public member that is not a method or LitElement's. */
type ReactiveField = {
  [K in Exclude<keyof SchedulerWidget, keyof LitElement>]: SchedulerWidget[K] extends (...args: never[]) => unknown ? never : K;
}[Exclude<keyof SchedulerWidget, keyof LitElement>];

let pageTriggersWired = false;
/** The page was told once that a widget without api-url asks Nylas US. */
let toldDefaultApi = false;

/** What each step shows (`fatal` shows its error); the steps after choosing a time are in parts. */
const STEPS: Record<Exclude<Step, 'fatal'>, (ctx: ViewContext) => TemplateResult | typeof nothing> = {
  loading: renderSkeleton,
  schedule: renderSchedule,
  details: (ctx) => renderPart('details', ctx, (part) => part.renderDetails(ctx)),
  manage: (ctx) => renderPart('outcomes', ctx, (part) => part.renderManage(ctx)),
  done: (ctx) => renderPart('outcomes', ctx, (part) => part.renderDone(ctx)),
};
