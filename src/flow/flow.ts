import type { SchedulerClient } from '../api/client.js';
import { ApiError, isAbort, isSlotTaken } from '../api/errors.js';
import type { BookingRef } from '../contract/booking-ref.js';
import { isEventFull, isGroupSlot } from '../contract/group.js';
import type { GroupTimeSlot, Person, TimeSlot, UiSettings } from '../contract/guest.js';
import { tellOwner } from '../tell-owner.js';
import { addMonths, clampKey, dayKeyOf, monthOf } from '../time/index.js';
import { MonthCache, type MonthAvailability } from './months.js';
import { filled, localMonthWindow, type GuestForm } from './requests.js';
import type { FlowHost, FlowState, Mode, ScheduleView, StartOptions, Step, ViewActions } from './state.js';
import type { Writer } from './writes.js';

type Writes = typeof import('./writes.js');
let loadedWrites: Writes | undefined;
/** The writes, a chunk of their own: only the steps after choosing a time write. */
export const loadWrites = async (): Promise<Writes> => (loadedWrites = await import('./writes.js'));

const picks = (mode: Mode) => mode === 'book' || mode === 'reschedule';
/** Rescheduling: the booking's own time counts as free. */
const rescheduled = (mode: Mode, ref: BookingRef | undefined) => (mode === 'reschedule' ? ref?.bookingId : undefined);

/**
 * The first requests of `start` for a guest in the browser's own zone, sent before the flow is
 * set up (before Intl is): ui-settings and this month's times. `start` then takes their answers.
 */
export function sendAhead({ client, mode, ref }: StartOptions): void {
  void client?.uiSettings(ref?.bookingId);
  if (picks(mode))
    void client?.availability({ ...localMonthWindow(Date.now() / 1000), bookingId: rescheduled(mode, ref) });
}

/**
 * The booking flow as plain state and transitions, no DOM: pick date → pick time → details →
 * submitting → done; and the reschedule, cancel and confirm paths. The element renders `state`
 * and turns user input into calls here; everything that talks to the API goes through here.
 */
export class BookingFlow implements ViewActions {
  state: FlowState;
  #host: FlowHost;
  #client: SchedulerClient | null = null;
  #ref: BookingRef | undefined;
  #months = new MonthCache(
    (window) =>
      this.#client!.availability(
        { ...window, bookingId: rescheduled(this.state.mode, this.#ref) },
        this.#lifetime.signal,
      ),
    (month, { error }) => {
      // While loading, #load reports it (or the ui-settings' failure, which has the same cause); once blocked, nothing more.
      const { step } = this.state;
      if (error && month === this.state.month && step !== 'loading' && step !== 'fatal') this.#fail(error, false);
      else this.#host.changed();
    },
  );
  #lifetime = new AbortController();
  #lastAction: (() => unknown) | null = null;
  #again: (() => void) | undefined;
  #heldEvent: Promise<string | undefined> | undefined;
  /** Where the guest was when a blocking error struck, to resume there once it is fixed. */
  // Stryker disable next-line StringLiteral: equivalent, it is only ever compared with 'details'
  #resumeStep: Step = 'schedule';
  /** Values the host page gave before the guest typed anything. */
  prefill: {
    name?: string;
    email?: string;
    fields?: Record<string, string>;
    additionalGuests?: Person[];
    /** The page's query string: fills `metadata` fields of the same key (utm_source…), and with `all` any field. */
    url?: { params: Record<string, string>; all: boolean };
  } = {};

  constructor(host: FlowHost, timeZone: string) {
    this.#host = host;
    const today = dayKeyOf(this.#nowSeconds(), timeZone);
    this.state = {
      mode: 'book',
      step: 'loading',
      settings: null,
      existing: null,
      timeZone,
      month: monthOf(today),
      activeDay: today,
      selectedDay: null,
      slot: null,
      form: { name: '', email: '', additionalGuests: [], fields: {}, cancellationReason: '' },
      busy: false,
      notice: null,
      fatal: null,
      outcome: null,
      booking: null,
      nextMonthWithTimes: null,
    };
  }

  #nowSeconds(): number {
    return Math.floor(Date.now() / 1000);
  }

