import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import type { ConfigurationInput } from '../../src/contract/admin.js';
import {
  assertError,
  assertOk,
  at,
  book,
  createConfiguration,
  guest,
  ORGANIZER,
  slots,
  configurationBody,
  startTestServer,
  T0,
  UUID_V4,
  type TestServer,
} from './helpers.js';

let server: TestServer;

/** The booking as the API key reads it, without the organizer's ref: what its guest was given. */
async function guestView(bookingId: string) {
  const { organizer_booking_ref: _, ...booking } = assertOk(await server.call(`/v3/scheduling/bookings/${bookingId}`));
  return booking;
}

/** The salt of the organizer's booking ref, which only the API key is given. */
async function organizerSalt(bookingId: string): Promise<string> {
  return decodeBookingRef(assertOk(await server.call(`/v3/scheduling/bookings/${bookingId}`)).organizer_booking_ref)!
    .salt;
}
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const fields = {
  company: { label: 'Company', type: 'text' as const, required: true },
  topic: { label: 'Topic', type: 'dropdown' as const, required: false, options: ['Pricing', 'Demo'] },
  code: { label: 'Code', type: 'text' as const, required: false, pattern: '[A-Z]{3}' },
};

describe('POST /v3/scheduling/bookings', () => {
  test('books an offered slot and creates a busy event on the organizer calendar', async () => {
    const id = await createConfiguration(server);
    const start = at(0, 10);
    const booking = assertOk(await book(server, id, start, { timezone: 'Europe/Paris' }));
    assert.match(booking.booking_id, UUID_V4);
    assert.match(booking.event_id, UUID_V4);
    assert.deepEqual(
      { ...booking, booking_id: undefined, event_id: undefined, booking_ref: undefined },
      {
        booking_id: undefined,
        event_id: undefined,
        booking_ref: undefined,
        title: 'Test call',
        description: 'About testing',
        location: 'Online',
        organizer: { name: 'Olga Organizer', email: ORGANIZER },
        guest,
        start_time: start,
        end_time: start + 1800,
        status: 'booked',
      },
    );
    const ref = decodeBookingRef(booking.booking_ref)!;
    assert.equal(ref.configurationId, id);
    assert.equal(ref.bookingId, booking.booking_id);

    const event = assertOk(await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`));
    assert.equal(event.busy, true);
    assert.deepEqual(event.when, { start_time: start, end_time: start + 1800, object: 'timespan' });
    assert.deepEqual(
      event.participants.map((p: { email: string }) => p.email),
      [ORGANIZER, guest.email],
    );
    assert.ok(!(await slots(server, id, at(0, 9), at(0, 17))).some((slot) => slot.start_time === start));

    const found = assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        token: null,
        query: { configuration_id: id },
      }),
    );
    assert.deepEqual(found, booking);
  });

  test('refuses a slot that is not offered: busy, outside open hours, too soon, misaligned', async () => {
    const id = await createConfiguration(server);
    assertOk(await book(server, id, at(0, 11)));
    for (const start of [at(0, 11), at(0, 18), at(0, 8, 30), at(0, 9, 10), at(5, 10), at(60, 10)]) {
      const message = assertError(await book(server, id, start), 409, 'timeslot_not_available');
      assert.ok(message.startsWith('The selected timeslot is unavailable'), message);
    }
    const wrongLength = await server.call('/v3/scheduling/bookings', {
      method: 'POST',
      token: null,
      query: { configuration_id: id },
      body: { start_time: at(1, 10), end_time: at(1, 11), guest },
    });
    assertError(wrongLength, 409, 'timeslot_not_available');
  });

  test('validates the body: missing fields, wrong types, bad email, end before start', async () => {
    const id = await createConfiguration(server);
    const post = (body: unknown) =>
      server.call('/v3/scheduling/bookings', { method: 'POST', token: null, query: { configuration_id: id }, body });
    assert.match(
      assertError(await post({ start_time: at(1, 10), end_time: at(1, 10, 30) }), 400, 'invalid_request_error'),
      /guest: Required/,
    );
    assert.match(
      assertError(
        await post({ start_time: at(1, 10), end_time: at(1, 10, 30), guest: { name: 'A', email: 'nope' } }),
        400,
        'invalid_request_error',
      ),
      /guest\.email: Invalid email address/,
    );
    assert.match(
      assertError(await post({ start_time: '10:00', end_time: at(1, 10, 30), guest }), 400, 'invalid_request_error'),
      /^start_time: /,
    );
    assert.match(
      assertError(await post({ start_time: at(1, 10), end_time: at(1, 9), guest }), 400, 'invalid_request_error'),
      /end_time/,
    );
    assertError(await post([]), 400, 'invalid_request_error');
    assertError(await post('{"start_time":'), 400, 'invalid_request_error');
  });

  test('enforces additional fields: required, unknown keys, dropdown options, patterns', async () => {
    const id = await createConfiguration(server, { scheduler: { additional_fields: fields } });
    const start = at(2, 10);
    assert.match(
      assertError(await book(server, id, start), 400, 'invalid_request_error'),
      /additional_fields\.company: Required/,
    );
    assert.match(
      assertError(
        await book(server, id, start, { additional_fields: { company: 'ACME', shoe_size: '44' } }),
        400,
        'invalid_request_error',
      ),
      /additional_fields\.shoe_size: Unknown field/,
    );
    assert.match(
      assertError(
        await book(server, id, start, { additional_fields: { company: 'ACME', topic: 'Gossip' } }),
        400,
        'invalid_request_error',
      ),
      /additional_fields\.topic: Must be one of: Pricing, Demo/,
    );
    assert.match(
      assertError(
        await book(server, id, start, { additional_fields: { company: 'ACME', code: 'ABCD' } }),
        400,
        'invalid_request_error',
      ),
      /additional_fields\.code/,
    );
    const booking = assertOk(
      await book(server, id, start, { additional_fields: { company: 'ACME', topic: 'Demo', code: 'XYZ' } }),
    );
    const settings = assertOk(
      await server.call('/v3/scheduling/ui-settings', {
        token: null,
        query: { configuration_id: id, booking_id: booking.booking_id },
      }),
    );
    assert.deepEqual(settings.booking.additional_fields, { company: 'ACME', topic: 'Demo', code: 'XYZ' });
  });

  test('multi_select fields take distinct options joined by commas; options with commas are refused in the configuration', async () => {
    const topics = {
      label: 'Topics',
      type: 'multi_select' as const,
      required: true,
      options: ['Pricing', 'Demo', 'Support'],
    };
    const id = await createConfiguration(server, { scheduler: { additional_fields: { topics } } });
    const start = at(7, 11);
    assert.match(
      assertError(await book(server, id, start), 400, 'invalid_request_error'),
      /additional_fields\.topics: Required/,
    );
    for (const bad of ['Gossip', 'Demo,Gossip', 'Demo,Demo', 'Demo, Pricing']) {
      assert.match(
        assertError(
          await book(server, id, start, { additional_fields: { topics: bad } }),
          400,
          'invalid_request_error',
        ),
        /additional_fields\.topics: Must be distinct options among: Pricing, Demo, Support/,
        bad,
      );
    }
    const booking = assertOk(await book(server, id, start, { additional_fields: { topics: 'Pricing,Support' } }));
    const settings = assertOk(
      await server.call('/v3/scheduling/ui-settings', {
        token: null,
        query: { configuration_id: id, booking_id: booking.booking_id },
      }),
    );
    assert.deepEqual(settings.booking.additional_fields, { topics: 'Pricing,Support' });
    const comma = { ...topics, options: ['A, B', 'C'] };
    assert.equal(
      (
        await server.call(`/v3/grants/${ORGANIZER}/scheduling/configurations`, {
          method: 'POST',
          body: configurationBody({ scheduler: { additional_fields: { comma } } }),
        })
      ).status,
      400,
    );
  });

  test('additional fields named like Object.prototype members are ordinary fields', async () => {
    const text = { label: 'Text', type: 'text' as const, required: false };
    const id = await createConfiguration(server, {
      scheduler: {
        additional_fields: {
          constructor: text,
          toString: text,
          hasOwnProperty: text,
          valueOf: { ...text, required: true },
        },
      },
    });
    assert.match(
      assertError(await book(server, id, at(2, 13)), 400, 'invalid_request_error'),
      /additional_fields\.valueOf: Required/,
    );
    const booking = assertOk(await book(server, id, at(2, 13), { additional_fields: { valueOf: 'v', toString: 't' } }));
    const settings = assertOk(
      await server.call('/v3/scheduling/ui-settings', {
        token: null,
        query: { configuration_id: id, booking_id: booking.booking_id },
      }),
    );
    assert.deepEqual(settings.booking.additional_fields, { toString: 't', valueOf: 'v' });
  });

  test('two guests racing for one slot: exactly one booking', async () => {
    const id = await createConfiguration(server);
    const start = at(3, 14);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        book(server, id, start, { guest: { name: `Racer ${i}`, email: `racer${i}@example.org` } }),
      ),
    );
    assert.equal(answers.filter((answer) => answer.status === 200).length, 1);
    const refused = answers.filter((answer) => answer.status !== 200);
    assert.equal(refused.length, 19);
    for (const answer of refused) assertError(answer, 409, 'timeslot_not_available');
    const events = assertOk(
      await server.call(`/v3/grants/${ORGANIZER}/events`, {
        query: { calendar_id: 'primary', start: start, end: start + 1800 },
      }),
    );
    assert.equal(events.length, 1);
  });

  test('unknown configuration is 404; a booking needs a configuration', async () => {
    assertError(await book(server, '00000000-0000-4000-8000-000000000000', at(1, 10)), 404, 'not_found_error');
    const noConfig = await server.call('/v3/scheduling/bookings', {
      method: 'POST',
      body: { start_time: at(1, 10), end_time: at(1, 10, 30), guest },
    });
    assertError(noConfig, 400, 'invalid_request_error');
  });
});

describe('GET /v3/scheduling/bookings/{id}', () => {
  test('the API key reads any booking, configuration_id optional; others get 404', async () => {
    const id = await createConfiguration(server);
    const other = await createConfiguration(server);
    const booking = assertOk(await book(server, id, at(1, 13)));
    assert.equal(
      assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`)).booking_id,
      booking.booking_id,
    );
    assertError(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, { query: { configuration_id: other } }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        token: null,
        query: { configuration_id: other },
      }),
      404,
      'not_found_error',
    );
    assertError(
      await server.call('/v3/scheduling/bookings/00000000-0000-4000-8000-000000000000'),
      404,
      'not_found_error',
    );
    assertError(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, { token: null }),
      401,
      'unauthorized',
    );
  });
});

