import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { SchedulerClient } from '../../src/api/client.js';
import { ApiError } from '../../src/api/errors.js';
import type { Availability, TimeSlot, UiSettings } from '../../src/contract/guest.js';
import { BookingFlow } from '../../src/flow/flow.js';
import { MonthCache, type MonthAvailability } from '../../src/flow/months.js';
import type { AvailabilityWindow } from '../../src/flow/requests.js';

/** 2030-01-10 12:00 UTC: every month below is in the future of it, on any day the tests run. */
const NOW = Date.UTC(2030, 0, 10, 12) / 1000;
const at = (iso: string): TimeSlot => {
  const start = Date.parse(iso) / 1000;
  return { start_time: start, end_time: start + 1800, emails: ['host@host.test'] };
};

/** A fake client's availability: answers each month from `slots` when `release` is called. */
function fakeFetch(slots: Record<string, TimeSlot[]>) {
  const asked: AvailabilityWindow[] = [];
  const pending: Array<{ resolve: (a: Availability) => void; reject: (e: unknown) => void; month: string }> = [];
  const fetch = (window: AvailabilityWindow) =>
    new Promise<Availability>((resolve, reject) => {
      asked.push(window);
      pending.push({ resolve, reject, month: new Date((window.end - 1) * 1000).toISOString().slice(0, 7) });
    });
  const release = () => {
    for (const { resolve, month } of pending.splice(0))
      resolve({ time_slots: slots[month] ?? [], order: ['host@host.test'] });
  };
  const fail = (error: unknown) => {
    for (const { reject } of pending.splice(0)) reject(error);
  };
  return { asked, fetch, release, fail };
}

function cache(slots: Record<string, TimeSlot[]> = {}) {
  const client = fakeFetch(slots);
  const changes: Array<[string, MonthAvailability['status']]> = [];
  const months = new MonthCache(client.fetch, (month, entry) => changes.push([month, entry.status]));
  return { ...client, months, changes };
}

test('MonthCache: loading, then ready with the times by day in the zone; concurrent asks share one request', async () => {
  const { months, asked, release, changes } = cache({
    '2030-02': [at('2030-02-03T23:30:00Z'), at('2030-02-04T09:00:00Z'), at('2030-02-04T10:00:00Z')],
  });
  const first = months.loadMonth('2030-02', 'Asia/Tokyo', NOW);
  const second = months.loadMonth('2030-02', 'Asia/Tokyo', NOW);
  assert.equal(first, second);
  assert.equal(asked.length, 1);
  const loading = months.monthState('2030-02', 'Asia/Tokyo')!;
  assert.equal(loading.status, 'loading');
  release();
  await first;
  const ready = months.monthState('2030-02', 'Asia/Tokyo')!;
  assert.equal(ready.status, 'ready');
  assert.deepEqual([...ready.byDay.keys()], ['2030-02-04']);
  assert.equal(ready.byDay.get('2030-02-04')!.length, 3);
  assert.deepEqual(ready.order, ['host@host.test']);
  // What was read stays as it was: the entry was replaced, not changed.
  assert.equal(loading.status, 'loading');
  assert.equal(loading.byDay.size, 0);
  assert.deepEqual(changes, [
    ['2030-02', 'loading'],
    ['2030-02', 'ready'],
  ]);
  await months.loadMonth('2030-02', 'Asia/Tokyo', NOW);
  assert.equal(asked.length, 1, 'a ready month is not fetched again');
});

test('MonthCache: each zone is its own entry; a month from now on only; a month that is over is not fetched', async () => {
  const { months, asked, release } = cache();
  void months.loadMonth('2030-01', 'UTC', NOW);
  void months.loadMonth('2030-01', 'America/New_York', NOW);
  assert.equal(asked.length, 2);
  assert.equal(asked[0]!.start, NOW, 'the current month starts now');
  release();
  await months.loadMonth('2029-12', 'UTC', NOW);
  assert.equal(asked.length, 2);
  assert.equal(months.monthState('2029-12', 'UTC')!.status, 'ready');
});

test('MonthCache: a failed month keeps its error and is fetched again when asked; forgetErrors drops it', async () => {
  const { months, asked, fail, release, changes } = cache();
  const request = months.loadMonth('2030-03', 'UTC', NOW);
  const error = new ApiError('internal_error', 'down', 500);
  fail(error);
  await request;
  assert.equal(months.monthState('2030-03', 'UTC')!.status, 'error');
  assert.equal(months.monthState('2030-03', 'UTC')!.error, error);
  assert.deepEqual(changes.at(-1), ['2030-03', 'error']);
  void months.loadMonth('2030-03', 'UTC', NOW);
  assert.equal(asked.length, 2);
  fail(error);
  await months.monthState('2030-03', 'UTC')!.request;
  const ready = months.loadMonth('2030-02', 'UTC', NOW);
  release();
  await ready;
  months.forgetErrors();
  assert.equal(months.monthState('2030-03', 'UTC'), undefined);
  assert.equal(months.monthState('2030-02', 'UTC')!.status, 'ready', 'a month that loaded is kept');
  void months.loadMonth('2030-02', 'UTC', NOW);
  assert.equal(asked.length, 3, 'and not fetched again');
});

