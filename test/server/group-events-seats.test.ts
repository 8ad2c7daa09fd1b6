/** Seat accounting under races, recurrence across DST, host edits and what guests can see. */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { after, before, describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { assertError, assertOk, at, ORGANIZER, startTestServer, writeProbe, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const configurations = `/v3/grants/${ORGANIZER}/scheduling/configurations`;

interface Slot {
  event_id: string;
  master_id: string;
  calendar_id: string;
  start_time: number;
  end_time: number;
  capacity: number;
  emails: string[];
}

async function groupConfiguration(extra: Record<string, unknown> = {}): Promise<string> {
  const body = { name: 'Class', type: 'group', group_booking: { calendar_id: 'primary' }, ...extra };
  return assertOk(await server.call(configurations, { method: 'POST', body })).id;
}

async function groupEvent(configurationId: string, body: Record<string, unknown>) {
  return assertOk(
    await server.call(`${configurations}/${configurationId}/group-events`, {
      method: 'POST',
      body: { title: 'Class', calendar_id: 'primary', ...body },
    }),
  );
}

const availability = async (configurationId: string, start: number, end: number): Promise<Slot[]> =>
  assertOk(
    await server.call('/v3/scheduling/availability', {
      token: null,
      query: { configuration_id: configurationId, start_time: start, end_time: end },
    }),
  ).time_slots;

const bookSeat = (
  configurationId: string,
  slot: Pick<Slot, 'event_id' | 'master_id' | 'start_time' | 'end_time'>,
  email: string,
) =>
  server.call('/v3/scheduling/bookings', {
    method: 'POST',
    token: null,
    query: { configuration_id: configurationId },
    body: {
      event_id: slot.event_id,
      master_id: slot.master_id,
      start_time: slot.start_time,
      end_time: slot.end_time,
      guest: { name: 'Guest', email },
    },
  });

describe('group seats', () => {
  test('20 guests racing for the last 3 seats: 3 bookings, 17 "Event is full", and the database agrees', async () => {
    const id = await groupConfiguration();
    const start = at(3, 10);
    const event = await groupEvent(id, { capacity: 5, when: { start_time: start, end_time: start + 3600 } });
    const [slot] = await availability(id, start - 3600, start + 7200);
    for (const early of ['early1@example.com', 'early2@example.com']) assertOk(await bookSeat(id, slot!, early));

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => bookSeat(id, slot!, `racer${n}@example.com`)),
    );
    const booked = answers.filter((answer) => answer.status === 200);
    const full = answers.filter((answer) => answer.status === 400 && answer.body.error.message === 'Event is full');
    assert.equal(booked.length, 3);
    assert.equal(full.length, 17);
    for (const answer of full) assertError(answer, 400, 'invalid_request_error');

    const db = new Database(server.dbPath, { readonly: true });
    const row = db
      .prepare("SELECT count(*) AS n FROM bookings WHERE event_id = ? AND status = 'booked'")
      .get(event.event.id) as { n: number };
    db.close();
    assert.equal(row.n, 5);
    assert.deepEqual(await availability(id, start - 3600, start + 7200), []);
  });

  test('6 guests moving their seats at once into a session with 2 free: 2 move, 4 "Event is full", no seat lost', async () => {
    const id = await groupConfiguration();
    const start = at(3, 14);
    await groupEvent(id, {
      capacity: 6,
      when: { start_time: start, end_time: start + 3600 },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=2'],
    });
    const [from, to] = await availability(id, start - 1, start + 2 * 86400);
    const bookings = [];
    for (let n = 0; n < 6; n++)
      bookings.push(assertOk(await bookSeat(id, from!, `mover${n}@example.com`)).booking_id as string);
    for (let n = 0; n < 4; n++) assertOk(await bookSeat(id, to!, `stayer${n}@example.com`));
    const answers = await Promise.all(
      bookings.map((bookingId) =>
        server.call(`/v3/scheduling/bookings/${bookingId}`, {
          method: 'PATCH',
          token: null,
          query: { configuration_id: id },
          body: {
            event_id: to!.event_id,
            master_event_id: to!.master_id,
            calendar_id: 'primary',
            start_time: to!.start_time,
            end_time: to!.end_time,
          },
        }),
      ),
    );
    assert.equal(answers.filter((answer) => answer.status === 200).length, 2);
    assert.equal(answers.filter((answer) => answer.body.error?.message === 'Event is full').length, 4);
    const left = await availability(id, start - 1, start + 2 * 86400);
    assert.deepEqual(
      left.map((slot) => [slot.event_id, slot.capacity]),
      [[from!.event_id, 2]],
    );
  });

  test('the seat check and the writes are one transaction: between them no other writer gets in (booking and moving a seat)', async () => {
    // The hook runs where a check-then-act bug would leave a window: after the seat count was
    // found to allow one more, before the seat is written. Another connection then tries to write.
    const probe = writeProbe(() => hooked.dbPath);
    const hooked = await startTestServer({ onSlotChecked: probe.onSlotChecked });
    try {
      const call = hooked.call.bind(hooked);
      const id = assertOk(
        await call(configurations, {
          method: 'POST',
          body: { name: 'Class', type: 'group', group_booking: { calendar_id: 'primary' } },
        }),
      ).id;
      const start = at(3, 10);
      assertOk(
        await call(`${configurations}/${id}/group-events`, {
          method: 'POST',
          body: {
            title: 'Class',
            calendar_id: 'primary',
            capacity: 2,
            when: { start_time: start, end_time: start + 3600 },
            recurrence: ['RRULE:FREQ=DAILY;COUNT=2'],
          },
        }),
      );
      const [first, second] = assertOk(
        await call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: id, start_time: start - 1, end_time: start + 2 * 86400 },
        }),
      ).time_slots as Slot[];
      const seat = assertOk(
        await call('/v3/scheduling/bookings', {
          method: 'POST',
          token: null,
          query: { configuration_id: id },
          body: {
            event_id: first!.event_id,
            master_id: first!.master_id,
            start_time: first!.start_time,
            end_time: first!.end_time,
            guest: { name: 'Guest', email: 'hooked@example.com' },
          },
        }),
      );
      assertOk(
        await call(`/v3/scheduling/bookings/${seat.booking_id}`, {
          method: 'PATCH',
          token: null,
          query: { configuration_id: id },
          body: {
            event_id: second!.event_id,
            master_event_id: second!.master_id,
            calendar_id: 'primary',
            start_time: second!.start_time,
            end_time: second!.end_time,
          },
        }),
      );
      assert.deepEqual(probe.outcomes, ['SQLITE_BUSY', 'SQLITE_BUSY']);
    } finally {
      probe.close();
      await hooked.stop();
    }
  });

  test('a 09:00 Monday class in Europe/Berlin stays at 09:00 local through the March change', async () => {
    const id = await groupConfiguration({ scheduler: { available_days_in_future: 120 } });
    server.clock.ms = Date.UTC(2030, 2, 1);
    try {
      const first = Temporal.ZonedDateTime.from('2030-03-18T09:00[Europe/Berlin]').epochMilliseconds / 1000;
      await groupEvent(id, {
        capacity: 4,
        when: {
          start_time: first,
          end_time: first + 3600,
          start_timezone: 'Europe/Berlin',
          end_timezone: 'Europe/Berlin',
        },
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4'],
      });
      const slots = await availability(id, first - 86400, first + 30 * 86400);
      const local = slots.map((slot) =>
        Temporal.Instant.fromEpochMilliseconds(slot.start_time * 1000).toZonedDateTimeISO('Europe/Berlin'),
      );
      assert.deepEqual(
        local.map((time) => time.toPlainDate().toString()),
        ['2030-03-18', '2030-03-25', '2030-04-01', '2030-04-08'],
      );
      assert.ok(local.every((time) => time.hour === 9 && time.minute === 0 && time.dayOfWeek === 1));
      // 2030-03-31 is the change: UTC 08:00 before, 07:00 after.
      assert.deepEqual(
        slots.map((slot) => new Date(slot.start_time * 1000).getUTCHours()),
        [8, 8, 7, 7],
      );
      assert.ok(slots.every((slot) => slot.end_time - slot.start_time === 3600));
    } finally {
      server.clock.ms = Date.UTC(2030, 0, 7, 8);
    }
  });

  test('EXDATE leaves a date out; UNTIL in UTC ends the series', async () => {
    const id = await groupConfiguration();
    const start = at(7, 18); // Monday 2030-01-14 18:00 UTC = 19:00 Paris
    await groupEvent(id, {
      capacity: 2,
      when: { start_time: start, end_time: start + 3600, start_timezone: 'Europe/Paris', end_timezone: 'Europe/Paris' },
      recurrence: ['RRULE:FREQ=WEEKLY;UNTIL=20300204T180000Z', 'EXDATE:20300121T190000'],
    });
    const days = (await availability(id, start - 1, start + 28 * 86400)).map((slot) =>
      new Date(slot.start_time * 1000).toISOString().slice(0, 10),
    );
    assert.deepEqual(days, ['2030-01-14', '2030-01-28', '2030-02-04']);
    const bad = await server.call(`${configurations}/${id}/group-events`, {
      method: 'POST',
      body: {
        title: 'x',
        calendar_id: 'primary',
        when: { start_time: start, end_time: start + 60 },
        recurrence: ['RRULE:FREQ=SOMETIMES'],
      },
    });
    assertError(bad, 400, 'invalid_request_error');
    for (const recurrence of [
      ['DTSTART:20300101T000000Z', 'RRULE:FREQ=DAILY'],
      ['EXDATE:notadate'],
      'RRULE:FREQ=DAILY',
    ]) {
      const answer = await server.call(`${configurations}/${id}/group-events`, {
        method: 'POST',
        body: { title: 'x', calendar_id: 'primary', when: { start_time: start, end_time: start + 60 }, recurrence },
      });
      assertError(answer, 400, 'invalid_request_error');
    }
  });

  test('per-occurrence exceptions: own capacity and title; deleting an occurrence or the series cancels its seats', async () => {
    const id = await groupConfiguration();
    const start = at(2, 12);
    const series = await groupEvent(id, {
      capacity: 3,
      when: { start_time: start, end_time: start + 1800 },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
    });
    const [first, second, third] = await availability(id, start - 1, start + 3 * 86400);
    const kept = assertOk(await bookSeat(id, first!, 'keep@example.com'));
    const lost = assertOk(await bookSeat(id, second!, 'lose@example.com'));
    const last = assertOk(await bookSeat(id, third!, 'last@example.com'));

    const path = (eventId: string) => `${configurations}/${id}/group-events/${encodeURIComponent(eventId)}`;
    assertError(
      await server.call(path(first!.event_id), { method: 'PATCH', body: { capacity: 0 } }),
      400,
      'invalid_request_error',
    );
    const updated = assertOk(
      await server.call(path(first!.event_id), { method: 'PATCH', body: { capacity: 1, title: 'Small one' } }),
    );
    assert.equal(updated.group_event_info.type, 'updated_event');
    assert.equal(updated.event.master_event_id, series.event.id);
    assert.equal(updated.event.title, 'Small one');
    assertError(
      await server.call(path(first!.event_id), { method: 'PATCH', body: { recurrence: ['RRULE:FREQ=DAILY'] } }),
      400,
      'invalid_request_error',
    );
    const tooFar = { start_time: start + 8 * 86400, end_time: start + 8 * 86400 + 1800 };
    assertError(
      await server.call(path(first!.event_id), { method: 'PATCH', body: { when: tooFar } }),
      400,
      'invalid_request_error',
    );
    const later = { start_time: start + 3600, end_time: start + 5400 };
    assertOk(await server.call(path(first!.event_id), { method: 'PATCH', body: { when: later } }));
    const moved = assertOk(
      await server.call(`/v3/scheduling/bookings/${kept.booking_id}`, { token: null, query: { configuration_id: id } }),
    );
    assert.deepEqual(
      [moved.event_id, moved.start_time, moved.end_time],
      [first!.event_id, later.start_time, later.end_time],
    );
    const slots = await availability(id, start - 1, start + 3 * 86400);
    assert.deepEqual(
      slots.map((slot) => [slot.event_id, slot.capacity]),
      [
        [second!.event_id, 2],
        [third!.event_id, 2],
      ],
    );
    const list = assertOk(
      await server.call(`${configurations}/${id}/group-events`, {
        query: { calendar_id: 'primary', start_time: start - 1, end_time: start + 3 * 86400 },
      }),
    );
    assert.equal(list.length, 3);
    assert.deepEqual(list[0].group_event_info.exceptions, [
      { event_id: first!.event_id, capacity: 1, participants: list[0].group_event_info.participants },
    ]);

    assertOk(await server.call(path(second!.event_id), { method: 'DELETE' }));
    assertError(await bookSeat(id, second!, 'new@example.com'), 404, 'not_found_error');
    const status = async (bookingId: string) => {
      const db = new Database(server.dbPath, { readonly: true });
      const row = db.prepare('SELECT status FROM bookings WHERE id = ?').get(bookingId) as { status: string };
      db.close();
      return row.status;
    };
    assert.equal(await status(lost.booking_id), 'cancelled');
    assert.equal(await status(kept.booking_id), 'booked');

    assertOk(await server.call(path(series.event.id), { method: 'DELETE' }));
    assert.equal(await status(kept.booking_id), 'cancelled');
    assert.equal(await status(last.booking_id), 'cancelled');
    assert.deepEqual(await availability(id, start - 1, start + 3 * 86400), []);
  });

  test('notice and horizon: too soon or too far is neither offered nor bookable', async () => {
    const id = await groupConfiguration({ scheduler: { min_booking_notice: 120, available_days_in_future: 10 } });
    const now = at(0, 8);
    const soon = await groupEvent(id, { capacity: 2, when: { start_time: now + 3600, end_time: now + 7200 } });
    const far = await groupEvent(id, {
      capacity: 2,
      when: { start_time: now + 11 * 86400, end_time: now + 11 * 86400 + 3600 },
    });
    assert.deepEqual(await availability(id, now, now + 20 * 86400), []);
    for (const event of [soon, far]) {
      const slot = {
        event_id: event.event.id,
        master_id: '',
        start_time: event.event.when.start_time,
        end_time: event.event.when.end_time,
      };
      assertError(await bookSeat(id, slot, 'g@example.com'), 400, 'invalid_request_error');
    }
  });

  test('guests never see each other: availability, booking and ui-settings carry no other guest', async () => {
    const id = await groupConfiguration();
    const start = at(4, 9);
    await groupEvent(id, { capacity: 5, when: { start_time: start, end_time: start + 3600 } });
    const [slot] = await availability(id, start - 1, start + 3600);
    const first = assertOk(await bookSeat(id, slot!, 'secret-one@example.com'));
    const second = assertOk(await bookSeat(id, slot!, 'secret-two@example.com'));
    const answers = [
      await server.call('/v3/scheduling/availability', {
        token: null,
        query: { configuration_id: id, start_time: start - 1, end_time: start + 3600 },
      }),
      await server.call(`/v3/scheduling/bookings/${second.booking_id}`, {
        token: null,
        query: { configuration_id: id },
      }),
      await server.call('/v3/scheduling/ui-settings', {
        token: null,
        query: { configuration_id: id, booking_id: second.booking_id },
      }),
      await server.call(`/v3/scheduling/configurations/${id}/group-events/validate-timeslot`, {
        method: 'POST',
        token: null,
        body: { ...slot, calendar_id: 'primary' },
      }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.ok(!JSON.stringify(answer.body).includes('secret-one'), JSON.stringify(answer.body));
    }
    assert.equal(answers[2]!.body.data.type, 'group');
    assert.ok(first.booking_ref);
  });

  test('a private group configuration: validate-timeslot and booking need its session; no organizer confirmation', async () => {
    const id = await groupConfiguration({ requires_session_auth: true });
    const start = at(5, 9);
    const event = await groupEvent(id, { capacity: 2, when: { start_time: start, end_time: start + 3600 } });
    const body = { calendar_id: 'primary', event_id: event.event.id, start_time: start, end_time: start + 3600 };
    const path = `/v3/scheduling/configurations/${id}/group-events/validate-timeslot`;
    assertError(await server.call(path, { method: 'POST', token: null, body }), 401, 'unauthorized');
    const other = assertOk(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        body: { configuration_id: await groupConfiguration() },
      }),
    ).session_id;
    assertError(await server.call(path, { method: 'POST', token: other, body }), 401, 'unauthorized');
    const session = assertOk(
      await server.call('/v3/scheduling/sessions', { method: 'POST', body: { configuration_id: id } }),
    ).session_id;
    assert.equal((await server.call(path, { method: 'POST', token: session, body })).status, 200);
    assert.equal((await server.call(path, { method: 'POST', body })).status, 200, 'the API key works too');
    const booking = assertOk(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        token: session,
        body: { ...body, guest: { name: 'P', email: 'p@example.com' } },
      }),
    );
    const confirm = await server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
      method: 'PUT',
      token: session,
      body: { salt: 'x', status: 'confirmed' },
    });
    assertError(confirm, 400, 'invalid_request_error');
  });

  test('bad input gets an error envelope, never a 500', async () => {
    const id = await groupConfiguration();
    const standard = assertOk(
      await server.call(configurations, {
        method: 'POST',
        body: {
          participants: [{ email: ORGANIZER, is_organizer: true }],
          availability: { duration_minutes: 30 },
          event_booking: { title: 'x' },
        },
      }),
    ).id;
    const cases: Array<[string, Parameters<TestServer['call']>[1], number]> = [
      [`${configurations}/${id}/group-events`, { method: 'POST', body: 'null' }, 400],
      [
        `${configurations}/${id}/group-events`,
        { method: 'POST', body: { title: 'x', calendar_id: 'primary', when: { start_time: 1, end_time: 0 } } },
        400,
      ],
      [
        `${configurations}/${id}/group-events`,
        {
          method: 'POST',
          body: {
            title: 'x',
            calendar_id: 'primary',
            when: { start_time: at(2, 9), end_time: at(2, 10), start_timezone: 'Mars/Base' },
          },
        },
        400,
      ],
      [
        `${configurations}/${standard}/group-events`,
        { query: { calendar_id: 'primary', start_time: 1, end_time: 2 } },
        400,
      ],
      [
        `${configurations}/${id}/group-events`,
        { query: { calendar_id: 'primary', start_time: 0, end_time: 401 * 86400 } },
        400,
      ],
      [`${configurations}/nope/group-events`, { query: { calendar_id: 'primary', start_time: 1, end_time: 2 } }, 404],
      [
        `${configurations}/${id}/group-events/%E2%80%8B_20300101T000000Z`,
        { method: 'PATCH', body: { title: 'x' } },
        404,
      ],
      [`${configurations}/${id}/group-events/x_99999999T999999Z`, { method: 'DELETE' }, 404],
      [`/v3/scheduling/configurations/${id}/import-group-events`, { method: 'POST', body: [] }, 400],
      [
        `/v3/scheduling/configurations/${id}/import-group-events`,
        { method: 'POST', body: [{ calendar_id: 'primary' }] },
        400,
      ],
      [
        `/v3/scheduling/configurations/${id}/group-events/validate-timeslot`,
        { method: 'POST', token: null, body: { event_id: 5 } },
        400,
      ],
      [
        `/v3/scheduling/configurations/${standard}/group-events/validate-timeslot`,
        { method: 'POST', token: null, body: {} },
        400,
      ],
      [
        '/v3/scheduling/bookings',
        {
          method: 'POST',
          token: null,
          query: { configuration_id: id },
          body: { start_time: 1, end_time: 2, guest: { name: 'a', email: 'a@b.co' } },
        },
        400,
      ],
      [
        '/v3/scheduling/bookings',
        {
          method: 'POST',
          token: null,
          query: { configuration_id: id },
          body: {
            event_id: 'x',
            start_time: 1,
            end_time: 2,
            guest: { name: 'a', email: 'a@b.co' },
            additional_guests: [{ name: 'b', email: 'b@b.co' }],
          },
        },
        400,
      ],
      [`${configurations}/${id}`, { method: 'PUT', body: { participants: [] } }, 400],
      [
        `${configurations}/${standard}`,
        { method: 'PUT', body: { type: 'group', name: 'x', group_booking: { calendar_id: 'primary' } } },
        400,
      ],
      [
        configurations,
        { method: 'POST', body: { type: 'group', name: 'x', group_booking: { calendar_id: 'not-mine' } } },
        400,
      ],
    ];
    for (const [path, options, status] of cases) {
      const answer = await server.call(path, options);
      assert.equal(answer.status, status, `${path} ${JSON.stringify(options)} → ${JSON.stringify(answer.body)}`);
      assert.ok(
        ['invalid_request_error', 'not_found_error'].includes(answer.body.error.type),
        JSON.stringify(answer.body),
      );
    }
  });
});

describe('demo seed: Yoga in the park', () => {
  test('a weekly Saturday class with six seats, the next one nearly full, the same ids on every run', async () => {
    const seeded = await startTestServer({ seed: 'demo' });
    try {
      const id = '5eed0001-c0f1-4a1b-8c2d-000000000005';
      const settings = assertOk(
        await seeded.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } }),
      );
      assert.equal(settings.type, 'group');
      assert.equal(settings.name, 'Yoga in the park');
      const now = seeded.clock.ms / 1000;
      const slots: Slot[] = assertOk(
        await seeded.call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: id, start_time: now, end_time: now + 28 * 86400 },
        }),
      ).time_slots;
      assert.equal(slots.length, 4);
      for (const slot of slots) {
        const local = Temporal.Instant.fromEpochMilliseconds(slot.start_time * 1000).toZonedDateTimeISO(
          'Europe/London',
        );
        assert.equal(local.dayOfWeek, 6);
        assert.equal(local.hour, 10);
      }
      assert.deepEqual(
        slots.map((slot) => slot.capacity),
        [1, 6, 6, 6],
      );
    } finally {
      await seeded.stop();
    }
  });
});
