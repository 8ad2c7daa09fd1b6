/**
 * A booking mail from its outbox payload: subject, plain text, HTML and the iTIP invitation. The
 * guest's mails are in the booking's `email_language` and time zone and carry the configuration's
 * `scheduler.email_template` (logo; the confirmation's title and body) and the reschedule and cancel
 * links (developer.nylas.com/docs/v3/scheduler/customize-booking-flows/); the organizer's are in
 * English, in the organizer's time zone, and a pending booking's carries the confirmation link.
 */
import { LOCALES, mailLanguage, WORDS, type MailKind, type MailLanguage } from './i18n.js';
import { invitation, type ItipMethod } from './ical.js';
import type { EmailPayload } from './enqueue.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The invitation, when this mail carries one. */
  ics?: { method: ItipMethod; content: string };
  replyTo: string;
  language: MailLanguage;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);

function validZone(zone: string | null | undefined, fallback: string): string {
  for (const candidate of [zone, fallback]) {
    if (!candidate) continue;
    try {
      new Intl.DateTimeFormat('en', { timeZone: candidate });
      return candidate;
    } catch {
      // not a zone Intl knows: try the next
    }
  }
  return 'UTC';
}

/** Which mail a recipient gets for a change, and whether it carries an invitation. */
function kindOf({ notice, role }: EmailPayload): { kind: MailKind; method?: ItipMethod } {
  const { change, booking } = notice;
  const booked = booking.status === 'booked';
  switch (change) {
    case 'created':
    case 'confirmed':
      return { kind: role === 'guest' ? 'confirmed' : 'hostBooked', method: 'REQUEST' };
    case 'pending':
      return { kind: role === 'guest' ? 'pending' : 'approve' };
    case 'declined':
      return { kind: 'declined' };
    case 'rescheduled':
      return booked ? { kind: 'rescheduled', method: 'REQUEST' } : { kind: role === 'guest' ? 'rescheduled' : 'approve' };
    case 'cancelled':
      return booking.invited ? { kind: 'cancelled', method: 'CANCEL' } : { kind: 'cancelled' };
    case 'reminder':
      return { kind: 'reminder' };
  }
}

/** A relative link (the demo's `/cancel.html?…`) made absolute against `linkBase` when one is known. */
function absolute(url: string | null, linkBase: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url, linkBase).href;
  } catch {
    return url;
  }
}

export function renderMail(payload: EmailPayload, stampMs: number, linkBase?: string): RenderedMail {
  const { notice, role } = payload;
  const { booking, settings } = notice;
  const language: MailLanguage = role === 'guest' ? mailLanguage(booking.emailLanguage) : 'en';
  const words = WORDS[language];
  const zone = validZone(role === 'guest' ? booking.timezone : settings.organizerTimezone, settings.organizerTimezone);
  const locale = LOCALES[language];
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone });
  const short = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const span = (start: number, end: number) => `${day.format(start * 1000)} – ${time.format(end * 1000)} (${zone})`;
  const { kind, method } = kindOf(payload);
  const values = { title: booking.title, when: short.format(booking.start * 1000), guest: booking.guest.name, host: booking.host.name };

  const subject =
    kind === 'reminder' && notice.reminder?.email_subject ? notice.reminder.email_subject : fill(words.subject[kind], values);
  const guestMail = role === 'guest';
  const heading = guestMail && kind === 'confirmed' && settings.confirmedTitle ? settings.confirmedTitle : words.heading[kind];
  const rows: Array<[string, string]> = [[words.when, span(booking.start, booking.end)]];
  if (booking.oldStart !== undefined && booking.oldEnd !== undefined) rows.push([words.previously, span(booking.oldStart, booking.oldEnd)]);
  if (booking.location) rows.push([words.where, booking.location]);
  const people = [booking.host, booking.guest, ...booking.additionalGuests].map((p) => (p.name ? `${p.name} <${p.email}>` : p.email));
  rows.push([words.participants, people.join(', ')]);
  if ((kind === 'cancelled' || kind === 'declined') && booking.cancellationReason) rows.push([words.reason, booking.cancellationReason]);

  const notes: string[] = [];
  if (kind === 'pending') notes.push(words.pendingNote);
  if (kind === 'approve') notes.push(fill(words.approveNote, values));
  const links: Array<[string, string]> = [];
  const live = kind !== 'cancelled' && kind !== 'declined';
  if (guestMail && live) {
    const reschedule = absolute(settings.reschedulingUrl, linkBase);
    const cancel = absolute(settings.cancellationUrl, linkBase);
    if (reschedule) links.push([words.reschedule, reschedule]);
    if (cancel) links.push([words.cancel, cancel]);
  }
  if (kind === 'approve') {
    const approve = absolute(settings.confirmationUrl, linkBase);
    if (approve) links.push([words.approve, approve]);
  }
  const extraBody = guestMail && kind === 'confirmed' ? settings.confirmedBody : null;

  const text = [
    heading,
    '',
    booking.title,
    ...rows.map(([label, value]) => `${label}: ${value}`),
    ...(booking.description ? ['', booking.description] : []),
    ...(notes.length ? ['', ...notes] : []),
    ...(extraBody ? ['', extraBody] : []),
    ...(links.length ? ['', ...links.map(([label, url]) => `${label}: ${url}`)] : []),
    '',
  ].join('\n');

  const logo = guestMail && settings.logo ? `<p><img src="${escapeHtml(settings.logo)}" alt="" style="max-height:48px"></p>` : '';
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;max-width:560px;margin:0 auto;padding:16px">',
    logo,
    `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>`,
    `<h2 style="font-size:16px">${escapeHtml(booking.title)}</h2>`,
    '<table style="border-collapse:collapse">',
    ...rows.map(
      ([label, value]) =>
        `<tr><th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
    booking.description ? `<p style="white-space:pre-line">${escapeHtml(booking.description)}</p>` : '',
    ...notes.map((note) => `<p>${escapeHtml(note)}</p>`),
    extraBody ? `<p style="white-space:pre-line">${escapeHtml(extraBody)}</p>` : '',
    links.length
      ? `<p>${links.map(([label, url]) => `<a href="${escapeHtml(url)}" style="margin-right:16px">${escapeHtml(label)}</a>`).join('')}</p>`
      : '',
    '</body></html>',
    '',
  ]
    .filter(Boolean)
    .join('\n');

  return {
    subject,
    text,
    html,
    ...(method && { ics: { method, content: invitation(notice, method, stampMs) } }),
    replyTo: role === 'guest' ? booking.host.email : booking.guest.email,
    language,
  };
}
