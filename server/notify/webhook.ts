/**
 * Webhook deliveries as Nylas sends them (developer.nylas.com/docs/v3/notifications/ and
 * developer.nylas.com/docs/reference/notifications/scheduler/): a CloudEvents envelope, POSTed as
 * JSON, signed with `X-Nylas-Signature` (lowercase hex HMAC-SHA256 of the raw body bytes keyed with
 * the webhook's secret; of the gzip bytes with `compressed_delivery`), retried on 408, 429, 502,
 * 503, 504 and 507 and on network errors, up to 3 attempts.
 */
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { icalUid, type Notice } from './enqueue.js';
import { mailLanguage } from './i18n.js';

/** Nylas's "application" of this server: it has no applications, so one fixed id. */
export const LOCAL_APPLICATION_ID = 'scheduler-widget-local';
export const WEBHOOK_ATTEMPTS = 3;
export const RETRIED_STATUSES = new Set([408, 429, 502, 503, 504, 507]);
export const RECEIVER_TIMEOUT_MS = 10_000;

export const sign = (body: Uint8Array, secret: string): string =>
  createHmac('sha256', secret).update(body).digest('hex');

/** What `booking_info` adds for one trigger: the old time, the reason, the time left, the approval link. */
function triggerInfo({ booking, settings }: Notice, trigger: string, nowMs: number): Record<string, unknown> {
  switch (trigger) {
    case 'booking.pending':
      return { host_confirmation_url: settings.confirmationUrl ?? '' };
    case 'booking.rescheduled':
      return { old_start_time: booking.oldStart ?? booking.start, old_end_time: booking.oldEnd ?? booking.end };
    case 'booking.cancelled':
      return { cancellation_reason: booking.cancellationReason ?? '' };
    case 'booking.reminder':
      return {
        time_until_event: Math.max(0, Math.round(booking.start - nowMs / 1000)),
        organizer_email: booking.host.email,
        provider: 'local',
      };
    default:
      return {};
  }
}

/** `data.object` of a booking trigger. */
export function bookingObject(notice: Notice, trigger: string, nowMs: number): Record<string, unknown> {
  const { booking, settings } = notice;
  const info: Record<string, unknown> = {
    event_id: booking.eventId,
    start_time: booking.start,
    end_time: booking.end,
    participants: [booking.guest, ...booking.additionalGuests].map((p) => ({ email: p.email, name: p.name })),
    additional_fields: Object.keys(booking.additionalFields).length ? booking.additionalFields : null,
    hide_cancellation_options: settings.hideCancellation,
    hide_rescheduling_options: settings.hideRescheduling,
    participant_rescheduling_url: settings.reschedulingUrl ?? '',
    participant_cancellation_url: settings.cancellationUrl ?? '',
    host_language: 'en',
    guest_language: mailLanguage(booking.emailLanguage),
    title: booking.title,
    duration: Math.round((booking.end - booking.start) / 60),
    location: booking.location ?? '',
    organizer_timezone: settings.organizerTimezone,
    guest_timezone: booking.timezone ?? settings.organizerTimezone,
    is_group_event: settings.isGroup,
    organizer_calendar_id: settings.calendarId ?? '',
    ...(booking.description && { event_description: booking.description }),
    ical_uid: icalUid(booking.id),
  };
  Object.assign(info, triggerInfo(notice, trigger, nowMs));
  return {
    booking_id: booking.id,
    configuration_id: booking.configurationId,
    ...(trigger !== 'booking.cancelled' && trigger !== 'booking.reminder' && { booking_ref: booking.guestRef }),
    ...((trigger === 'booking.created' || trigger === 'booking.rescheduled') && { object: 'booking' }),
    ...(trigger === 'booking.pending' && { booking_type: 'organizer-confirmation' }),
    booking_info: info,
  };
}

/** The envelope: `id` is the outbox row's (the same on every attempt: receivers dedupe on it). */
export function envelope(
  id: string,
  trigger: string,
  createdMs: number,
  attempt: number,
  object: Record<string, unknown>,
) {
  return {
    specversion: '1.0',
    type: trigger,
    source: '/nylas/passthru',
    id,
    time: Math.floor(createdMs / 1000),
    webhook_delivery_attempt: attempt,
    data: { application_id: LOCAL_APPLICATION_ID, object },
  };
}

export type DeliveryOutcome = { ok: true } | { ok: false; retry: boolean; error: string };

/** POSTs one delivery; never throws. */
export async function deliver(
  url: string,
  secret: string,
  compressed: boolean,
  body: Record<string, unknown>,
  timeoutMs = RECEIVER_TIMEOUT_MS,
): Promise<DeliveryOutcome> {
  const json = Buffer.from(JSON.stringify(body));
  const bytes = compressed ? gzipSync(json) : json;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(compressed && { 'Content-Encoding': 'gzip' }),
        'X-Nylas-Signature': sign(bytes, secret),
        'User-Agent': 'scheduler-widget-local-api',
      },
      body: bytes,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true };
    return { ok: false, retry: RETRIED_STATUSES.has(response.status), error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, retry: true, error: (error as Error).message };
  }
}

/**
 * Nylas's challenge: `GET <url>?challenge=<value>`, answered within 10 s with 200 and exactly the
 * value as the body.
 */
export async function verifyChallenge(
  url: string,
  challenge: string,
  timeoutMs = RECEIVER_TIMEOUT_MS,
): Promise<boolean> {
  try {
    const target = new URL(url);
    target.searchParams.set('challenge', challenge);
    const response = await fetch(target, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return response.status === 200 && text === challenge;
  } catch {
    return false;
  }
}
