import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { brandingController } from './element/branding.js';
import { connectionController } from './element/connection.js';
import { focusController } from './element/focus.js';
import { languageController } from './element/language.js';
import { popupController } from './element/popup.js';
import { prefillOf, type NylasBookingInfo, type Prefill } from './element/prefill.js';
import { DECLARATIONS, PROPERTIES, type ElementProperties } from './element/properties.js';
import { BookingFlow } from './flow/flow.js';
import type { FlowHost, Step } from './flow/state.js';
import { translator } from './i18n/index.js';
import { renderPart } from './lazy/index.js';
import { styles } from './styles/styles.js';
import { browserTimeZone, defaultHourCycle, isValidTimeZone } from './time/index.js';
import { renderNotice, renderSkeleton, titleOf } from './views/common.js';
import type { ViewContext } from './views/context.js';
import { renderSchedule } from './views/schedule.js';

export type { NylasBookingInfo, Prefill };

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

  static override properties = DECLARATIONS;

  #host: FlowHost = {
    changed: () => this.requestUpdate(),
    emit: (name, detail, cancelable = false) =>
      this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable })),
    emailLanguage: () => this.#language.shown.locale,
  };
  #flowMade: BookingFlow | undefined;
  /** Made on first use: Intl's set-up (tens of ms in a fresh page) comes after the first requests have left. */
  get #flow(): BookingFlow {
    return (this.#flowMade ??= new BookingFlow(this.#host, browserTimeZone()));
  }
  #connection = connectionController(this, () => this.#flow);
  #language = languageController(this, (message) =>
    this.#host.emit('scheduler-error', { type: 'network', message, status: 0 }),
  );
  #popup = popupController(
    this,
    () => this.#connection.warm(),
    () => this.#connection.wanted,
    this.#host.emit,
  );
  /** Funnel events already sent (each once per widget). */
  #viewed = false;
  #formStarted = false;

  constructor() {
    super();
    // A copy each: no widget may share another's default objects (`prefill`, `localization`).
    Object.assign(this, structuredClone(PROPERTIES));
    brandingController(this, () => this.#flow.state.settings);
    focusController(this, () => this.#flow.state);
  }

  /** Opens the popup (`display="popup"` or `"floating"`); focus returns to `trigger` (default: what has focus) when it closes. */
  open(trigger?: HTMLElement | null): void {
    this.#popup.open(trigger);
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
    if (
      first ||
      changed.has('guestName') ||
      changed.has('guestEmail') ||
      changed.has('prefill') ||
      changed.has('prefillFromUrl') ||
      changed.has('bookingInfo')
    ) {
      flow.prefill = prefillOf(this);
      if (!first) flow.applyPrefill();
      // Nylas's prefill, once its part is there: it fills what the guest has not typed yet. Should
      // the part not load, neither will the form's, which tells the guest and the owner.
      if (this.bookingInfo) {
        import('./element/booking-info.js').then(
          ({ withBookingInfo }) => {
            flow.prefill = withBookingInfo(prefillOf(this), this);
            flow.applyPrefill();
          },
          () => {},
        );
      }
    }
    if (first || changed.has('timezone')) {
      flow.setTimeZone(this.timezone && isValidTimeZone(this.timezone) ? this.timezone : browserTimeZone());
    }
  }

  protected override updated(): void {
    const { settings, step } = this.#flow.state;
    if (
      !this.#viewed &&
      settings &&
      step !== 'loading' &&
      (this.display === 'inline' || this.renderRoot.querySelector('dialog')?.open)
    ) {
      this.#viewed = true;
      this.#host.emit('scheduler-view', { configuration_id: settings.configuration_id, display: this.display });
    }
  }

  protected override render(): TemplateResult {
    const flow = this.#flow;
    const { state } = flow;
    const { step, mode } = state;
    const { locale, strings } = this.#language.shown;
    const t = translator(strings, this.localization);
    const ctx: ViewContext = {
      flow,
      state,
      schedule: flow.scheduleView(),
      t,
      locale,
      hourCycle: this.hourCycle || defaultHourCycle(locale),
      host: this,
    };
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
    return this.#popup.render(root, t, state.settings ? titleOf(state.settings) : t('openScheduler'));
  }
}

/** The element's attributes and properties, typed and documented by their one declaration (element/properties.ts). */
export interface SchedulerWidget extends ElementProperties {}

/** What each step shows (`fatal` shows its error); the steps after choosing a time are in parts. */
const STEPS: Record<Exclude<Step, 'fatal'>, (ctx: ViewContext) => TemplateResult | typeof nothing> = {
  loading: renderSkeleton,
  schedule: renderSchedule,
  details: (ctx) => renderPart('details', ctx, (part) => part.renderDetails(ctx)),
  manage: (ctx) => renderPart('outcomes', ctx, (part) => part.renderManage(ctx)),
  done: (ctx) => renderPart('outcomes', ctx, (part) => part.renderDone(ctx)),
};
