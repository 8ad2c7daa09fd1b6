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

const pending = document.getElementById('pending');
if (pending) {
  const answer = await fetch('/demo-backend/pending');
  const bookings = (await answer.json()) as Array<{ title: string; guest: string; start_time: number; booking_ref: string }>;
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
      : [Object.assign(document.createElement('li'), { textContent: 'No pending bookings. Book on the “Needs organizer confirmation” page first.' })]),
  );
}
