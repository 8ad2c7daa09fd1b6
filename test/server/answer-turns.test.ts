// Long availability answers are built in turns of the event loop (server/scheduling/availability.ts,
// TURN_BYTES), so that other clients' requests are served in between. Each test counts the turns
// another task got while one answer was built, and checks the answer over HTTP is the same.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { groupAvailability } from '../../server/group/seats.js';
import { availabilityInTurns, MAX_ANSWER_BYTES, TURN_BYTES } from '../../server/scheduling/availability.js';
import type { OperationContext } from '../../server/scheduling/context.js';
import { assertOk, createConfiguration, ORGANIZER, startTestServer, T0_SECONDS, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const DAY = 86400;
/** What the availability route hands the group operation. */
const context = (): OperationContext => ({ store: server.store, now: server.clock.ms });
const configurations = `/v3/grants/${ORGANIZER}/scheduling/configurations`;
const window = { start: T0_SECONDS, end: T0_SECONDS + 62 * DAY };

const overHttp = async (configurationId: string) =>
  assertOk(
    await server.call('/v3/scheduling/availability', {
      token: null,
      query: { configuration_id: configurationId, start_time: window.start, end_time: window.end },
    }),
  );

/** How many times a task waiting on the event loop ran while `work` was pending. */
async function turnsOthersGot<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let done = false;
  const other = () => {
    if (done) return;
    turns++;
    setImmediate(other);
  };
  setImmediate(other);
  const value = await work();
  done = true;
  return { value, turns };
}

/** A group configuration of 3 minutely series: its answer fills MAX_ANSWER_BYTES. */
async function minutelyClasses(): Promise<string> {
  const id = assertOk(
    await server.call(configurations, {
      method: 'POST',
      body: {
        name: 'Minutely',
        type: 'group',
        group_booking: { calendar_id: 'primary' },
        scheduler: { min_booking_notice: 0, available_days_in_future: 62 },
      },
    }),
  ).id as string;
  for (let n = 0; n < 3; n++) {
    const start = T0_SECONDS + DAY + n * 20;
    assertOk(
      await server.call(`${configurations}/${id}/group-events`, {
        method: 'POST',
        body: {
          title: 'Minutely',
          calendar_id: 'primary',
          when: { start_time: start, end_time: start + 60 },
          recurrence: ['RRULE:FREQ=MINUTELY'],
        },
      }),
    );
  }
  return id;
}

describe('answers built in turns', () => {
  test('a group answer at its byte budget (3 minutely series) lets others run every TURN_BYTES', async () => {
    const id = await minutelyClasses();
    const record = server.store.configurations.get(id)!;
    const { value, turns } = await turnsOthersGot(() => groupAvailability(context(), record, window));
    const bytes = Buffer.byteLength(JSON.stringify(value));
    assert.ok(bytes > MAX_ANSWER_BYTES - 64 * 1024, `${bytes} B: the answer fills its budget`);
    assert.ok(turns >= Math.floor(bytes / TURN_BYTES), `${turns} turns for ${bytes} B`);
    assert.deepEqual(await overHttp(id), value);
  });

  test('two long answers at once go on one per turn, so others run between each of their turns', async () => {
    const record = server.store.configurations.get(await minutelyClasses())!;
    const { value, turns } = await turnsOthersGot(() =>
      Promise.all([groupAvailability(context(), record, window), groupAvailability(context(), record, window)]),
    );
    const bytes = Buffer.byteLength(JSON.stringify(value[0]));
    assert.deepEqual(value[1], value[0]);
    assert.ok(turns >= 2 * Math.floor(bytes / TURN_BYTES), `${turns} turns for two answers of ${bytes} B`);
  });

  test('a standard answer: reading the store, the engine and the JSON each have a turn', async () => {
    const id = await createConfiguration(server);
    const config = server.store.configurations.get(id)!;
    const query = { configurationId: id, config: config.body, nowMs: server.clock.ms, window };
    const { value, turns } = await turnsOthersGot(() => availabilityInTurns(server.store, query));
    assert.ok(value.time_slots.length > 0);
    assert.ok(turns >= 2, `${turns} turns`);
    assert.deepEqual(await overHttp(id), value);
  });
});
