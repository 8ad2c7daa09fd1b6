/**
 * Booking mail end to end: the API sends to a real SMTP server in this process, mailparser reads
 * the messages back and ical.js the invitations. Who gets what, in which language, with which
 * links, and the iTIP method, UID and SEQUENCE of every invitation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import { WORDS, MAIL_LANGUAGES } from '../../server/notify/i18n.js';
import {
  assertOk,
  at,
  book,
  createConfiguration,
  guest,
  ORGANIZER,
  startTestServer,
  type TestServer,
} from './helpers.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './notify-support.js';

const TIMEOUT = { timeout: 30_000 };
const LINK_BASE = 'https://book.example.com';

let sink: SmtpSink;
let server: TestServer;
before(async () => {
  sink = await startSmtpSink();
  server = await startTestServer({
    smtpUrl: sink.url,
    linkBase: LINK_BASE,
    mailFrom: 'bookings@example.com',
    notify: { retryBaseMs: 50 },
  });
});
after(async () => {
  await server.stop();
  await sink.close();
});

/** The mails that arrive for the next action, by recipient. */
async function mailsOf(action: () => Promise<unknown>, count: number): Promise<Map<string, ReceivedMail>> {
  const seen = sink.mails.length;
  await action();
  const all = await sink.waitFor(seen + count);
  await new Promise((resolve) => setTimeout(resolve, 150));
  const fresh = sink.mails.slice(seen);
  assert.equal(fresh.length, count, fresh.map((m) => `${m.to}: ${m.subject}`).join('\n'));
  void all;
  return new Map(fresh.map((mail) => [mail.to, mail]));
}

/** The invitation of a mail, read back with ical.js. */
function invite(mail: ReceivedMail) {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  assert.ok(part, `${mail.subject} carries an invitation`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toUnixTime(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toUnixTime(),
    summary: String(event.getFirstPropertyValue('summary')),
    description: String(event.getFirstPropertyValue('description')),
    status: String(event.getFirstPropertyValue('status')),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue())),
    organizer: String(event.getFirstPropertyValue('organizer')),
    part,
  };
}

const hasInvite = (mail: ReceivedMail) =>
  mail.parsed.attachments.some((a) => a.contentType.startsWith('text/calendar'));

const linked = {
  scheduler: {
    rescheduling_url: `${LINK_BASE}/reschedule.html?booking_ref=:booking_ref`,
    cancellation_url: 'https://cancel.example.com/c/:booking_ref',
    organizer_confirmation_url: `${LINK_BASE}/confirm.html?booking_ref=:booking_ref`,
    email_template: {
      logo: 'https://cdn.example.com/logo.png',
      booking_confirmed: { title: 'See you soon!', body: 'Bring your questions.' },
    },
  },
};