test('MonthCache: an aborted request leaves no entry and no change; a request superseded by clear() publishes nothing', async () => {
  const { months, release, fail, changes } = cache({ '2030-04': [at('2030-04-02T09:00:00Z')] });
  const aborted = months.loadMonth('2030-04', 'UTC', NOW);
  fail(new ApiError('aborted', 'The request was aborted.', 0));
  await aborted;
  assert.equal(months.monthState('2030-04', 'UTC'), undefined);
  assert.deepEqual(changes, [['2030-04', 'loading']]);

  const superseded = months.loadMonth('2030-04', 'UTC', NOW);
  months.clear();
  release();
  await superseded;
  assert.equal(months.monthState('2030-04', 'UTC'), undefined);
  assert.equal(changes.length, 2, 'only the second loading');
});

test('MonthCache.nextWithTimes: the first later month with times; null when none or one fails; undefined once not wanted', async (t) => {
  const slots = { '2030-04': [at('2030-04-02T09:00:00Z')] };
  const answering = (c: ReturnType<typeof cache>) => {
    const timer = setInterval(c.release, 1);
    // Stopped even when an assertion fails first, so that a failure is reported, not a hang.
    t.after(() => clearInterval(timer));
    return () => clearInterval(timer);
  };
  let c = cache(slots);
  let stop = answering(c);
  assert.equal(await c.months.nextWithTimes('2030-01', '2030-06', 'UTC', NOW, () => true), '2030-04');
  assert.equal(c.asked.length, 3, 'February, March, April; not beyond');
  stop();

  c = cache(slots);
  stop = answering(c);
  assert.equal(
    await c.months.nextWithTimes('2030-01', '2030-04', 'UTC', NOW, () => true),
    '2030-04',
    'the last month is looked at too',
  );
  assert.equal(await c.months.nextWithTimes('2030-01', '2030-03', 'UTC', NOW, () => true), null);
  assert.equal(await c.months.nextWithTimes('2030-01', '2030-06', 'UTC', NOW, () => false), undefined);
  stop();

  c = cache(slots);
  const looking = c.months.nextWithTimes('2030-01', '2030-06', 'UTC', NOW, () => true);
  c.fail(new ApiError('internal_error', 'down', 500));
  assert.equal(await looking, null);
  assert.equal(c.asked.length, 1);
});

/** The flow against a fake client, clock pinned at NOW: which months it asks for after the first. */
async function flowAskingFor(slots: Record<string, TimeSlot[]>) {
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: NOW * 1000 });
  const asked: string[] = [];
  const client = {
    uiSettings: async () =>
      ({
        configuration_id: 'c-1',
        scheduler: { available_days_in_future: 120, additional_fields: {} },
      }) as unknown as UiSettings,
    availability: async (window: AvailabilityWindow) => {
      const month = new Date(window.start * 1000).toISOString().slice(0, 7);
      asked.push(month);
      return { time_slots: slots[month] ?? [] };
    },
  } as unknown as SchedulerClient;
  const flow = new BookingFlow({ changed() {}, emit: () => true }, 'UTC');
  flow.start({ client, mode: 'book', ref: undefined });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < 20; i++) await settle();
  return { flow, asked, settle };
}

test('BookingFlow: once a month with times is shown, the next month is fetched when idle (fake client)', async (t) => {
  t.after(() => mock.timers.reset());
  const { flow, asked, settle } = await flowAskingFor({ '2030-01': [at('2030-01-20T09:00:00Z')] });
  assert.equal(flow.state.step, 'schedule');
  assert.equal(flow.state.selectedDay, '2030-01-20');
  assert.deepEqual(asked, ['2030-01']);
  mock.timers.tick(1);
  await settle();
  assert.deepEqual(asked, ['2030-01', '2030-02']);
  assert.equal(flow.monthState('2030-02')?.status, 'ready');
});

test('BookingFlow: a month without times looks ahead to the next month with times (fake client)', async (t) => {
  t.after(() => mock.timers.reset());
  const { flow, asked } = await flowAskingFor({ '2030-03': [at('2030-03-05T09:00:00Z')] });
  assert.equal(flow.state.month, '2030-01');
  assert.equal(flow.state.nextMonthWithTimes, '2030-03');
  assert.deepEqual(asked, ['2030-01', '2030-02', '2030-03']);
});

test('MonthCache: a request aborted after clear() and a new ask leaves the new entry alone', async () => {
  const rejects: Array<(error: unknown) => void> = [];
  const months = new MonthCache(
    () => new Promise<Availability>((_, reject) => rejects.push(reject)),
    () => {},
  );
  const superseded = months.loadMonth('2030-04', 'UTC', NOW);
  months.clear();
  void months.loadMonth('2030-04', 'UTC', NOW);
  rejects[0]!(new ApiError('aborted', 'The request was aborted.', 0));
  await superseded;
  assert.equal(months.monthState('2030-04', 'UTC')?.status, 'loading', 'the second request still owns the month');
});
