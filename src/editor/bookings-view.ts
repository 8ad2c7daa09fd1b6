import { html, nothing } from 'lit';
import { cancelBooking, confirmBooking } from '../api/bookings.js';
import { decodeBookingRef } from '../contract/booking-ref.js';
import type { CalendarEvent } from '../contract/admin.js';
import type { BookingsContext, Notice } from './context.js';
import { noticeOf, renderNotice } from './notice.js';
import type { OrganizerBooking } from './admin.js';

/** How far back "past" and ahead "upcoming" reach: a year, Nylas's longest booking window. */
const REACH_SECONDS = 366 * 24 * 3600;

interface Entry {
  event: CalendarEvent;
  booking: OrganizerBooking;
}

/**
 * The organizer's bookings: the grant's events that bookings made (the local API names the booking
 * on its event), each read as the organizer sees it, to confirm, decline or cancel with the
 * widget's own booking calls.
 */
export class BookingsPanel {
  #entries: Entry[] | null = null;
  #notice: Notice | null = null;
  /** The booking whose cancellation awaits its confirmation. */
  #cancelling = '';
  /** The booking being moved on the guest's behalf, with the widget in its reschedule mode. */
  #rescheduling = '';
  #busy = '';

  constructor(
    readonly context: BookingsContext,
    /** Re-renders, then focuses what `focus` selects, if given. */
    readonly changed: (focus?: string) => void,
  ) {}

  async load(): Promise<void> {
    const { client } = this.context;
    const now = Math.floor(Date.now() / 1000);
    try {
      const calendars = await client.calendars();
      const events = (
        await Promise.all(
          calendars.map((calendar) =>
            client.events(calendar.id, { start: now - REACH_SECONDS, end: now + REACH_SECONDS }),
          ),
        )
      ).flat();
      const booked = events.filter((event) => event.booking_id);
      const entries = await Promise.all(
        booked.map(async (event) => ({ event, booking: await client.booking(event.booking_id!) })),
      );
      this.#entries = entries.sort((a, b) => a.event.when.start_time - b.event.when.start_time);
    } catch (error) {
      this.#notice = noticeOf(this.context.t, error);
    }
    this.changed();
  }