describe('PATCH /v3/scheduling/bookings/{id} (reschedule)', () => {
  test('moves the event, keeps the ids, frees the old time', async () => {
    const id = await createConfiguration(server);
    const booking = assertOk(await book(server, id, at(1, 10)));
    const free = await slots(server, id, at(1, 9), at(1, 17), { booking_id: booking.booking_id });
    assert.ok(
      free.some((slot) => slot.start_time === at(1, 10)),
      'its own time counts as free',
    );

    const moved = assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        token: null,
        query: { configuration_id: id },
        body: { start_time: at(1, 15), end_time: at(1, 15, 30) },
      }),
    );
    assert.equal(moved.booking_id, booking.booking_id);
    assert.equal(moved.event_id, booking.event_id);
    assert.equal(moved.booking_ref, booking.booking_ref);
    assert.equal(moved.start_time, at(1, 15));
    const event = assertOk(await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`));
    assert.equal(event.when.start_time, at(1, 15));
    const listed = (start: number) =>
      server
        .call(`/v3/grants/${ORGANIZER}/events`, { query: { calendar_id: 'primary', start, end: start + 1800 } })
        .then(assertOk);
    assert.deepEqual(
      (await listed(at(1, 10))).map((e: { id: string }) => e.id),
      [],
      'nothing left at the old time',
    );
    assert.deepEqual(
      (await listed(at(1, 15))).map((e: { id: string }) => e.id),
      [booking.event_id],
      'the same event at the new time',
    );
    const after = await slots(server, id, at(1, 9), at(1, 17));
    assert.ok(
      after.some((slot) => slot.start_time === at(1, 10)),
      'old time free again',
    );
    assert.ok(!after.some((slot) => slot.start_time === at(1, 15)), 'new time taken');

    // Overlapping its own old time is fine.
    assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        body: { start_time: at(1, 15, 0), end_time: at(1, 15, 30) },
      }),
    );
  });

  test('refuses a taken slot, a cancelled booking and the cancellation notice', async () => {
    const id = await createConfiguration(server, {
      scheduler: { min_booking_notice: 60, min_cancellation_notice: 120 },
    });
    const first = assertOk(await book(server, id, at(2, 11)));
    const second = assertOk(await book(server, id, at(2, 12)));
    const patch = (bookingId: string, start: number) =>
      server.call(`/v3/scheduling/bookings/${bookingId}`, {
        method: 'PATCH',
        body: { start_time: start, end_time: start + 1800 },
      });
    assertError(await patch(first.booking_id, at(2, 12)), 409, 'timeslot_not_available');

    const soon = assertOk(await book(server, id, at(0, 9, 30)));
    assert.match(assertError(await patch(soon.booking_id, at(2, 15)), 400, 'invalid_request_error'), /120 minutes/);

    assertOk(await server.call(`/v3/scheduling/bookings/${second.booking_id}`, { method: 'DELETE' }));
    assertError(await patch(second.booking_id, at(2, 14)), 400, 'invalid_request_error');
  });
});

describe('DELETE /v3/scheduling/bookings/{id} (cancel)', () => {
  test('cancels with a reason, removes the event, frees the time; answers {request_id}', async () => {
    const id = await createConfiguration(server);
    const booking = assertOk(await book(server, id, at(3, 10)));
    const answer = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
      method: 'DELETE',
      token: null,
      query: { configuration_id: id },
      body: { cancellation_reason: 'Something came up' },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['request_id']);
    assertError(await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`), 404, 'not_found_error');
    assert.ok((await slots(server, id, at(3, 9), at(3, 17))).some((slot) => slot.start_time === at(3, 10)));
    assert.equal(assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`)).status, 'cancelled');
    assertError(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, { method: 'DELETE' }),
      400,
      'invalid_request_error',
    );
  });

  test('works without a body and refuses inside the cancellation notice', async () => {
    const id = await createConfiguration(server, {
      scheduler: { min_booking_notice: 60, min_cancellation_notice: 60 },
    });
    const late = assertOk(await book(server, id, at(0, 14)));
    const fine = assertOk(await book(server, id, at(0, 16)));
    server.clock.ms += 330 * 60_000;
    try {
      assertError(
        await server.call(`/v3/scheduling/bookings/${late.booking_id}`, { method: 'DELETE' }),
        400,
        'invalid_request_error',
      );
      const answer = await server.call(`/v3/scheduling/bookings/${fine.booking_id}`, { method: 'DELETE' });
      assert.equal(answer.status, 200);
      assert.match(answer.body.request_id, UUID_V4);
    } finally {
      server.clock.ms -= 330 * 60_000;
    }
  });
});

describe('PUT /v3/scheduling/bookings/{id} (organizer confirmation)', () => {
  const pendingConfiguration = () =>
    createConfiguration(server, { event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' } });

  test('a pending booking blocks its time and is confirmed only with the salt of the organizer ref', async () => {
    const id = await pendingConfiguration();
    const booking = assertOk(await book(server, id, at(4, 10)));
    assert.equal(booking.status, 'pending');
    assert.equal(booking.organizer_booking_ref, undefined, 'a guest never sees the organizer ref');
    assertError(await book(server, id, at(4, 10)), 409, 'timeslot_not_available');
    const salt = await organizerSalt(booking.booking_id);
    const guestSalt = decodeBookingRef(booking.booking_ref)!.salt;
    assert.notEqual(salt, guestSalt);

    const wrong = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
      method: 'PUT',
      token: null,
      query: { configuration_id: id },
      body: { salt: 'AAAAAAAAAAAAAAAA', status: 'confirmed' },
    });
    const wrongMessage = assertError(wrong, 400, 'invalid_request_error');
    assert.match(wrongMessage, /salt does not match/);
    // Everything the guest holds (the booking_ref of every answer and link) confirms nothing: same refusal.
    for (const [token, status] of [
      [null, 'confirmed'],
      [null, 'cancelled'],
      [undefined, 'confirmed'],
    ] as const) {
      const byGuest = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PUT',
        token,
        query: { configuration_id: id },
        body: { salt: guestSalt, status },
      });
      assert.equal(assertError(byGuest, 400, 'invalid_request_error'), wrongMessage);
    }
    for (const badSalt of [salt.slice(0, -2), salt.toUpperCase() === salt ? 'x' : salt.toUpperCase(), `${salt}A`]) {
      const refused = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PUT',
        body: { salt: badSalt, status: 'cancelled' },
      });
      assertError(refused, 400, 'invalid_request_error');
    }
    assert.deepEqual(await guestView(booking.booking_id), booking, 'nothing changed');
    assert.equal(assertOk(await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`)).status, 'tentative');

    const confirmed = assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PUT',
        token: null,
        query: { configuration_id: id },
        body: { salt, status: 'confirmed' },
      }),
    );
    assert.equal(confirmed.status, 'booked');
    assert.equal(assertOk(await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`)).status, 'confirmed');
    const again = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
      method: 'PUT',
      body: { salt, status: 'confirmed' },
    });
    assertError(again, 400, 'invalid_request_error');
  });

  test('rejecting cancels the booking and frees the time; a cancelled booking cannot be confirmed', async () => {
    const id = await pendingConfiguration();
    const booking = assertOk(await book(server, id, at(4, 13)));
    const salt = await organizerSalt(booking.booking_id);
    const rejected = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
      method: 'PUT',
      body: { salt, status: 'cancelled', cancellation_reason: 'Fully booked' },
    });
    assert.equal(rejected.status, 200);
    assert.deepEqual(Object.keys(rejected.body), ['request_id'], 'as Nylas: a rejection answers no booking');
    assert.equal(assertOk(await server.call(`/v3/scheduling/bookings/${booking.booking_id}`)).status, 'cancelled');
    assert.ok((await slots(server, id, at(4, 9), at(4, 17))).some((slot) => slot.start_time === at(4, 13)));
    assertError(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PUT',
        body: { salt, status: 'confirmed' },
      }),
      400,
      'invalid_request_error',
    );
    assertError(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PUT',
        body: { salt, status: 'maybe' },
      }),
      400,
      'invalid_request_error',
    );
  });
});

describe('round-robin', () => {
  const hosts = ['rita@example.com', 'ron@example.com'];
  const roundRobin = () =>
    createConfiguration(
      server,
      {
        participants: hosts.map((email, i) => ({
          email,
          name: `Host ${i}`,
          timezone: 'UTC',
          availability: {
            calendar_ids: ['primary'],
            open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00' }],
          },
          booking: { calendar_id: 'primary' },
        })),
        availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
      },
      'team@example.com',
    );

  test('spreads bookings by fairness, honours a chosen host, refuses a busy one', async () => {
    const id = await roundRobin();
    const first = assertOk(await book(server, id, at(1, 10)));
    assert.equal(first.organizer.email, hosts[0]);
    const second = assertOk(await book(server, id, at(1, 10)));
    assert.equal(second.organizer.email, hosts[1], 'the less booked host takes the same slot');
    assertError(await book(server, id, at(1, 10)), 409, 'timeslot_not_available');

    const chosen = assertOk(await book(server, id, at(1, 11), { participants: [{ email: hosts[1] }] }));
    assert.equal(chosen.organizer.email, hosts[1]);
    assertError(
      await book(server, id, at(1, 11), { participants: [{ email: hosts[1] }] }),
      409,
      'timeslot_not_available',
    );
    assertError(
      await book(server, id, at(1, 12), { participants: [{ email: 'stranger@example.com' }] }),
      400,
      'invalid_request_error',
    );

    // The booking landed on the host's own (auto-provisioned) grant calendar.
    const event = assertOk(await server.call(`/v3/grants/${hosts[1]}/events/${chosen.event_id}`));
    assert.equal(event.busy, true);
  });
});

describe('refusals of reschedule, cancel and confirm', () => {
  const pendingConfiguration = () =>
    createConfiguration(server, { event_booking: { title: 'Approval', booking_type: 'organizer-confirmation' } });
  const call = (bookingId: string, method: string, body?: unknown, query: Record<string, string> = {}) =>
    server.call(`/v3/scheduling/bookings/${bookingId}`, { method, body, query });
  const eventOf = (booking: { event_id: string }) => server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`);

  test('a cancelled booking can be neither rescheduled, cancelled again, confirmed nor rejected', async () => {
    const id = await pendingConfiguration();
    const booking = assertOk(await book(server, id, at(8, 10)));
    const salt = await organizerSalt(booking.booking_id);
    assertOk(await call(booking.booking_id, 'DELETE', { cancellation_reason: 'Changed my mind' }));
    const cancelled = await guestView(booking.booking_id);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await eventOf(booking)).status, 404, 'the event is gone');

    assert.equal(
      assertError(
        await call(booking.booking_id, 'PATCH', { start_time: at(8, 14), end_time: at(8, 14, 30) }),
        400,
        'invalid_request_error',
      ),
      'This booking is cancelled and cannot be rescheduled.',
    );
    assertError(await call(booking.booking_id, 'DELETE'), 400, 'invalid_request_error');
    assert.equal(
      assertError(await call(booking.booking_id, 'PUT', { salt, status: 'confirmed' }), 400, 'invalid_request_error'),
      'This booking is cancelled and cannot be confirmed.',
    );
    assertError(await call(booking.booking_id, 'PUT', { salt, status: 'cancelled' }), 400, 'invalid_request_error');
    assert.deepEqual(await guestView(booking.booking_id), cancelled, 'nothing changed');
    assert.ok(
      (await slots(server, id, at(8, 9), at(8, 17))).some((slot) => slot.start_time === at(8, 10)),
      'its time is free',
    );
    assert.ok(
      (await slots(server, id, at(8, 9), at(8, 17))).some((slot) => slot.start_time === at(8, 14)),
      'the reschedule target is free',
    );
  });

  test('only a pending booking can be confirmed or rejected', async () => {
    const id = await createConfiguration(server);
    const booking = assertOk(await book(server, id, at(9, 11)));
    assert.equal(booking.status, 'booked');
    const salt = await organizerSalt(booking.booking_id);
    assert.equal(
      assertError(await call(booking.booking_id, 'PUT', { salt, status: 'confirmed' }), 400, 'invalid_request_error'),
      'This booking is booked and cannot be confirmed.',
    );
    assert.equal(
      assertError(await call(booking.booking_id, 'PUT', { salt, status: 'cancelled' }), 400, 'invalid_request_error'),
      'This booking is booked and cannot be rejected.',
    );
    assert.deepEqual(await guestView(booking.booking_id), booking);
    assert.equal(assertOk(await eventOf(booking)).status, 'confirmed');
  });

  test('inside min_cancellation_notice neither cancel nor reschedule; nothing changes', async () => {
    const id = await createConfiguration(server, {
      scheduler: { min_booking_notice: 60, min_cancellation_notice: 24 * 60 },
    });
    const booking = assertOk(await book(server, id, at(0, 15)));
    const event = assertOk(await eventOf(booking));
    const message = assertError(await call(booking.booking_id, 'DELETE'), 400, 'invalid_request_error');
    assert.equal(message, 'This booking can be changed only up to 1440 minutes before it starts.');
    assertError(
      await call(booking.booking_id, 'PATCH', { start_time: at(6, 10), end_time: at(6, 10, 30) }),
      400,
      'invalid_request_error',
    );
    assert.deepEqual(await guestView(booking.booking_id), booking);
    assert.deepEqual(assertOk(await eventOf(booking)), event);
  });

  test('forged, truncated, malformed and foreign booking ids: 404 naming the id, nothing changed', async () => {
    const id = await createConfiguration(server);
    const other = await createConfiguration(server);
    const booking = assertOk(await book(server, id, at(10, 12)));
    const foreign = assertOk(await book(server, other, at(10, 15)));
    const salt = await organizerSalt(booking.booking_id);
    const forged = [
      '00000000-0000-4000-8000-000000000000',
      booking.booking_id.slice(0, -1),
      booking.booking_id.slice(0, 8),
      `${booking.booking_id}0`,
      booking.booking_id.replace(/-/g, ''),
      booking.booking_ref,
      "x' OR '1'='1",
    ];
    const bodies: Record<string, unknown> = {
      GET: undefined,
      PATCH: { start_time: at(10, 16), end_time: at(10, 16, 30) },
      DELETE: {},
      PUT: { salt, status: 'confirmed' },
    };
    for (const method of Object.keys(bodies)) {
      for (const bogus of forged) {
        const message = assertError(
          await call(encodeURIComponent(bogus), method, bodies[method]),
          404,
          'not_found_error',
        );
        assert.equal(message, `Booking ${bogus} not found.`);
      }
      // A real booking of another configuration, addressed through this one (public or with the API key).
      assertError(
        await call(foreign.booking_id, method, bodies[method], { configuration_id: id }),
        404,
        'not_found_error',
      );
      assertError(
        await server.call(`/v3/scheduling/bookings/${foreign.booking_id}`, {
          method,
          token: null,
          query: { configuration_id: id },
          body: bodies[method],
        }),
        404,
        'not_found_error',
      );
    }
    assert.deepEqual(await guestView(booking.booking_id), booking);
    assert.deepEqual(await guestView(foreign.booking_id), foreign);
  });
});