describe('booking mail', () => {
  test(
    'a booking: the guest, an additional guest and the organizer each get one mail with text, HTML and a REQUEST',
    TIMEOUT,
    async () => {
      const id = await createConfiguration(server, {
        ...linked,
        event_booking: {
          title: 'Tea; with, "friends"',
          description: 'Line one\nLine two, with comma',
          location: 'Room 1',
        },
      });
      const extra = { name: 'Ada Extra', email: 'ada@example.org' };
      let booking: any;
      const mails = await mailsOf(async () => {
        booking = assertOk(
          await book(server, id, at(1, 10), {
            email_language: 'fr',
            timezone: 'Europe/Paris',
            additional_guests: [extra],
          }),
        );
      }, 3);
      const toGuest = mails.get(guest.email)!;
      const toExtra = mails.get(extra.email)!;
      const toHost = mails.get(ORGANIZER)!;
      assert.ok(toGuest && toExtra && toHost, [...mails.keys()].join());

      // The guest's mail: French, Paris time, the template, the links with the guest's ref.
      assert.match(toGuest.subject, /^Confirmé : Tea; with, "friends" le /);
      assert.match(String(toGuest.parsed.text), /See you soon!/);
      assert.match(String(toGuest.parsed.text), /Bring your questions\./);
      assert.match(String(toGuest.parsed.text), /11:00/, 'Paris time (10:00 UTC)');
      const html = String(toGuest.parsed.html);
      assert.match(html, /<h1[^>]*>See you soon!<\/h1>/);
      assert.match(html, /<img src="https:\/\/cdn\.example\.com\/logo\.png"/);
      assert.match(html, /Tea; with, &quot;friends&quot;/, 'values are escaped in HTML');
      const ref = booking.booking_ref as string;
      assert.ok(
        html.includes(`href="${LINK_BASE}/reschedule.html?booking_ref=${ref}"`),
        'the guest ref in the rescheduling URL',
      );
      assert.ok(html.includes(`href="https://cancel.example.com/c/${ref}"`));
      assert.match(
        String(toGuest.parsed.text),
        /Reprogrammer: https:\/\/book\.example\.com\/reschedule\.html\?booking_ref=/,
      );
      assert.equal(toGuest.parsed.from?.value[0]?.address, 'bookings@example.com');
      assert.equal(toGuest.parsed.replyTo?.value[0]?.address, ORGANIZER);
      assert.match(toGuest.messageId, /^<[0-9a-f-]{36}@scheduler-widget>$/);

      // The organizer's mail: English, no template, no guest links, a REQUEST too.
      assert.match(toHost.subject, /^New booking: Tea; with, "friends" with Gus Guest on /);
      assert.doesNotMatch(String(toHost.parsed.text), /See you soon|booking_ref=/);
      assert.doesNotMatch(String(toHost.parsed.html), /logo\.png/);

      // The invitation: REQUEST, derived UID (not the booking id), SEQUENCE 0, RFC 5545 text.
      const guestInvite = invite(toGuest);
      assert.equal(guestInvite.method, 'REQUEST');
      assert.match(guestInvite.part.contentType, /text\/calendar/);
      assert.match(guestInvite.uid, /^[0-9a-f]{32}@scheduler-widget$/);
      assert.ok(
        !guestInvite.uid.includes(booking.booking_id) &&
          !guestInvite.uid.includes(booking.booking_id.replace(/-/g, '')),
      );
      assert.equal(guestInvite.sequence, 0);
      assert.equal(guestInvite.start, at(1, 10));
      assert.equal(guestInvite.end, at(1, 10, 30));
      assert.equal(guestInvite.summary, 'Tea; with, "friends"');
      assert.equal(guestInvite.description, 'Line one\nLine two, with comma');
      assert.equal(guestInvite.status, 'CONFIRMED');
      assert.deepEqual(guestInvite.attendees.sort(), [`mailto:${extra.email}`, `mailto:${guest.email}`]);
      assert.equal(guestInvite.organizer, `mailto:${ORGANIZER}`);
      const rawIcs = guestInvite.part.content.toString('utf8');
      assert.match(rawIcs, /SUMMARY:Tea\\; with\\, "friends"/, 'TEXT escaped per RFC 5545');
      assert.match(rawIcs, /DESCRIPTION:Line one\\nLine two\\, with comma/);
      assert.equal(invite(toHost).uid, guestInvite.uid);
      assert.equal(invite(toExtra).uid, guestInvite.uid);

      // Reschedule: REQUEST, same UID, SEQUENCE 1, the previous time shown.
      const moved = await mailsOf(async () => {
        assertOk(
          await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
            method: 'PATCH',
            token: null,
            query: { configuration_id: id },
            body: { start_time: at(2, 14), end_time: at(2, 14, 30) },
          }),
        );
      }, 3);
      const movedInvite = invite(moved.get(guest.email)!);
      assert.match(moved.get(guest.email)!.subject, /^Reprogrammé : /);
      assert.match(String(moved.get(guest.email)!.parsed.text), /Auparavant: /);
      assert.equal(movedInvite.method, 'REQUEST');
      assert.equal(movedInvite.uid, guestInvite.uid);
      assert.equal(movedInvite.sequence, 1);
      assert.equal(movedInvite.start, at(2, 14));
      assert.match(moved.get(ORGANIZER)!.subject, /^Rescheduled: /);

      // Cancel: CANCEL, same UID, SEQUENCE 2, the reason, no more links.
      const cancelled = await mailsOf(async () => {
        assertOk(
          await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
            method: 'DELETE',
            token: null,
            query: { configuration_id: id },
            body: { cancellation_reason: 'Sick' },
          }),
        );
      }, 3);
      const toGuestCancelled = cancelled.get(guest.email)!;
      const cancelInvite = invite(toGuestCancelled);
      assert.equal(cancelInvite.method, 'CANCEL');
      assert.equal(cancelInvite.uid, guestInvite.uid);
      assert.equal(cancelInvite.sequence, 2);
      assert.equal(cancelInvite.status, 'CANCELLED');
      assert.match(toGuestCancelled.subject, /^Annulé : /);
      assert.match(String(toGuestCancelled.parsed.text), /Motif: Sick/);
      assert.doesNotMatch(String(toGuestCancelled.parsed.text), /booking_ref/);
      assert.equal(invite(cancelled.get(ORGANIZER)!).method, 'CANCEL');
    },
  );

  test(
    'a pending booking: the guest is told it waits, the organizer gets the request with the confirmation link; confirming sends the invitation',
    TIMEOUT,
    async () => {
      const id = await createConfiguration(server, {
        ...linked,
        event_booking: { title: 'Approval', booking_type: 'organizer-confirmation' },
      });
      let booking: any;
      const pending = await mailsOf(async () => {
        booking = assertOk(await book(server, id, at(1, 11), { email_language: 'de' }));
      }, 2);
      const toGuest = pending.get(guest.email)!;
      const toHost = pending.get(ORGANIZER)!;
      assert.match(toGuest.subject, /^Angefragt: Approval am /);
      assert.ok(!hasInvite(toGuest), 'no invitation before the organizer confirms');
      assert.match(toHost.subject, /^Please confirm: Approval with Gus Guest on /);
      assert.ok(!hasInvite(toHost));
      const link = /Confirm or decline: (\S+)/.exec(String(toHost.parsed.text))?.[1];
      assert.ok(link?.startsWith(`${LINK_BASE}/confirm.html?booking_ref=`), link);
      const organizerRef = decodeBookingRef(new URL(link!).searchParams.get('booking_ref')!)!;
      assert.equal(organizerRef.bookingId, booking.booking_id);
      assert.notEqual(
        organizerRef.salt,
        decodeBookingRef(booking.booking_ref)!.salt,
        "the organizer's ref, not the guest's",
      );

      const confirmed = await mailsOf(async () => {
        assertOk(
          await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
            method: 'PUT',
            token: null,
            query: { configuration_id: id },
            body: { salt: organizerRef.salt, status: 'confirmed' },
          }),
        );
      }, 2);
      assert.match(confirmed.get(guest.email)!.subject, /^Bestätigt: Approval am /);
      const confirmedInvite = invite(confirmed.get(guest.email)!);
      assert.equal(confirmedInvite.method, 'REQUEST');
      assert.equal(confirmedInvite.sequence, 1);
      assert.equal(invite(confirmed.get(ORGANIZER)!).method, 'REQUEST');

      // A declined request: both are told, nobody gets an invitation to cancel.
      const second = assertOk(await book(server, id, at(1, 13), { guest: { name: 'Dee', email: 'dee@example.org' } }));
      await sink.waitFor(sink.mails.length + 2);
      const salt = decodeBookingRef(
        assertOk(await server.call(`/v3/scheduling/bookings/${second.booking_id}`)).organizer_booking_ref,
      )!.salt;
      const declined = await mailsOf(async () => {
        await server.call(`/v3/scheduling/bookings/${second.booking_id}`, {
          method: 'PUT',
          token: null,
          query: { configuration_id: id },
          body: { salt, status: 'cancelled', cancellation_reason: 'Fully booked' },
        });
      }, 2);
      assert.match(declined.get('dee@example.org')!.subject, /^Declined: Approval on /);
      assert.match(String(declined.get('dee@example.org')!.parsed.text), /Reason: Fully booked/);
      assert.ok(![...declined.values()].some(hasInvite));
    },
  );

  test(
    'hide_rescheduling_options and hide_cancellation_options leave the links out; disable_emails sends nothing',
    TIMEOUT,
    async () => {
      const hidden = await createConfiguration(server, {
        scheduler: { ...linked.scheduler, hide_rescheduling_options: true, hide_cancellation_options: true },
        event_booking: { title: 'Hidden links' },
      });
      const mails = await mailsOf(async () => assertOk(await book(server, hidden, at(3, 10))), 2);
      assert.doesNotMatch(String(mails.get(guest.email)!.parsed.text), /booking_ref|Reschedule|Cancel:/);

      const silent = await createConfiguration(server, { event_booking: { title: 'Silent', disable_emails: true } });
      const before = sink.mails.length;
      assertOk(await book(server, silent, at(3, 12)));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(sink.mails.length, before);
      assert.equal(server.store.outbox.counts().queued, 0);
    },
  );

  test('every mail language: the guest gets the subject and labels of the language asked', TIMEOUT, async () => {
    const id = await createConfiguration(server, {
      event_booking: { title: 'Polyglot' },
      scheduler: { available_days_in_future: 30 },
    });
    for (const [n, language] of MAIL_LANGUAGES.entries()) {
      const person = { name: `Guest ${language}`, email: `guest-${language}@example.org` };
      const mails = await mailsOf(
        async () => assertOk(await book(server, id, at(4, 9 + n), { guest: person, email_language: language })),
        2,
      );
      const mail = mails.get(person.email)!;
      const prefix = WORDS[language].subject.confirmed.split('{title}')[0]!;
      assert.ok(mail.subject.startsWith(`${prefix}Polyglot`), `${language}: ${mail.subject}`);
      assert.ok(String(mail.parsed.text).includes(WORDS[language].heading.confirmed), language);
      assert.ok(String(mail.parsed.html).includes(`<html lang="${language}">`));
      assert.match(mails.get(ORGANIZER)!.subject, /^New booking: /, 'the organizer reads English');
    }
  });

  test(
    'a group seat: the guest and the organizer get the invitation; cancelling the seat sends CANCEL',
    TIMEOUT,
    async () => {
      const configurations = `/v3/grants/${ORGANIZER}/scheduling/configurations`;
      const id = assertOk(
        await server.call(configurations, {
          method: 'POST',
          body: { name: 'Class', type: 'group', group_booking: { calendar_id: 'primary' } },
        }),
      ).id;
      const start = at(5, 10);
      assertOk(
        await server.call(`${configurations}/${id}/group-events`, {
          method: 'POST',
          body: {
            title: 'Yoga',
            calendar_id: 'primary',
            capacity: 5,
            when: { start_time: start, end_time: start + 3600 },
          },
        }),
      );
      const [slot] = assertOk(
        await server.call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: id, start_time: start - 3600, end_time: start + 7200 },
        }),
      ).time_slots;
      let seat: any;
      const booked = await mailsOf(async () => {
        seat = assertOk(
          await server.call('/v3/scheduling/bookings', {
            method: 'POST',
            token: null,
            query: { configuration_id: id },
            body: {
              event_id: slot.event_id,
              master_id: slot.master_id,
              start_time: slot.start_time,
              end_time: slot.end_time,
              guest,
              email_language: 'es',
            },
          }),
        );
      }, 2);
      assert.match(booked.get(guest.email)!.subject, /^Confirmada: Yoga el /, "the seat's email_language");
      assert.equal(invite(booked.get(guest.email)!).method, 'REQUEST');
      assert.equal(invite(booked.get(guest.email)!).summary, 'Yoga');
      const cancelled = await mailsOf(async () => {
        assertOk(
          await server.call(`/v3/scheduling/bookings/${seat.booking_id}`, {
            method: 'DELETE',
            token: null,
            query: { configuration_id: id },
            body: {},
          }),
        );
      }, 2);
      assert.equal(invite(cancelled.get(guest.email)!).method, 'CANCEL');
      assert.equal(invite(cancelled.get(guest.email)!).uid, invite(booked.get(guest.email)!).uid);
    },
  );

  test(
    'reminders: sent when due by the clock, to the recipients asked, with the subject asked; a reschedule moves them',
    TIMEOUT,
    async () => {
      const id = await createConfiguration(server, {
        event_booking: {
          title: 'Reminded',
          reminders: [
            { type: 'email', minutes_before_event: 60, recipient: 'guest', email_subject: 'Soon: your call' },
            { type: 'email', minutes_before_event: 1440 },
          ],
        },
      });
      const start = at(2, 12);
      const mails = await mailsOf(
        async () => assertOk(await book(server, id, start, { guest: { name: 'Rita', email: 'rita@example.org' } })),
        2,
      );
      assert.equal(mails.size, 2);
      const before = sink.mails.length;
      // A day before: the 1440-minute reminder, to everyone (guest and organizer).
      server.clock.ms = (start - 1440 * 60) * 1000;
      server.notifier.wake();
      await sink.waitFor(before + 2);
      const daily = sink.mails.slice(before);
      assert.deepEqual(daily.map((m) => m.to).sort(), [ORGANIZER, 'rita@example.org']);
      assert.ok(daily.every((m) => m.subject.startsWith('Reminder: Reminded on ')));
      // An hour before: the guest-only one with its own subject.
      server.clock.ms = (start - 3600) * 1000;
      server.notifier.wake();
      await sink.waitFor(before + 3);
      const hourly = sink.mails.slice(before + 2);
      assert.equal(hourly.length, 1);
      assert.equal(hourly[0]!.to, 'rita@example.org');
      assert.equal(hourly[0]!.subject, 'Soon: your call');
      server.clock.ms = Date.UTC(2030, 0, 7, 8);
    },
  );

  test('without SMTP the mail is kept in the local mailbox, exactly once per message', TIMEOUT, async () => {
    const local = await startTestServer({ notify: { retryBaseMs: 50 } });
    try {
      assert.equal(local.notifier.mode, 'mailbox');
      const id = await createConfiguration(local, { event_booking: { title: 'Local' } });
      assertOk(await book(local, id, at(1, 10)));
      const deadline = Date.now() + 10_000;
      while (local.store.outbox.mailbox().length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const box = local.store.outbox.mailbox();
      assert.equal(box.length, 2);
      assert.deepEqual(box.map((m) => m.recipients).sort(), [ORGANIZER, guest.email].sort());
      for (const mail of box) {
        assert.match(mail.html, /<h1/);
        assert.match(mail.ics ?? '', /METHOD:REQUEST/);
        assert.match(local.store.outbox.mail(mail.id)!.raw, /Message-ID: <[0-9a-f-]+@scheduler-widget>/i);
      }
      assert.deepEqual(local.store.outbox.counts(), { queued: 0, sent: 2, failed: 0, dropped: 0 });
    } finally {
      await local.stop();
    }
  });
});