  async #act(entry: Entry, action: 'confirm' | 'decline' | 'cancel'): Promise<void> {
    const { client, t } = this.context;
    const id = entry.booking.booking_id;
    this.#busy = id;
    this.changed();
    try {
      if (action === 'cancel') await cancelBooking(client, id, {});
      else {
        // Only the salt of the organizer's booking ref confirms or declines.
        const salt = decodeBookingRef(entry.booking.organizer_booking_ref ?? '')?.salt ?? '';
        await confirmBooking(client, id, { salt, status: action === 'confirm' ? 'confirmed' : 'cancelled' });
      }
      this.#notice = {
        kind: 'status',
        text: t(action === 'confirm' ? 'confirmed' : action === 'decline' ? 'declined' : 'cancelled'),
      };
      this.#cancelling = '';
      await this.load();
      this.changed('h2');
    } catch (error) {
      this.#notice = noticeOf(this.context.t, error);
    } finally {
      this.#busy = '';
      this.changed();
    }
  }

  /** Opens the widget on the guest's booking ref: the guest's own reschedule screen, which tells them as it would. */
  async #rescheduleStep(id: string): Promise<void> {
    this.#cancelling = '';
    this.#rescheduling = id;
    if (id) await import('../define.js');
    this.changed(id ? `[part~="booking"] scheduler-widget` : 'h2');
  }

  async #rescheduled(): Promise<void> {
    this.#rescheduling = '';
    this.#notice = { kind: 'status', text: this.context.t('rescheduled') };
    await this.load();
    this.changed('h2');
  }

  #cancelStep(id: string): void {
    this.#cancelling = id;
    this.changed(id ? '[part~="booking"] [role="group"] button.danger' : 'h2');
  }

  #item(entry: Entry, now: number) {
    const { t, locale } = this.context;
    const { booking, event } = entry;
    const when = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).formatRange(
      event.when.start_time * 1000,
      event.when.end_time * 1000,
    );
    const guest = booking.guest ? `${booking.guest.name} <${booking.guest.email}>` : '';
    const id = booking.booking_id;
    const busy = this.#busy === id;
    const upcoming = event.when.end_time > now;
    const label = t('bookingWith', { title: booking.title, guest: booking.guest?.name ?? '' });
    return html`<li class="item" part="booking" aria-label=${label}>
      <span>
        <strong>${booking.title}</strong><br />
        <span>${when}</span><br />
        <span class="muted">${t('guest')}: ${guest}</span> · <span>${
          booking.status === 'pending' ? t('pending') : t('booked')
        }</span>
      </span>
      ${
        this.#cancelling === id
          ? html`<span class="actions" role="group" aria-label=${t('cancelBooking')}>
            <span>${t('confirmCancel', { guest: booking.guest?.name ?? '', when })}</span>
            <button type="button" class="danger" ?disabled=${busy}
              @click=${() => this.#act(entry, 'cancel')}>${t('cancelBooking')}</button>
            <button type="button" @click=${() => this.#cancelStep('')}>${t('keepBooking')}</button>
          </span>`
          : html`<span class="actions">
            ${
              booking.status === 'pending' && upcoming
                ? html`<button type="button" class="primary" ?disabled=${busy} aria-label="${t('confirm')}: ${label}"
                  @click=${() => this.#act(entry, 'confirm')}>${t('confirm')}</button>
                  <button type="button" ?disabled=${busy} aria-label="${t('decline')}: ${label}"
                    @click=${() => this.#act(entry, 'decline')}>${t('decline')}</button>`
                : nothing
            }
            ${
              booking.status !== 'cancelled' && upcoming && booking.booking_ref
                ? html`<button type="button" aria-expanded=${this.#rescheduling === id ? 'true' : 'false'}
                  aria-label="${t('reschedule')}: ${label}"
                  @click=${() => this.#rescheduleStep(this.#rescheduling === id ? '' : id)}>${t('reschedule')}</button>`
                : nothing
            }
            ${
              booking.status === 'booked' && upcoming
                ? html`<button type="button" class="danger" ?disabled=${busy}
                  aria-label="${t('cancelBooking')}: ${label}"
                    @click=${() => this.#cancelStep(id)}>${t('cancelBooking')}</button>`
                : nothing
            }
          </span>`
      }
      ${
        this.#rescheduling === id
          ? html`<div class="field wide">
            <p>${t('rescheduleFor', { guest: booking.guest?.name ?? '' })}</p>
            <scheduler-widget reschedule-booking-ref=${booking.booking_ref} api-url=${this.context.apiUrl}
              locale=${locale}
              theme=${this.context.theme || 'light'} tabindex="-1"
                @scheduler-rescheduled=${() => this.#rescheduled()}></scheduler-widget>
          </div>`
          : nothing
      }
    </li>`;
  }

  render() {
    const { t } = this.context;
    const now = Math.floor(Date.now() / 1000);
    const entries = this.#entries;
    const list = (heading: string, items: Entry[]) =>
      html`<section aria-label=${heading}>
        <h3>${heading}</h3>
        ${
          items.length
            ? html`<ul>${items.map((entry) => this.#item(entry, now))}</ul>`
            : html`<p class="muted">${t('noBookings')}</p>`
        }
      </section>`;
    return html`${renderNotice(this.#notice)}
      ${
        entries
          ? html`${list(
              t('upcoming'),
              entries.filter((entry) => entry.event.when.end_time > now),
            )}
          ${list(t('past'), entries.filter((entry) => entry.event.when.end_time <= now).reverse())}`
          : this.#notice
            ? nothing
            : html`<p class="muted">${t('loading')}</p>`
      }`;
  }
}
