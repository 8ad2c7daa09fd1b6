// The demo pages' own script: loads the widget from source, logs its events, and plays the part
// of a site's backend where a page needs one (private sessions, the organizer's list).
import '../src/define.js';

const pages: Array<[string, string]> = [
  ['/', 'Public booking'],
  ['/private.html', 'Private (session)'],
  ['/round-robin.html', 'Round-robin'],
  ['/confirmation.html', 'Needs organizer confirmation'],
  ['/group.html', 'Group class (seats)'],
  ['/organizer.html', 'Organizer: pending bookings'],
  ['/editor.html', 'Organizer: pages and bookings (editor)'],
  ['/mailbox.html', 'Mailbox: mail sent'],
];
const main = document.querySelector('main')!;
const nav = Object.assign(document.createElement('nav'), { ariaLabel: 'Demo pages' });
nav.append(...pages.map(([href, text]) => Object.assign(document.createElement('a'), { href, textContent: text })));
main.prepend(nav);
const log = Object.assign(document.createElement('div'), { className: 'log', ariaLive: 'off' });
main.append(Object.assign(document.createElement('h2'), { textContent: 'Events' }), log);
const events = [
  'scheduler-ready',
  'scheduler-date-select',
  'scheduler-slot-select',
  'scheduler-before-book',
  'scheduler-booked',
  'scheduler-rescheduled',
  'scheduler-cancelled',
  'scheduler-confirmed',
  'scheduler-declined',
  'scheduler-error',
] as const;
for (const name of events) {
  document.addEventListener(name, (event) => {
    const detail = JSON.stringify((event as CustomEvent).detail);
    log.prepend(`${new Date().toLocaleTimeString()} ${name} ${detail?.slice(0, 300) ?? ''}\n`);
  });
}

const privateSlot = document.getElementById('private');
if (privateSlot) {
  const answer = await fetch('/demo-backend/session', { method: 'POST' });
  const { session_id } = (await answer.json()) as { session_id: string | null };
  const widget = document.createElement('scheduler-widget');
  widget.setAttribute('api-url', '/');
  if (session_id) widget.setAttribute('session-id', session_id);
  privateSlot.replaceWith(widget);
}

const calendarFeed = document.getElementById('calendar-feed');
if (calendarFeed) {
  type Span = { title: string; start: number; end: number };
  const answer = await fetch('/demo-backend/calendar');
  const { feed, busy, not_busy } = (await answer.json()) as { feed: string; busy: Span[]; not_busy: Span[] };
  const when = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  const coming = (spans: Span[]) =>
    spans
      .filter((span) => span.end * 1000 > Date.now())
      .slice(0, 5)
      .map((span) => `${span.title} (${when.formatRange(span.start * 1000, span.end * 1000)})`)
      .join('; ');
  calendarFeed.replaceChildren(
    'Times are also taken by the busy events of ',
    Object.assign(document.createElement('a'), { href: feed, textContent: "Ada's calendar feed" }),
    ` (an ICS feed connected to her grant): ${coming(busy)}. Not busy: ${coming(not_busy)}.`,
  );
}

const pending = document.getElementById('pending');
if (pending) {
  const answer = await fetch('/demo-backend/pending');
  const bookings = (await answer.json()) as Array<{
    title: string;
    guest: string;
    start_time: number;
    booking_ref: string;
  }>;
  pending.replaceChildren(
    ...(bookings.length
      ? bookings.map((booking) => {
          const item = document.createElement('li');
          const link = Object.assign(document.createElement('a'), {
            href: `/confirm.html?booking_ref=${encodeURIComponent(booking.booking_ref)}`,
            textContent: `${booking.title} with ${booking.guest}, ${new Date(booking.start_time * 1000).toLocaleString()}`,
          });
          item.append(link);
          return item;
        })
      : [
          Object.assign(document.createElement('li'), {
            textContent: 'No pending bookings. Book on the “Needs organizer confirmation” page first.',
          }),
        ]),
  );
}

interface MailboxMessage {
  id: string;
  recipients: string;
  subject: string;
  html: string;
  ics: string | null;
  created_at_ms: number;
}

// The local mailbox: the mail the API would have sent (no SMTP server configured).
const mailbox = document.getElementById('mailbox');
if (mailbox) {
  const list = document.getElementById('messages')!;
  const viewer = document.getElementById('message') as HTMLIFrameElement;
  const heading = document.getElementById('message-heading')!;
  const downloads = document.getElementById('downloads')!;
  let shown = '';
  const show = (message: MailboxMessage) => {
    shown = message.id;
    heading.textContent = `${message.subject} — to ${message.recipients}`;
    // No scripts, no same-origin access: the mail is someone else's HTML. Its links open a new tab.
    viewer.srcdoc = message.html.replace('<head>', '<head><base target="_blank">');
    const links: HTMLAnchorElement[] = [
      Object.assign(document.createElement('a'), {
        href: `/demo-backend/mailbox/${message.id}.eml`,
        textContent: 'Download the message (.eml)',
      }),
    ];
    if (message.ics) {
      links.push(
        Object.assign(document.createElement('a'), {
          href: URL.createObjectURL(new Blob([message.ics], { type: 'text/calendar' })),
          download: 'invite.ics',
          textContent: `Download the invitation (.ics, ${/^METHOD:(\w+)/m.exec(message.ics)?.[1] ?? ''})`,
        }),
      );
    }
    downloads.replaceChildren(...links.flatMap((link) => [link, document.createTextNode(' ')]));
    for (const item of list.querySelectorAll('button'))
      item.setAttribute('aria-pressed', String(item.dataset.id === shown));
  };
  const refresh = async () => {
    const answer = await fetch('/demo-backend/mailbox');
    const { mode, messages } = (await answer.json()) as { mode: string; messages: MailboxMessage[] };
    mailbox.dataset.mode = mode;
    if (!messages.length) {
      list.replaceChildren(
        Object.assign(document.createElement('li'), {
          textContent:
            mode === 'smtp'
              ? 'Mail goes to the SMTP server (SMTP_URL); nothing is kept here.'
              : 'No mail yet. Book on one of the demo pages.',
        }),
      );
      return;
    }
    list.replaceChildren(
      ...messages.map((message) => {
        const item = document.createElement('li');
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          textContent: `${new Date(message.created_at_ms).toLocaleTimeString()} · ${message.recipients} · ${message.subject}`,
        });
        button.dataset.id = message.id;
        button.setAttribute('aria-pressed', String(message.id === shown));
        button.addEventListener('click', () => show(message));
        item.append(button);
        return item;
      }),
    );
    if (!shown) show(messages[0]!);
  };
  await refresh();
  setInterval(() => void refresh(), 2000);
}
