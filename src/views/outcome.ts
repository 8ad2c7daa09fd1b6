import { html, nothing, type TemplateResult } from 'lit';
import { bookingToIcs, calendarLinks, type CalendarEntry } from '../ics.js';
import { renderNotice, renderSummary, titleOf } from './common.js';
import type { ViewContext } from './context.js';

/** The English of this step, which the one-file script leaves to its parts. */
export { enLater as english } from '../i18n/en-later.js';
import { safeUrl } from './safe-url.js';
import { stepStyles } from './step-styles.js';

export { stepStyles as styles };

function downloadIcs(booking: CalendarEntry): void {
  const url = URL.createObjectURL(
    new Blob([bookingToIcs(booking, Math.floor(Date.now() / 1000))], { type: 'text/calendar' }),
  );
  const link = Object.assign(document.createElement('a'), { href: url, download: 'booking.ics' });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `rescheduling_url` / `cancellation_url` with the booking ref filled in. */
export function manageLink(template: string | undefined, ref: string): string | null {
  return template ? safeUrl(template.replaceAll(':booking_ref', encodeURIComponent(ref))) : null;
}

/**
 * After a write: what happened, with a mark, the booking in a card, and what the guest may do next:
 * add it to a calendar, or change it (a new booking or a moved one only; the organizer who confirmed
 * is offered none of the guest's actions). A cancelled booking says what was cancelled.
 *
 * Rescheduling and cancelling are offered as Nylas's `<nylas-scheduling>` offers them
 * (https://developer.nylas.com/docs/reference/ui/scheduling/): in place, unless the configuration
 * links them (`rescheduling_url` / `cancellation_url`, with a `booking_ref` to fill in); never while
 * the booking awaits the organizer's confirmation, nor when `hide_*_options` say so.
 */
export function renderDone(ctx: ViewContext): TemplateResult {
  const { state, t } = ctx;
  const { booking, outcome, existing, settings } = state;
  if (outcome === 'cancelled') return renderCancelled(ctx, 'cancelledTitle');
  const pending = booking?.status === 'pending';
  // The guest's own booking, made or moved: theirs to add to a calendar and to change.
  const guests = (outcome === 'booked' || outcome === 'rescheduled') && !pending;
  const entry =
    guests && booking?.end_time
      ? ({ title: titleOf(settings!), organizer: settings!.organizer, ...booking } as CalendarEntry)
      : null;
  return html`<div class="done ${outcome === 'declined' ? 'gone' : ''}" part="confirmation">
      <h2 tabindex="-1" data-step-heading>${t(outcome === 'booked' && pending ? 'pendingTitle' : (`${outcome!}Title` as const))}</h2>
      ${outcome === 'booked' ? html`<p>${(!pending && settings!.appearance?.thank_you_message) || t(pending ? 'pendingText' : 'bookedText', { email: `\u2068${booking!.guest!.email}\u2069` })}</p>` : nothing}
    </div>
    ${renderSummary(ctx, 3, outcome === 'declined' ? existing : booking)}
    ${
      entry
        ? html`<div class="actions">
          <button type="button" part="button ics-button" @click=${() => downloadIcs(entry)}>${t('addToCalendar')}</button>
          ${calendarLinks(entry).map(([name, url]) => html`<a part="calendar-link" href=${url} target="_blank" rel="noopener">${name}</a>`)}
        </div>`
        : nothing
    }
    ${guests ? renderChanges(ctx) : nothing}`;
}

/**
 * Reschedule and cancel, each unless `hide_*_options` says so: a link when the configuration has one
 * (`rescheduling_url` / `cancellation_url`) and the answer a `booking_ref` to fill in, else in place.
 */
function renderChanges({ state, t, flow }: ViewContext): TemplateResult | typeof nothing {
  const scheduler = state.settings!.scheduler;
  const ref = state.booking?.booking_ref ?? '';
  const change = (
    hidden: boolean | undefined,
    template: string | undefined,
    mode: 'reschedule' | 'cancel',
    label: 'rescheduleLink' | 'cancelBooking',
  ) => {
    if (hidden) return nothing;
    const link = ref && manageLink(template, ref);
    const moving = mode === 'reschedule';
    return link
      ? html`<a part="${moving ? 'reschedule-link' : 'cancel-link'}" href=${link}>${t(label)}</a>`
      : html`<button
          type="button"
          part="${moving ? 'button reschedule-button' : 'button cancel-booking-button'}"
          @click=${() => flow.rebook(mode)}
        >${t(label)}</button>`;
  };
  if (scheduler.hide_rescheduling_options && scheduler.hide_cancellation_options) return nothing;
  return html`<div class="actions">
    ${change(scheduler.hide_rescheduling_options, scheduler.rescheduling_url, 'reschedule', 'rescheduleLink')}
    ${change(scheduler.hide_cancellation_options, scheduler.cancellation_url, 'cancel', 'cancelBooking')}
  </div>`;
}

/**
 * A cancelled booking, just now or before (the same on the cancel and the reschedule page): what was
 * cancelled, and a way to book the configuration again (its settings loaded, so it can be asked).
 */
function renderCancelled(ctx: ViewContext, title: 'cancelledTitle' | 'alreadyCancelled'): TemplateResult {
  const { t, flow, state } = ctx;
  return html`<div class="done gone" part="confirmation">
      <h2 tabindex="-1" data-step-heading>${t(title)}</h2>
    </div>
    ${renderSummary(ctx, 3, state.existing)}
    <div class="actions">
      <button type="button" class="primary" part="button book-again" @click=${() => flow.rebook()}>${t('bookAgain')}</button>
    </div>`;
}

/** Cancel (guest) or confirm/decline (organizer) an existing booking. */
export function renderManage(ctx: ViewContext): TemplateResult {
  const { state, flow, t } = ctx;
  const { existing: booking, busy, mode, form, settings } = state;
  const { guest, status } = booking!;
  // Nylas does not say the booking's status here: without it, the buttons are offered and the API decides.
  const guestRow = html`<dt>${t('guest')}</dt>
    <dd>${guest.name} &lt;${guest.email}&gt;</dd>`;
  const heading = html`<h2 tabindex="-1" data-step-heading>${t(mode === 'cancel' ? 'cancelTitle' : 'confirmTitle')}</h2>`;
  const cancelling = mode === 'cancel';
  if (status === 'cancelled' && mode !== 'confirm') return renderCancelled(ctx, 'alreadyCancelled');
  if (status === 'cancelled' || (!cancelling && status && status !== 'pending')) {
    return html`${heading}<p role="status">${t(status === 'cancelled' ? 'alreadyCancelled' : 'notPending')}</p>
      ${renderSummary(ctx, 3, booking, guestRow)}`;
  }
  const policy = cancelling && settings!.scheduler.cancellation_policy;
  const submit = (e: Event) => {
    e.preventDefault();
    void (cancelling ? flow.cancelBooking() : flow.decide('confirmed'));
  };
  return html`${heading}${renderSummary(ctx, 3, booking, cancelling ? nothing : guestRow)}
    ${policy ? html`<section part="policy"><h3>${t('cancellationPolicy')}</h3><p>${policy}</p></section>` : nothing}
    ${
      state.notice?.type === 'cancellation_notice'
        ? // Too late to cancel here: trying again will not help.
          html`<div class="notice" part="error" role="alert" tabindex="-1" data-step-heading><span>${t('tooLateToCancel')}</span></div>`
        : renderNotice(ctx, state.notice)
    }
    <form part="form" @submit=${submit}>
      <div class="field" part="field">
        <label for="reason">${t(cancelling ? 'cancelReason' : 'declineReason')}</label>
        <textarea
          id="reason"
          part="input"
          .value=${form.cancellationReason}
          @input=${(e: Event) => flow.updateForm({ cancellationReason: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
      </div>
      <div class="actions">
        ${
          cancelling
            ? html`<button type="submit" class="primary" part="button cancel-button" ?disabled=${busy}>
              ${t(busy ? 'cancelling' : 'cancelBooking')}
            </button>`
            : html`<button type="button" part="button decline-button" ?disabled=${busy} @click=${() => flow.decide('cancelled')}>${t('decline')}</button>
              <button type="submit" class="primary" part="button confirm-button" ?disabled=${busy}>${t('confirm')}</button>`
        }
      </div>
    </form>`;
}