  #set(patch: Partial<FlowState>): void {
    this.state = { ...this.state, ...patch };
    this.#host.changed();
  }

  /**
   * Connects to a configuration (again). The guest's selection and typed details are kept when the
   * configuration stays the same (a new session id for the same page resumes where the guest was).
   */
  start({ client, mode, ref, error, again }: StartOptions): void {
    this.dispose();
    this.#lifetime = new AbortController();
    this.#client = client;
    this.#ref = ref;
    this.#again = again;
    this.#months.clear();
    const sameFlow = mode === this.state.mode && this.state.settings !== null;
    this.#rememberStep();
    this.#set({
      mode,
      step: 'loading',
      fatal: null,
      notice: null,
      busy: false,
      ...(sameFlow ? {} : { outcome: null, booking: null, existing: null }),
    });
    // Told a task later, and in the console too: a page's script may still be setting the
    // attributes that were missing (which starts again, cancelling this).
    const { signal } = this.#lifetime;
    if (error) setTimeout(() => signal.aborted || this.#fail(error, true));
    else void this.#load(sameFlow);
  }

  dispose(): void {
    this.#lifetime.abort();
  }

  async #load(resume: boolean): Promise<void> {
    const { mode } = this.state;
    const picking = picks(mode);
    this.#lastAction = () => this.#load(resume);
    const settingsRequest = this.#client!.uiSettings(this.#ref?.bookingId, this.#lifetime.signal);
    // ui-settings and the first month of availability in one round trip.
    if (picking) void this.loadMonth(this.state.month);
    // Which event the booking holds (a group seat: which session), for `scheduler-cancelled`: ui-settings does not say.
    if (mode === 'cancel')
      this.#heldEvent = this.#client!.getBooking(this.#ref!.bookingId, this.#lifetime.signal).then(
        (booking) => booking.event_id,
        () => undefined,
      );
    try {
      const settings = await settingsRequest;
      const sameConfiguration = resume && this.state.settings?.configuration_id === settings.configuration_id;
      // Nylas gives a booking's time, when it does, under `event_data.when`; the local API at its top level.
      const { booking } = settings;
      const existing = booking ? { ...booking, ...booking.event_data?.when } : null;
      this.#set({ settings, existing, ...(sameConfiguration ? {} : { form: this.#initialForm(settings) }) });
      this.#host.emit('scheduler-ready', settings);
      if (mode !== 'book' && !existing) throw new ApiError('not_found_error', 'Booking not found.', 404);
      // A cancelled booking is shown as such on every page (cancel, reschedule, confirm).
      if (picking && existing?.status !== 'cancelled') {
        await this.#openSchedule(sameConfiguration && this.#resumeStep === 'details');
      } else {
        this.#set({ step: 'manage' });
      }
    } catch (error) {
      if (!isAbort(error)) this.#fail(error, true);
    }
  }

  /**
   * The schedule once its first month's times are known (the skeleton stays until then: one render
   * of the schedule, not two), or the form again (`toDetails`: the guest was there, with a time).
   * Rescheduling opens on the booked day (when it can still be chosen), its time among the day's.
   */
  async #openSchedule(toDetails: boolean): Promise<void> {
    const { existing, timeZone, slot } = this.state;
    const booked = existing?.start_time && dayKeyOf(existing.start_time, timeZone);
    const { today, lastDay } = this.bounds();
    if (booked && booked >= today && booked <= lastDay) {
      this.#set({ month: monthOf(booked), selectedDay: booked, activeDay: booked });
    }
    await this.loadMonth(this.state.month);
    this.#set({ step: toDetails && slot ? 'details' : 'schedule' });
    const failed = this.monthState()?.error;
    if (failed) this.#fail(failed, false);
    else this.#afterMonthLoaded(this.state.month);
  }

  /** The form as it starts: a booking being rescheduled fills it (as Nylas's element does), then the page's prefill, then defaults. */
  #initialForm(settings: UiSettings): GuestForm {
    const { prefill } = this;
    const held = settings.booking;
    const fields: Record<string, string> = {};
    for (const [key, field] of Object.entries(settings.scheduler.additional_fields ?? {})) {
      const fromUrl =
        prefill.url && (prefill.url.all || field.type === 'metadata') ? prefill.url.params[key] : undefined;
      // Strings only: a field keyed "toString" or "constructor" must not take Object.prototype's member.
      const value = [held?.additional_fields?.[key], prefill.fields?.[key], fromUrl, field.default].find(
        (v) => typeof v == 'string',
      );
      if (value !== undefined) fields[key] = value;
    }
    return {
      name: held?.guest.name ?? prefill.name ?? '',
      email: held?.guest.email ?? prefill.email ?? '',
      additionalGuests: (held?.additional_guests ?? prefill.additionalGuests)?.map((g) => ({ ...g })) ?? [],
      fields,
      cancellationReason: '',
    };
  }

  /** Host-provided values changed: fill what the guest has not typed yet. */
  applyPrefill(): void {
    const { form, settings } = this.state;
    if (!settings) return;
    const initial = this.#initialForm(settings);
    this.updateForm({
      name: form.name || initial.name,
      email: form.email || initial.email,
      additionalGuests: form.additionalGuests.length ? form.additionalGuests : initial.additionalGuests,
      fields: { ...initial.fields, ...filled(form.fields) },
    });
  }

  // ------------------------------------------------------------ months and days

  monthState(month = this.state.month): MonthAvailability | undefined {
    return this.#months.monthState(month, this.state.timeZone);
  }

  /** Today and the last bookable day, in the guest's zone. */
  bounds(): { today: string; lastDay: string } {
    const now = this.#nowSeconds();
    const { settings, timeZone } = this.state;
    const days = settings?.scheduler.available_days_in_future ?? 30;
    return { today: dayKeyOf(now, timeZone), lastDay: dayKeyOf(now + days * 86400, timeZone) };
  }

  /** Fetches a month once (cached; concurrent asks share one request). */
  loadMonth(month: string): Promise<void> {
    return this.#months.loadMonth(month, this.state.timeZone, this.#nowSeconds());
  }

  /** Shows a month; selects its first day with times unless the selection is in it. */
  async showMonth(month: string): Promise<void> {
    const { today, lastDay } = this.bounds();
    if (month < monthOf(today) || month > monthOf(lastDay)) return;
    if (month !== this.state.month) this.#host.emit('scheduler-month-change', { month });
    this.#set({
      month,
      notice: null,
      nextMonthWithTimes: null,
      activeDay: this.state.activeDay.startsWith(month)
        ? this.state.activeDay
        : clampKey(`${month}-01`, today, lastDay),
    });
    this.#lastAction = () => this.showMonth(month);
    await this.loadMonth(month);
    if (this.state.month === month) this.#afterMonthLoaded(month);
  }

  #afterMonthLoaded(month: string): void {
    const entry = this.monthState(month);
    if (entry?.status !== 'ready') return;
    const [first] = [...entry.byDay.keys()].sort();
    const selectedHere = this.state.selectedDay?.startsWith(month) && entry.byDay.has(this.state.selectedDay);
    if (!selectedHere && first) {
      this.#set({ selectedDay: first, activeDay: first });
      this.#host.emit('scheduler-date-select', { date: first });
    }
    // The next month is warmed once the browser is idle, after this one has painted.
    if (first) (globalThis.requestIdleCallback ?? setTimeout)(() => this.prefetch(addMonths(month, 1)));
    else this.#findNextMonthWithTimes(month);
  }

  /** Warms the cache for a month the guest is likely to open next. */
  prefetch(month: string): void {
    const { lastDay } = this.bounds();
    if (month <= monthOf(lastDay)) void this.loadMonth(month);
  }

  async #findNextMonthWithTimes(from: string): Promise<void> {
    this.#set({ nextMonthWithTimes: undefined });
    const { timeZone } = this.state;
    const last = monthOf(this.bounds().lastDay);
    const next = await this.#months.nextWithTimes(
      from,
      last,
      timeZone,
      this.#nowSeconds(),
      () => this.state.month === from,
    );
    if (next !== undefined) this.#set({ nextMonthWithTimes: next });
  }

  /** The keyboard moved through the calendar (possibly into another month). */
  activateDay(day: string): void {
    const month = monthOf(day);
    this.#set({ activeDay: day });
    if (month !== this.state.month) void this.showMonth(month);
  }

  selectDay(day: string): void {
    if (!this.monthState(monthOf(day))?.byDay.has(day)) return;
    this.#set({ selectedDay: day, activeDay: day, notice: null });
    this.#host.emit('scheduler-date-select', { date: day });
  }

  scheduleView(): ScheduleView {
    const day = this.state.selectedDay;
    const slots = day ? this.monthState(monthOf(day))?.byDay.get(day) : undefined;
    return { month: this.monthState(), ...this.bounds(), slots: slots ?? [] };
  }

  selectSlot(slot: TimeSlot): void {
    this.#set({ slot, notice: null, ...(isGroupSlot(slot) ? {} : { step: 'details' as const }) });
    this.#host.emit('scheduler-slot-select', { slot });
    if (isGroupSlot(slot)) void this.#validate(slot);
  }

  /** A group occurrence is checked before the form: it may have filled up, moved or gone since it was listed. */
  async #validate(slot: GroupTimeSlot): Promise<void> {
    this.#lastAction = () => this.selectSlot(slot);
    try {
      await this.#client!.validateTimeslot(this.state.settings!.configuration_id, slot, this.#lifetime.signal);
      if (this.state.slot === slot) this.#set({ step: 'details' });
    } catch (error) {
      if (this.state.slot === slot && !isAbort(error)) this.#failWrite(error, true);
    }
  }

  back(): void {
    this.#set({ step: 'schedule', notice: null });
  }

  /** A new zone re-groups days and times; the chosen instant stays the same. */
  setTimeZone(timeZone: string): void {
    if (timeZone === this.state.timeZone) return;
    if (this.state.settings) this.#host.emit('scheduler-timezone-change', { timeZone });
    const { slot, selectedDay } = this.state;
    const day = slot ? dayKeyOf(slot.start_time, timeZone) : (selectedDay ?? dayKeyOf(this.#nowSeconds(), timeZone));
    this.#set({ timeZone, selectedDay: slot || selectedDay ? day : null, activeDay: day, month: monthOf(day) });
    if (this.state.step !== 'loading' && this.state.step !== 'fatal') void this.showMonth(monthOf(day));
  }

  /** Takes a patch, or a function of the current form (for changes based on it). */
  updateForm(patch: Partial<GuestForm> | ((form: GuestForm) => Partial<GuestForm>)): void {
    const form = this.state.form;
    this.#set({ form: { ...form, ...(typeof patch === 'function' ? patch(form) : patch) } });
  }

  // ------------------------------------------------------------ writes

  /** What a write needs of the flow (src/flow/writes.ts); none while one is under way. */
  #writer(): Writer | undefined {
    if (this.state.busy || !this.#client) return;
    return {
      state: this.state,
      client: this.#client,
      ref: this.#ref,
      signal: this.#lifetime.signal,
      host: this.#host,
      emailLanguage: this.#host.emailLanguage?.(),
      heldEvent: this.#heldEvent,
      set: (patch) => this.#set(patch),
      monthState: (month) => this.monthState(month),
      failWrite: (error) => this.#failWrite(error, false),
    };
  }

  /** Books (or, in reschedule mode, moves the booking to) the selected slot. One write at a time. */
  async submit(): Promise<void> {
    if (!this.state.slot || !this.state.settings) return;
    this.#lastAction = () => this.submit();
    await this.#write((writes, writer) => writes.submitBooking(writer));
  }

  async cancelBooking(): Promise<void> {
    this.#lastAction = () => this.cancelBooking();
    await this.#write((writes, writer) => writes.cancelBooking(writer));
  }

  async decide(status: 'confirmed' | 'cancelled'): Promise<void> {
    this.#lastAction = () => this.decide(status);
    await this.#write((writes, writer) => writes.decideBooking(writer, status));
  }

  /**
   * Runs a write from the writes' chunk: at once when it has loaded (it is prefetched with the steps
   * that write), else once it has; a notice with a retry if it cannot load. The writer is taken after
   * loading, so a second click meanwhile finds the first write busy.
   */
  async #write(run: (writes: Writes, writer: Writer) => Promise<void>): Promise<void> {
    let writes = loadedWrites;
    if (!writes) {
      try {
        writes = await loadWrites();
      } catch (error) {
        return this.#fail(new ApiError('network', `could not load the booking code (${error})`, 0), false);
      }
    }
    const writer = this.#writer();
    if (writer) await run(writes, writer);
  }

  /**
   * Books anew; or, as Nylas's `<nylas-scheduling>` after a booking, reschedules or cancels it in
   * place, with its `booking_id` and the configuration or session this widget holds (a ref without salt).
   */
  rebook(mode?: 'reschedule' | 'cancel'): void {
    const { booking, settings } = this.state;
    this.start({
      client: this.#client,
      mode: mode ?? 'book',
      ref: mode && { configurationId: settings!.configuration_id, bookingId: booking!.booking_id, salt: '' },
    });
  }

  /**
   * A write (or a group occurrence's validation) failed. When the time is gone (somebody else got
   * it; a group session filled up, moved or was removed): refresh the times, keep what was typed,
   * go back to choosing.
   */
  #failWrite(error: unknown, validating: boolean): void {
    const { status } = error as ApiError;
    const gone = isSlotTaken(error)
      ? (error as ApiError)
      : error instanceof ApiError && isGroupSlot(this.state.slot)
        ? isEventFull(error)
          ? new ApiError('session_full', error.message, status)
          : status === 404 || (validating && status === 400)
            ? new ApiError('session_changed', error.message, status)
            : null
        : null;
    this.#fail(gone ?? error, false);
    if (gone) {
      this.#months.clear();
      this.#set({ slot: null, step: 'schedule' });
      void this.showMonth(this.state.month).then(() => this.#set({ notice: gone }));
    }
  }

  #rememberStep(): void {
    const { step } = this.state;
    if (step === 'schedule' || step === 'details') this.#resumeStep = step;
  }

  /** Repeats what last failed. */
  retry(): void {
    const action = this.#lastAction;
    this.#set({ notice: null, fatal: null, ...(this.state.step === 'fatal' ? { step: 'loading' as const } : {}) });
    if (this.state.step === 'loading') {
      if (this.#again) this.#again();
      else this.start({ client: this.#client!, mode: this.state.mode, ref: this.#ref });
      return;
    }
    this.#months.forgetErrors();
    void action?.();
  }

  #fail(error: unknown, fatal: boolean): void {
    const apiError =
      error instanceof ApiError ? error : new ApiError('internal_error', String((error as Error)?.message ?? error), 0);
    const blocking = fatal || apiError.type === 'invalid_session';
    // The owner is told in the console what keeps the widget from working, or never got an answer.
    if (blocking || !apiError.status) void tellOwner(apiError, this.#client?.options);
    if (blocking) this.#rememberStep();
    this.#set(blocking ? { fatal: apiError, step: 'fatal' } : { notice: apiError });
    this.#host.emit('scheduler-error', apiError.toJSON());
  }
}
