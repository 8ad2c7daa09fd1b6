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

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);

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
      return booked
        ? { kind: 'rescheduled', method: 'REQUEST' }
        : { kind: role === 'guest' ? 'rescheduled' : 'approve' };
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

type Words = (typeof WORDS)[MailLanguage];
type Labelled = Array<[string, string]>;

/** What every mail shows, in the reader's language, before it is written as text or HTML. */
interface MailContent {
  language: MailLanguage;
  subject: string;
  heading: string;
  title: string;
  rows: Labelled;
  description: string | null;
  notes: string[];
  extraBody: string | null;
  links: Labelled;
  logo: string | null;
}

/** When, previously, where, who and why, as label and value. */
function rowsOf(
  { notice: { booking } }: EmailPayload,
  kind: MailKind,
  words: Words,
  span: (s: number, e: number) => string,
) {
  const rows: Labelled = [[words.when, span(booking.start, booking.end)]];
  if (booking.oldStart !== undefined && booking.oldEnd !== undefined)
    rows.push([words.previously, span(booking.oldStart, booking.oldEnd)]);
  if (booking.location) rows.push([words.where, booking.location]);
  const people = [booking.host, booking.guest, ...booking.additionalGuests].map((p) =>
    p.name ? `${p.name} <${p.email}>` : p.email,
  );
  rows.push([words.participants, people.join(', ')]);
  if ((kind === 'cancelled' || kind === 'declined') && booking.cancellationReason)
    rows.push([words.reason, booking.cancellationReason]);
  return rows;
}

/** The guest's reschedule and cancel links while the booking stands; the organizer's approval link. */
function linksOf(
  { notice: { settings }, role }: EmailPayload,
  kind: MailKind,
  words: Words,
  linkBase: string | undefined,
) {
  const links: Labelled = [];
  const add = (label: string, url: string | null) => {
    const href = absolute(url, linkBase);
    if (href) links.push([label, href]);
  };
  if (role === 'guest' && kind !== 'cancelled' && kind !== 'declined') {
    add(words.reschedule, settings.reschedulingUrl);
    add(words.cancel, settings.cancellationUrl);
  }
  if (kind === 'approve') add(words.approve, settings.confirmationUrl);
  return links;
}

function contentOf(payload: EmailPayload, kind: MailKind, linkBase: string | undefined): MailContent {
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
  const values = {
    title: booking.title,
    when: short.format(booking.start * 1000),
    guest: booking.guest.name,
    host: booking.host.name,
  };
  const guestMail = role === 'guest';
  const confirmedForGuest = guestMail && kind === 'confirmed';
  const notes: string[] = [];
  if (kind === 'pending') notes.push(words.pendingNote);
  if (kind === 'approve') notes.push(fill(words.approveNote, values));
  return {
    language,
    subject: (kind === 'reminder' && notice.reminder?.email_subject) || fill(words.subject[kind], values),
    heading: (confirmedForGuest && settings.confirmedTitle) || words.heading[kind],
    title: booking.title,
    rows: rowsOf(payload, kind, words, span),
    description: booking.description || null,
    notes,
    extraBody: confirmedForGuest ? settings.confirmedBody : null,
    links: linksOf(payload, kind, words, linkBase),
    logo: guestMail ? settings.logo : null,
  };
}

function textOf(mail: MailContent): string {
  return [
    mail.heading,
    '',
    mail.title,
    ...mail.rows.map(([label, value]) => `${label}: ${value}`),
    ...(mail.description ? ['', mail.description] : []),
    ...(mail.notes.length ? ['', ...mail.notes] : []),
    ...(mail.extraBody ? ['', mail.extraBody] : []),
    ...(mail.links.length ? ['', ...mail.links.map(([label, url]) => `${label}: ${url}`)] : []),
    '',
  ].join('\n');
}

function htmlOf(mail: MailContent): string {
  const row = ([label, value]: [string, string]) =>
    `<tr><th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(label)}</th>` +
    `<td style="padding:4px 0">${escapeHtml(value)}</td></tr>`;
  const link = ([label, url]: [string, string]) =>
    `<a href="${escapeHtml(url)}" style="margin-right:16px">${escapeHtml(label)}</a>`;
  return [
    '<!doctype html>',
    `<html lang="${mail.language}"><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;max-width:560px;margin:0 auto;padding:16px">',
    mail.logo ? `<p><img src="${escapeHtml(mail.logo)}" alt="" style="max-height:48px"></p>` : '',
    `<h1 style="font-size:20px">${escapeHtml(mail.heading)}</h1>`,
    `<h2 style="font-size:16px">${escapeHtml(mail.title)}</h2>`,
    '<table style="border-collapse:collapse">',
    ...mail.rows.map(row),
    '</table>',
    mail.description ? `<p style="white-space:pre-line">${escapeHtml(mail.description)}</p>` : '',
    ...mail.notes.map((note) => `<p>${escapeHtml(note)}</p>`),
    mail.extraBody ? `<p style="white-space:pre-line">${escapeHtml(mail.extraBody)}</p>` : '',
    mail.links.length ? `<p>${mail.links.map(link).join('')}</p>` : '',
    '</body></html>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderMail(payload: EmailPayload, stampMs: number, linkBase?: string): RenderedMail {
  const { notice, role } = payload;
  const { booking } = notice;
  const { kind, method } = kindOf(payload);
  const mail = contentOf(payload, kind, linkBase);
  const { subject, language } = mail;
  const text = textOf(mail);
  const html = htmlOf(mail);

  return {
    subject,
    text,
    html,
    ...(method && { ics: { method, content: invitation(notice, method, stampMs) } }),
    replyTo: role === 'guest' ? booking.host.email : booking.guest.email,
    language,
  };
}
