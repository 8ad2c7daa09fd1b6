/**
 * Races over real HTTP against one server: the slot check and the writes of a booking or a
 * reschedule form one transaction, so however requests interleave, one slot gets one booking.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  assertError,
  assertOk,
  at,
  book,
  createConfiguration,
  ORGANIZER,
  slots,
  startTestServer,
  writeProbe,
  type Answer,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const racer = (i: number) => ({ guest: { name: `Racer ${i}`, email: `racer${i}@example.org` } });

/** The organizer's events overlapping [start, end), via the events API. */
const eventsBetween = async (start: number, end: number) =>
  assertOk(
    await server.call(`/v3/grants/${ORGANIZER}/events`, { query: { calendar_id: 'primary', start, end, limit: 200 } }),
  ) as Array<{
    id: string;
    when: { start_time: number; end_time: number };
  }>;

const assertTaken = (answer: Answer) => {
  const message = assertError(answer, 409, 'timeslot_not_available');
  assert.ok(message.startsWith('The selected timeslot is unavailable'), message);
};

test('30 guests racing for one slot: exactly one booking, 29 × 409 timeslot_not_available', async () => {
  const id = await createConfiguration(server);
  const start = at(1, 14);
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => book(server, id, start, racer(i))));
  const winners = answers.filter((answer) => answer.status === 200);
  assert.equal(winners.length, 1);
  for (const answer of answers) if (answer.status !== 200) assertTaken(answer);
  console.log(
    `concurrency: ${answers.length} racers for one slot → ${winners.length} booked, ${answers.length - winners.length} refused 409`,
  );

  const [event] = await eventsBetween(start, start + 1800);
  assert.equal((await eventsBetween(start, start + 1800)).length, 1);
  assert.equal(event!.id, winners[0]!.body.data.event_id);
  assert.equal(
    assertOk(await server.call(`/v3/scheduling/bookings/${winners[0]!.body.data.booking_id}`)).status,
    'booked',
  );
  assert.ok(!(await slots(server, id, at(1, 9), at(1, 17))).some((slot) => slot.start_time === start));
});

test('parallel bookings of 20 different slots all succeed, each with its own event', async () => {
  const id = await createConfiguration(server);
  // Days 2 and 3, 9:00–14:00: ten half-hour slots each.
  const starts = [2, 3].flatMap((day) => Array.from({ length: 10 }, (_, i) => at(day, 9) + i * 1800));
  const answers = await Promise.all(starts.map((start, i) => book(server, id, start, racer(i))));
  const bookings = answers.map(assertOk);
  assert.deepEqual(
    bookings.map((booking) => booking.start_time),
    starts,
  );
  assert.equal(new Set(bookings.map((booking) => booking.booking_id)).size, 20);
  const events = await eventsBetween(at(2, 0), at(4, 0));
  assert.deepEqual(events.map((event) => event.id).sort(), bookings.map((booking) => booking.event_id).sort());
  const offered = new Set([...(await slots(server, id, at(2, 0), at(4, 0)))].map((slot) => slot.start_time));
  for (const start of starts) assert.ok(!offered.has(start), `slot ${start} is still offered`);
  console.log(`concurrency: ${starts.length} parallel bookings on distinct slots → ${bookings.length} booked`);
});

test('a reschedule racing new bookings for the same slot: one winner, the losers unchanged', async () => {
  const id = await createConfiguration(server);
  const outcome = { reschedule: 0, booking: 0 };
  // Eight rounds, alternating who is sent first; each round has its own old and target slot.
  for (let round = 0; round < 8; round++) {
    const day = 4 + Math.floor(round / 4) * 7; // Friday 2030-01-11, then the next Friday
    const old = at(day, 9) + (round % 4) * 3600;
    const target = old + 1800;
    const booking = assertOk(await book(server, id, old, racer(100 + round)));
    const reschedule = () =>
      server.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        token: null,
        query: { configuration_id: id },
        body: { start_time: target, end_time: target + 1800 },
      });
    const newcomers = () => Array.from({ length: 5 }, (_, i) => book(server, id, target, racer(200 + round * 10 + i)));
    const [patch, ...posts] =
      round % 2 === 0
        ? await Promise.all([reschedule(), ...newcomers()])
        : await Promise.all([...newcomers(), reschedule()]).then((all) => [all.at(-1)!, ...all.slice(0, -1)]);

    const winners = [patch!, ...posts].filter((answer) => answer.status === 200);
    assert.equal(winners.length, 1, `round ${round}: ${[patch!, ...posts].map((answer) => answer.status).join(',')}`);
    for (const answer of [patch!, ...posts]) if (answer.status !== 200) assertTaken(answer);

    const { organizer_booking_ref: _, ...now } = assertOk(
      await server.call(`/v3/scheduling/bookings/${booking.booking_id}`),
    );
    const event = assertOk(await server.call(`/v3/grants/${ORGANIZER}/events/${booking.event_id}`));
    const atTarget = await eventsBetween(target, target + 1800);
    assert.equal(atTarget.length, 1, `round ${round}: one event holds the target slot`);
    if (patch!.status === 200) {
      outcome.reschedule++;
      assert.equal(now.start_time, target);
      assert.equal(event.when.start_time, target);
      assert.equal(atTarget[0]!.id, booking.event_id);
    } else {
      outcome.booking++;
      assert.deepEqual(now, booking, `round ${round}: the booking that lost keeps its old time`);
      assert.equal(event.when.start_time, old);
      assert.equal(atTarget[0]!.id, winners[0]!.body.data.event_id);
    }
    assert.equal(now.status, 'booked');
  }
  console.log(
    `concurrency: 8 rounds of 1 reschedule vs 5 new bookings → 8 single winners (reschedule ${outcome.reschedule}, new booking ${outcome.booking})`,
  );
});

test('the slot check and the writes are one transaction: between them no other writer gets in (booking and reschedule)', async () => {
  // The hook runs where a check-then-act bug would leave a window: after the slot was found free,
  // before the booking is written. Another connection to the same file then tries to write.
  const probe = writeProbe(() => hooked.dbPath);
  const hooked = await startTestServer({ onSlotChecked: probe.onSlotChecked });
  try {
    const id = await createConfiguration(hooked);
    const booking = assertOk(await book(hooked, id, at(1, 10)));
    assertOk(
      await hooked.call(`/v3/scheduling/bookings/${booking.booking_id}`, {
        method: 'PATCH',
        body: { start_time: at(1, 11), end_time: at(1, 11, 30) },
      }),
    );
    assert.deepEqual(probe.outcomes, ['SQLITE_BUSY', 'SQLITE_BUSY']);
  } finally {
    probe.close();
    await hooked.stop();
  }
});