describe('the rules hold where the routes call the engine, with the clock inside open hours', () => {
  const withClockAt = async (ms: number, body: () => Promise<void>) => {
    server.clock.ms = ms;
    try {
      await body();
    } finally {
      server.clock.ms = T0;
    }
  };
  const reschedule = (bookingId: string, start: number) =>
    server.call(`/v3/scheduling/bookings/${bookingId}`, {
      method: 'PATCH',
      body: { start_time: start, end_time: start + 1800 },
    });
  /** A configuration of its own organizer: no other test's bookings in the way. */
  const isolated = (email: string, overrides: Partial<ConfigurationInput>) =>
    createConfiguration(
      server,
      { participants: [{ ...configurationBody().participants[0]!, email }], ...overrides },
      email,
    );

  test('min_booking_notice: at 10:07 with 60 minutes, nothing before 11:07 is offered, booked or rescheduled to', async () => {
    const id = await isolated('notice@example.com', {
      scheduler: { min_booking_notice: 60, available_days_in_future: 30 },
    });
    const later = assertOk(await book(server, id, at(1, 10)));
    await withClockAt(at(0, 10, 7) * 1000, async () => {
      assert.equal((await slots(server, id, at(0, 0), at(1, 0)))[0]!.start_time, at(0, 11, 30));
      for (const start of [at(0, 10, 30), at(0, 11)]) {
        assertError(await book(server, id, start), 409, 'timeslot_not_available');
        assertError(await reschedule(later.booking_id, start), 409, 'timeslot_not_available');
      }
      assertOk(await book(server, id, at(0, 11, 30)));
      assertOk(await reschedule(later.booking_id, at(0, 12)));
    });
  });

  test('buffer.before keeps the time before an existing event free: offered, booked and rescheduled alike', async () => {
    const id = await isolated('before@example.com', {
      availability: { duration_minutes: 30, availability_rules: { buffer: { before: 30, after: 0 } } },
      scheduler: { min_booking_notice: 60, available_days_in_future: 30 },
    });
    assertOk(
      await server.call('/v3/grants/before@example.com/events', {
        method: 'POST',
        query: { calendar_id: 'primary' },
        body: { title: 'Existing', when: { start_time: at(2, 14), end_time: at(2, 15) } },
      }),
    );
    const other = assertOk(await book(server, id, at(2, 16)));
    // Wednesday 11:50: 13:00 and 13:30 are past the notice, so only the buffer can refuse 13:30.
    await withClockAt(at(2, 11, 50) * 1000, async () => {
      const starts = (await slots(server, id, at(2, 0), at(3, 0))).map((slot) => slot.start_time);
      assert.ok(
        starts.includes(at(2, 13)) && !starts.includes(at(2, 13, 30)),
        'the 30 minutes before 14:00 are kept free',
      );
      assert.ok(starts.includes(at(2, 15)), 'nothing is kept free after the event');
      assertError(await book(server, id, at(2, 13, 30)), 409, 'timeslot_not_available');
      assertError(await reschedule(other.booking_id, at(2, 13, 30)), 409, 'timeslot_not_available');
      assertOk(await reschedule(other.booking_id, at(2, 13)));
    });
  });
});
