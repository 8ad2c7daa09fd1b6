/**
 * The availability engine (server/availability/engine.ts): pure function, fixed `now`, expected
 * instants written out in UTC by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeAvailability, MAX_SPAN_DAYS } from '../../server/availability/engine.js';
import type { BusyInterval, EngineInput, EngineParticipant, EngineResult } from '../../server/availability/types.js';
import type { OpenHours } from '../../src/contract/admin.js';
import { mulberry32 } from '../../server/seeded-random.js';

/** Unix seconds of an ISO instant ('2026-01-05T09:00Z'). */
const T = (iso: string): number => Date.parse(iso) / 1000;
/** 'YYYY-MM-DDTHH:MMZ' of Unix seconds. */
const iso = (t: number): string => new Date(t * 1000).toISOString().slice(0, 16) + 'Z';
const starts = (r: EngineResult): string[] => r.time_slots.map((s) => iso(s.start_time));

const WEEKDAYS: OpenHours['days'] = [1, 2, 3, 4, 5];
const EVERY_DAY: OpenHours['days'] = [0, 1, 2, 3, 4, 5, 6];
const hours = (
  start: string,
  end: string,
  days: OpenHours['days'] = EVERY_DAY,
  extra: Partial<OpenHours> = {},
): OpenHours => ({
  days,
  start,
  end,
  ...extra,
});

function person(
  email: string,
  timezone: string,
  openHours: OpenHours[] = [],
  busy: BusyInterval[] = [],
  recentBookings?: number,
): EngineParticipant {
  return { email, timezone, openHours, busy, ...(recentBookings === undefined ? {} : { recentBookings }) };
}

function run(over: Partial<EngineInput> & { participants: EngineParticipant[] }): EngineResult {
  return computeAvailability({
    method: 'collective',
    defaultOpenHours: [],
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minBookingNoticeMinutes: 0,
    availableDaysInFuture: 365,
    now: T('2026-01-01T00:00Z'),
    window: { start: T('2026-01-01T00:00Z'), end: T('2027-01-01T00:00Z') },
    ...over,
  });
}

/** Every slot: end = start + duration, sorted by start, unique, integers. */
function assertWellFormed(r: EngineResult, durationMinutes: number): void {
  let prev = -Infinity;
  for (const s of r.time_slots) {
    assert.ok(Number.isInteger(s.start_time) && Number.isInteger(s.end_time));
    assert.equal(s.end_time - s.start_time, durationMinutes * 60);
    assert.ok(s.start_time > prev, 'sorted and unique');
    prev = s.start_time;
  }
}

const day = (d: string) => ({ start: T(`${d}T00:00Z`), end: T(`${d}T00:00Z`) + 86400 });

// ---------------------------------------------------------------- open hours and the grid

test('no open hours anywhere: Mon–Fri 9:00–17:00 in the participant zone', () => {
  const r = run({
    participants: [person('a@x.test', 'UTC')],
    durationMinutes: 60,
    window: { start: T('2026-01-03T00:00Z'), end: T('2026-01-12T00:00Z') }, // Sat 3 … Sun 11
  });
  assertWellFormed(r, 60);
  assert.equal(r.time_slots.length, 5 * 8);
  assert.equal(starts(r)[0], '2026-01-05T09:00Z');
  assert.equal(starts(r).at(-1), '2026-01-09T16:00Z');
  assert.ok(
    !starts(r).some((s) => s.startsWith('2026-01-03') || s.startsWith('2026-01-04') || s.startsWith('2026-01-10')),
  );
  assert.deepEqual(r.time_slots[0]!.emails, ['a@x.test']);
  assert.equal('order' in r, false, 'collective has no order');

  const ny = run({
    participants: [person('a@x.test', 'America/New_York')],
    durationMinutes: 60,
    window: day('2026-01-05'),
  });
  assert.deepEqual(
    starts(ny),
    ['14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00', '21:00'].map((h) => `2026-01-05T${h}Z`),
  );
});

test('duration, interval and round_to: starts step from the window start aligned up', () => {
  const p = [person('a@x.test', 'UTC', [hours('9:10', '12:00')])];
  const w = day('2026-01-05');
  const at = (hm: string[]) => hm.map((h) => `2026-01-05T${h}Z`);
  assert.deepEqual(
    starts(run({ participants: p, window: w, durationMinutes: 45, intervalMinutes: 30 })),
    at(['09:15', '09:45', '10:15', '10:45', '11:15']),
  );
  // interval defaults to the duration, round_to to 15
  assert.deepEqual(starts(run({ participants: p, window: w, durationMinutes: 45 })), at(['09:15', '10:00', '10:45']));
  assert.deepEqual(
    starts(run({ participants: p, window: w, durationMinutes: 30, roundTo: 30 })),
    at(['09:30', '10:00', '10:30', '11:00', '11:30']),
  );
  assert.deepEqual(
    starts(run({ participants: p, window: w, durationMinutes: 60, roundTo: 60, intervalMinutes: 20 })),
    at(['10:00', '10:20', '10:40', '11:00']),
  );
  // an aligned start stays put; a slot must fit in the window
  const q = [person('a@x.test', 'UTC', [hours('9:00', '10:40')])];
  assert.deepEqual(
    starts(run({ participants: q, window: w, durationMinutes: 30, intervalMinutes: 15 })),
    at(['09:00', '09:15', '09:30', '09:45', '10:00']),
  );
});

test('"24:00" and an end of "0:00" mean the end of the day; bad entries open nothing', () => {
  const w = { start: T('2026-01-05T00:00Z'), end: T('2026-01-06T06:00Z') };
  const at = ['2026-01-05T22:00Z', '2026-01-05T23:00Z'];
  assert.deepEqual(
    starts(
      run({
        participants: [person('a@x.test', 'UTC', [hours('22:00', '24:00', [1])])],
        window: w,
        durationMinutes: 60,
      }),
    ),
    at,
  );
  assert.deepEqual(
    starts(
      run({ participants: [person('a@x.test', 'UTC', [hours('22:00', '0:00', [1])])], window: w, durationMinutes: 60 }),
    ),
    at,
  );
  for (const bad of [
    hours('22:00', '2:00', [1]),
    hours('9:00', '9:00', [1]),
    hours('25:00', '26:00', [1]),
    hours('9:00', 'noon', [1]),
    hours('24:00', '24:00', [1]),
  ]) {
    assert.deepEqual(
      run({ participants: [person('a@x.test', 'UTC', [bad])], window: w }).time_slots,
      [],
      JSON.stringify(bad),
    );
  }
});

test('exdates remove that day of that entry only, in the entry zone', () => {
  const r = run({
    participants: [
      person('a@x.test', 'UTC', [
        hours('9:00', '10:00', WEEKDAYS, { exdates: ['2026-01-06'] }),
        hours('14:00', '15:00', [2]),
      ]),
    ],
    durationMinutes: 60,
    window: { start: T('2026-01-05T00:00Z'), end: T('2026-01-08T00:00Z') },
  });
  assert.deepEqual(starts(r), ['2026-01-05T09:00Z', '2026-01-06T14:00Z', '2026-01-07T09:00Z']);

  // Auckland (UTC+13 in January): 9:00 on local Tuesday 6 Jan is 20:00Z on Monday 5 Jan.
  const nz = run({
    participants: [
      person('a@x.test', 'UTC', [
        hours('9:00', '10:00', WEEKDAYS, { timezone: 'Pacific/Auckland', exdates: ['2026-01-06'] }),
      ]),
    ],
    durationMinutes: 60,
    window: { start: T('2026-01-04T00:00Z'), end: T('2026-01-07T00:00Z') },
  });
  assert.deepEqual(starts(nz), ['2026-01-04T20:00Z', '2026-01-06T20:00Z']);
});

test('fallback chain: own open hours, else default_open_hours, else Mon–Fri 9–17; entry timezone wins', () => {
  const saturday = [hours('10:00', '12:00', [6])];
  const w = { start: T('2026-01-05T00:00Z'), end: T('2026-01-12T00:00Z') };
  const viaDefaults = run({
    participants: [person('a@x.test', 'America/New_York')],
    defaultOpenHours: saturday,
    durationMinutes: 60,
    window: w,
  });
  assert.deepEqual(starts(viaDefaults), ['2026-01-10T15:00Z', '2026-01-10T16:00Z']);

  const own = run({
    participants: [person('a@x.test', 'America/New_York', [hours('8:00', '9:00', [1])])],
    defaultOpenHours: saturday,
    durationMinutes: 60,
    window: w,
  });
  assert.deepEqual(starts(own), ['2026-01-05T13:00Z']);

  const berlin = run({
    participants: [
      person('a@x.test', 'America/New_York', [hours('9:00', '10:00', [1], { timezone: 'Europe/Berlin' })]),
    ],
    durationMinutes: 60,
    window: w,
  });
  assert.deepEqual(starts(berlin), ['2026-01-05T08:00Z']);
});

// ---------------------------------------------------------------- busy time, buffers, rules

test('buffers (Nylas): before is kept free before an existing event, after after it', () => {
  // One event 10:00–11:00; 15-minute slots every 15 minutes, 8:00–13:00 open.
  const busy = [{ start: T('2026-01-05T10:00Z'), end: T('2026-01-05T11:00Z') }];
  const base = {
    participants: [person('a@x.test', 'UTC', [hours('8:00', '13:00')], busy)],
    durationMinutes: 15,
    intervalMinutes: 15,
    roundTo: 5,
    window: day('2026-01-05'),
  };
  /** The quarter hours no slot covers, as "HH:MM" starts. */
  const blocked = (over: Partial<EngineInput>) => {
    const offered = new Set(starts(run({ ...base, ...over })).map((s) => s.slice(11, 16)));
    const all = Array.from(
      { length: 20 },
      (_, i) => `${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
    );
    return all.filter((quarter) => !offered.has(quarter));
  };
  assert.deepEqual(blocked({}), ['10:00', '10:15', '10:30', '10:45']);
  // before: 30 → 9:30–11:00 is busy
  assert.deepEqual(blocked({ bufferBeforeMinutes: 30 }), ['09:30', '09:45', '10:00', '10:15', '10:30', '10:45']);
  // after: 15 → 10:00–11:15 is busy
  assert.deepEqual(blocked({ bufferAfterMinutes: 15 }), ['10:00', '10:15', '10:30', '10:45', '11:00']);
  assert.deepEqual(blocked({ bufferBeforeMinutes: 30, bufferAfterMinutes: 15 }), [
    '09:30',
    '09:45',
    '10:00',
    '10:15',
    '10:30',
    '10:45',
    '11:00',
  ]);
});

test('min notice drops early slots, never shifts the grid; asked a minute later gives the same grid', () => {
  const p = [person('a@x.test', 'UTC', [hours('9:00', '17:00')])];
  const w = day('2026-01-05');
  const at = (now: number) => run({ participants: p, window: w, now, minBookingNoticeMinutes: 60 });
  const r = at(T('2026-01-05T09:07Z'));
  assert.equal(starts(r)[0], '2026-01-05T10:30Z'); // not 10:07, not 10:15
  assert.equal(r.time_slots.length, 13);

  const first = at(T('2026-01-05T08:00Z')).time_slots;
  for (let m = 0; m <= 180; m += 7) {
    const now = T('2026-01-05T08:00Z') + m * 60 + (m % 2); // odd seconds too
    const later = at(now).time_slots;
    assert.deepEqual(
      later,
      first.filter((s) => s.start_time >= now + 3600),
      `now + ${m} min`,
    );
  }
});

test('available_days_in_future: a slot must end by now + days', () => {
  const p = [person('a@x.test', 'UTC', [hours('0:00', '24:00')])];
  const now = T('2026-01-05T00:00Z');
  const w = { start: now, end: now + 30 * 86400 };
  const hourly = run({ participants: p, now, window: w, availableDaysInFuture: 2, durationMinutes: 60 });
  assert.equal(hourly.time_slots.length, 48);
  assert.equal(iso(hourly.time_slots.at(-1)!.end_time), '2026-01-07T00:00Z');

  // 90-minute slots on an hourly grid: 23:00 on day 1 runs over midnight into the next open
  // day (kept), 23:00 on day 2 would end after the horizon (dropped).
  const long = run({
    participants: p,
    now,
    window: w,
    availableDaysInFuture: 2,
    durationMinutes: 90,
    intervalMinutes: 60,
  });
  assert.ok(starts(long).includes('2026-01-05T23:00Z'));
  assert.equal(starts(long).at(-1), '2026-01-06T22:00Z');

  assert.deepEqual(run({ participants: p, now, window: w, availableDaysInFuture: 0 }).time_slots, []);
});

test('the window: clipped, end before start, outside the rules, years wide, odd numbers', () => {
  const p = [person('a@x.test', 'UTC', [hours('9:00', '17:00')])];
  const clipped = run({ participants: p, window: { start: T('2026-01-05T10:20Z'), end: T('2026-01-05T12:00Z') } });
  assert.deepEqual(starts(clipped), ['2026-01-05T10:30Z', '2026-01-05T11:00Z', '2026-01-05T11:30Z']);
  assert.deepEqual(
    run({ participants: p, window: { start: T('2026-01-05T12:00Z'), end: T('2026-01-05T10:00Z') } }).time_slots,
    [],
  );
  assert.deepEqual(
    run({ participants: p, window: { start: T('2026-01-05T12:00Z'), end: T('2026-01-05T12:00Z') } }).time_slots,
    [],
  );
  assert.deepEqual(
    run({ participants: p, window: { start: T('2025-06-01T00:00Z'), end: T('2025-07-01T00:00Z') } }).time_slots,
    [],
    'in the past',
  );
  assert.deepEqual(
    run({ participants: p, now: T('2026-01-01T00:00Z'), availableDaysInFuture: 30, window: day('2026-03-02') })
      .time_slots,
    [],
    'past horizon',
  );

  const wide = run({
    participants: p,
    availableDaysInFuture: 30,
    window: { start: T('1970-01-01T00:00Z'), end: T('2100-01-01T00:00Z') },
  });
  assert.equal(wide.time_slots.length, 30 * 16); // 9–17 on each of the 30 days from now (Jan 1–30)
  const huge = run({ participants: p, availableDaysInFuture: 1e9, window: { start: -1e12, end: 1e12 } });
  assert.equal(huge.time_slots.length, MAX_SPAN_DAYS * 16, 'clipped to MAX_SPAN_DAYS from now');

  for (const bad of [
    { window: { start: NaN, end: T('2026-01-06T00:00Z') } },
    { window: { start: -Infinity, end: Infinity } },
    { now: NaN },
    { durationMinutes: 0 },
    { durationMinutes: -30 },
    { durationMinutes: NaN },
  ] as Partial<EngineInput>[]) {
    assert.doesNotThrow(() => run({ participants: p, ...bad }));
  }
  assert.equal(
    run({ participants: p, window: { start: -Infinity, end: Infinity }, availableDaysInFuture: 1 }).time_slots.length,
    16,
    'infinite window is clipped',
  );
  assert.deepEqual(run({ participants: p, durationMinutes: 0 }).time_slots, []);
  // silly knobs fall back: interval 0 → duration, round_to 0 → 15, negative buffers and notice → 0
  const knobs = run({
    participants: p,
    window: day('2026-01-05'),
    intervalMinutes: 0,
    roundTo: 0,
    bufferBeforeMinutes: -5,
    bufferAfterMinutes: -5,
    minBookingNoticeMinutes: -60,
  });
  assert.equal(knobs.time_slots.length, 16);
  assert.deepEqual(run({ participants: [], window: day('2026-01-05') }).time_slots, []);
});

test('unknown time zones and malformed entries never throw', () => {
  const r = run({
    participants: [
      person('a@x.test', 'Mars/Olympus_Mons', [hours('9:00', '10:00')]),
      person('b@x.test', 'UTC', [hours('9:00', '10:00')]),
    ],
    window: day('2026-01-05'),
  });
  assert.deepEqual(r.time_slots, []);
  const rr = run({
    method: 'max-fairness',
    participants: [
      person('a@x.test', 'UTC', [hours('9:00', '10:00', WEEKDAYS, { timezone: 'Not/AZone' })]),
      person('b@x.test', 'UTC', [
        hours('9:00', '10:00'),
        { days: [], start: '9:00', end: '10:00' },
        null as unknown as OpenHours,
      ]),
    ],
    window: day('2026-01-05'),
  });
  assert.deepEqual(starts(rr), ['2026-01-05T09:00Z', '2026-01-05T09:30Z']);
  assert.deepEqual(rr.time_slots[0]!.emails, ['b@x.test']);
});

// ---------------------------------------------------------------- daylight saving time

test('DST America/New_York spring forward (2026-03-08)', () => {
  const ny = (oh: OpenHours[], more: Partial<EngineInput> = {}) =>
    starts(
      run({
        participants: [person('a@x.test', 'America/New_York', oh)],
        window: { start: T('2026-03-07T00:00Z'), end: T('2026-03-10T00:00Z') },
        ...more,
      }),
    );
  // 9–17 is 8 real hours: EST the day before, EDT on the day
  const day917 = ny([hours('9:00', '17:00', [0, 6])], { durationMinutes: 60 });
  assert.equal(day917.length, 16);
  assert.equal(day917[0], '2026-03-07T14:00Z');
  assert.equal(day917[7], '2026-03-07T21:00Z');
  assert.equal(day917[8], '2026-03-08T13:00Z');
  assert.equal(day917[15], '2026-03-08T20:00Z');
  // 1:00 EST – 3:00 EDT is one real hour
  assert.deepEqual(ny([hours('1:00', '3:00', [0])]), ['2026-03-08T06:00Z', '2026-03-08T06:30Z']);
  // 0:00–4:00 is three real hours
  assert.deepEqual(ny([hours('0:00', '4:00', [0])], { durationMinutes: 60 }), [
    '2026-03-08T05:00Z',
    '2026-03-08T06:00Z',
    '2026-03-08T07:00Z',
  ]);
  // 2:30 does not exist: 'compatible' moves it to 3:30 EDT
  assert.deepEqual(ny([hours('2:30', '4:00', [0])]), ['2026-03-08T07:30Z']);
  // 2:00–3:00 is swallowed by the gap
  assert.deepEqual(ny([hours('2:00', '3:00', [0])]), []);
});

test('DST America/New_York fall back (2026-11-01)', () => {
  const ny = (oh: OpenHours[], more: Partial<EngineInput> = {}) =>
    starts(run({ participants: [person('a@x.test', 'America/New_York', oh)], window: day('2026-11-01'), ...more }));
  // 1:00 is ambiguous: 'compatible' takes the earlier (EDT); 1:00 EDT – 3:00 EST is three real hours
  assert.deepEqual(ny([hours('1:00', '3:00', [0])], { durationMinutes: 60 }), [
    '2026-11-01T05:00Z',
    '2026-11-01T06:00Z',
    '2026-11-01T07:00Z',
  ]);
  const day917 = ny([hours('9:00', '17:00', [0])], { durationMinutes: 60 });
  assert.equal(day917.length, 8);
  assert.equal(day917[0], '2026-11-01T14:00Z');
  assert.equal(day917[7], '2026-11-01T21:00Z');
  // the grid steps in real time across the repeated hour
  assert.deepEqual(ny([hours('0:30', '2:00', [0])], { durationMinutes: 30, intervalMinutes: 30 }), [
    '2026-11-01T04:30Z',
    '2026-11-01T05:00Z',
    '2026-11-01T05:30Z',
    '2026-11-01T06:00Z',
    '2026-11-01T06:30Z',
  ]);
});

test('Asia/Kolkata: round_to aligns on the local wall clock (UTC+5:30)', () => {
  const r = run({
    participants: [person('a@x.test', 'Asia/Kolkata', [hours('9:10', '12:00')])],
    window: day('2026-01-05'),
    roundTo: 60,
  });
  // first start 10:00 IST = 04:30Z, not 9:30 IST = 04:00Z (which a UTC alignment would give)
  assert.deepEqual(starts(r), ['2026-01-05T04:30Z', '2026-01-05T05:00Z', '2026-01-05T05:30Z', '2026-01-05T06:00Z']);
  const hourly = run({
    participants: [person('a@x.test', 'Asia/Kolkata')],
    window: day('2026-01-05'),
    roundTo: 60,
    durationMinutes: 60,
  });
  assert.equal(starts(hourly)[0], '2026-01-05T03:30Z');
  assert.equal(hourly.time_slots.length, 8);
});

test('Australia/Lord_Howe: 30-minute DST shifts (2026-04-05 back, 2026-10-04 forward)', () => {
  const lh = (oh: OpenHours[], w: { start: number; end: number }, more: Partial<EngineInput> = {}) =>
    starts(run({ participants: [person('a@x.test', 'Australia/Lord_Howe', oh)], window: w, ...more }));
  const april = { start: T('2026-04-04T00:00Z'), end: T('2026-04-06T00:00Z') };
  // 1:00 LHDT (+11) – 3:00 LHST (+10:30): two and a half real hours
  assert.deepEqual(
    lh([hours('1:00', '3:00', [0])], april),
    ['14:00', '14:30', '15:00', '15:30', '16:00'].map((h) => `2026-04-04T${h}Z`),
  );
  const apr917 = lh([hours('9:00', '17:00', [0])], april, { durationMinutes: 60 });
  assert.equal(apr917.length, 8);
  assert.equal(apr917[0], '2026-04-04T22:30Z');
  assert.equal(apr917[7], '2026-04-05T05:30Z');

  const october = { start: T('2026-10-03T00:00Z'), end: T('2026-10-05T00:00Z') };
  // 1:00 LHST (+10:30) – 3:00 LHDT (+11): one and a half real hours
  assert.deepEqual(lh([hours('1:00', '3:00', [0])], october), [
    '2026-10-03T14:30Z',
    '2026-10-03T15:00Z',
    '2026-10-03T15:30Z',
  ]);
  // 2:10 does not exist (2:00 → 2:30): it resolves to 2:40 LHDT, aligned on that clock to 3:00
  assert.deepEqual(lh([hours('2:10', '4:00', [0])], october, { roundTo: 60 }), [
    '2026-10-03T16:00Z',
    '2026-10-03T16:30Z',
  ]);
  const oct917 = lh([hours('9:00', '17:00', [0])], october, { durationMinutes: 60 });
  assert.equal(oct917[0], '2026-10-03T22:00Z');
  assert.equal(oct917.length, 8);
});

// ---------------------------------------------------------------- collective

test('collective: intersection of two participants in different zones, busy of either blocks', () => {
  const a = person(
    'a@x.test',
    'America/New_York',
    [hours('9:00', '17:00', WEEKDAYS)],
    [{ start: T('2026-03-09T13:00Z'), end: T('2026-03-09T13:30Z') }],
  );
  const b = person(
    'b@x.test',
    'Europe/Berlin',
    [hours('9:00', '17:00', WEEKDAYS)],
    [{ start: T('2026-01-05T15:00Z'), end: T('2026-01-05T15:30Z') }],
  );
  const jan = run({ participants: [a, b], window: day('2026-01-05') });
  // NY 9–17 EST = 14–22Z, Berlin 9–17 CET = 8–16Z
  assert.deepEqual(starts(jan), ['2026-01-05T14:00Z', '2026-01-05T14:30Z', '2026-01-05T15:30Z']);
  assert.deepEqual(jan.time_slots[0]!.emails, ['a@x.test', 'b@x.test']);
  assert.equal('order' in jan, false);
  // the week the US is on summer time and Europe not yet: 13–16Z
  const march = run({ participants: [a, b], window: day('2026-03-09') });
  assert.deepEqual(
    starts(march),
    ['13:30', '14:00', '14:30', '15:00', '15:30'].map((h) => `2026-03-09T${h}Z`),
  );
  // nobody in common
  const c = person('c@x.test', 'Asia/Tokyo', [hours('9:00', '17:00', WEEKDAYS)]);
  assert.deepEqual(run({ participants: [a, c], window: day('2026-01-05') }).time_slots, []);
});

test('collective: an intersection piece is aligned on the wall clock of the window that starts it', () => {
  const kolkata = person('k@x.test', 'Asia/Kolkata', [hours('9:00', '17:00')]); // 03:30–11:30Z
  const london = person('l@x.test', 'Europe/London', [hours('9:00', '17:00')]); // 09:00–17:00Z
  const r = run({ participants: [kolkata, london], window: day('2026-01-05'), durationMinutes: 60, roundTo: 60 });
  assert.deepEqual(starts(r), ['2026-01-05T09:00Z', '2026-01-05T10:00Z']);
  // Kolkata starting the piece: its 10:00 (04:30Z), a London 4:15–5:45 window is cut to 4:30Z
  const early = person('e@x.test', 'Europe/London', [hours('4:15', '5:45')]);
  const k10 = person('k@x.test', 'Asia/Kolkata', [hours('10:00', '12:00')]); // 04:30–06:30Z
  assert.deepEqual(starts(run({ participants: [early, k10], window: day('2026-01-05'), roundTo: 60 })), [
    '2026-01-05T04:30Z',
    '2026-01-05T05:00Z',
  ]);
});

test('touching windows of one participant count as one open stretch', () => {
  const p = [person('a@x.test', 'UTC', [hours('9:00', '12:00'), hours('12:00', '14:00')])];
  const r = run({ participants: p, window: day('2026-01-05'), durationMinutes: 90, intervalMinutes: 60 });
  // 11:00–12:30 runs from the first window into the second; 13:00–14:30 would leave them
  assert.deepEqual(starts(r), ['2026-01-05T09:00Z', '2026-01-05T10:00Z', '2026-01-05T11:00Z', '2026-01-05T12:00Z']);
  // overlapping duplicate windows offer each slot once
  const dup = run({
    participants: [
      person('a@x.test', 'UTC', [hours('9:00', '11:00'), hours('9:00', '11:00'), hours('10:00', '11:00')]),
    ],
    window: day('2026-01-05'),
  });
  assert.deepEqual(starts(dup), ['2026-01-05T09:00Z', '2026-01-05T09:30Z', '2026-01-05T10:00Z', '2026-01-05T10:30Z']);
});

// ---------------------------------------------------------------- round-robin

test('max-fairness: emails are those free, in order; order by fewest recent bookings', () => {
  const oh = [hours('9:00', '13:00')];
  const at = (h: string) => T(`2026-01-05T${h}Z`);
  const all = { start: at('12:00'), end: at('13:00') };
  const a = person('a@x.test', 'UTC', oh, [{ start: at('10:00'), end: at('11:00') }, all], 2);
  const b = person('b@x.test', 'UTC', oh, [{ start: at('09:00'), end: at('10:00') }, all], 0);
  const c = person('c@x.test', 'UTC', oh, [{ start: at('09:00'), end: at('11:00') }, all]);
  const d = person('d@x.test', 'UTC', [hours('9:30', '10:30')], [], 5);
  const r = run({ method: 'max-fairness', participants: [a, b, c, d], window: day('2026-01-05'), durationMinutes: 60 });
  assert.deepEqual(r.order, ['b@x.test', 'c@x.test', 'a@x.test', 'd@x.test']);
  assertWellFormed(r, 60);
  assert.deepEqual(
    r.time_slots.map((s) => [iso(s.start_time).slice(11, 16), s.emails]),
    [
      ['09:00', ['a@x.test']],
      ['09:30', ['d@x.test']], // d's own grid
      ['10:00', ['b@x.test']],
      ['11:00', ['b@x.test', 'c@x.test', 'a@x.test']],
    ],
  );
  // no slot at all still ranks everyone
  const empty = run({ method: 'max-fairness', participants: [a, b], window: { start: at('12:00'), end: at('11:00') } });
  assert.deepEqual(empty, { time_slots: [], order: ['b@x.test', 'a@x.test'] });
});

test('max-availability: order by most free slots, then fewer recent bookings, then input order', () => {
  const at = (h: string) => T(`2026-01-05T${h}Z`);
  const oh = [hours('9:00', '12:00')];
  const a = person('a@x.test', 'UTC', oh, [], 1); // 3 free
  const b = person('b@x.test', 'UTC', oh, [{ start: at('09:00'), end: at('11:00') }], 0); // 1 free
  const c = person('c@x.test', 'UTC', oh, [], 0); // 3 free, fewer bookings than a
  const d = person('d@x.test', 'UTC', oh, [{ start: at('10:00'), end: at('11:00') }], 7); // 2 free
  const e = person('e@x.test', 'UTC', oh, [{ start: at('10:00'), end: at('11:00') }], 7); // same as d
  const r = run({
    method: 'max-availability',
    participants: [a, b, c, d, e],
    window: day('2026-01-05'),
    durationMinutes: 60,
  });
  assert.deepEqual(r.order, ['c@x.test', 'a@x.test', 'd@x.test', 'e@x.test', 'b@x.test']);
  assert.deepEqual(
    r.time_slots.map((s) => s.emails),
    [
      ['c@x.test', 'a@x.test', 'd@x.test', 'e@x.test'],
      ['c@x.test', 'a@x.test'],
      ['c@x.test', 'a@x.test', 'd@x.test', 'e@x.test', 'b@x.test'],
    ],
  );
  // the counts are of the clipped window
  const late = run({
    method: 'max-availability',
    participants: [a, b, c, d, e],
    window: { start: at('11:00'), end: at('12:00') },
    durationMinutes: 60,
  });
  assert.deepEqual(late.order, ['b@x.test', 'c@x.test', 'a@x.test', 'd@x.test', 'e@x.test']);
});

// ---------------------------------------------------------------- rescheduling and busy input

test('excludeBookingId frees that booking only', () => {
  const at = (h: string) => T(`2026-01-05T${h}Z`);
  const busy = [
    { start: at('09:00'), end: at('10:00'), bookingId: 'bk-1' },
    { start: at('11:00'), end: at('12:00') },
    { start: at('13:00'), end: at('14:00'), bookingId: 'bk-2' },
  ];
  const base = {
    participants: [person('a@x.test', 'UTC', [hours('9:00', '15:00')], busy)],
    window: day('2026-01-05'),
    durationMinutes: 60,
  };
  assert.deepEqual(
    starts(run(base)).map((s) => s.slice(11, 16)),
    ['10:00', '12:00', '14:00'],
  );
  assert.deepEqual(
    starts(run({ ...base, excludeBookingId: 'bk-1' })).map((s) => s.slice(11, 16)),
    ['09:00', '10:00', '12:00', '14:00'],
  );
  assert.deepEqual(
    starts(run({ ...base, excludeBookingId: '' })).map((s) => s.slice(11, 16)),
    ['10:00', '12:00', '14:00'],
  );
  assert.deepEqual(
    starts(run({ ...base, excludeBookingId: 'bk-1', method: 'max-fairness' })).map((s) => s.slice(11, 16)),
    ['09:00', '10:00', '12:00', '14:00'],
  );
});

test('unsorted, overlapping, duplicated and invalid busy input: same answer as a brute-force check', () => {
  const rand = mulberry32(7);
  const monday = T('2026-01-05T00:00Z');
  const dayStarts = [0, 1, 2].map((d) => monday + d * 86400);
  for (let round = 0; round < 40; round++) {
    const duration = [15, 30, 45, 60][Math.floor(rand() * 4)]!;
    const interval = [10, 15, 30][Math.floor(rand() * 3)]!;
    const before = Math.floor(rand() * 3) * 10;
    const after = Math.floor(rand() * 3) * 10;
    const people = [0, 1, 2].map((i) => {
      const busy: BusyInterval[] = [];
      const n = round < 6 ? 300 + Math.floor(rand() * 500) : Math.floor(rand() * 25); // big ones take the radix sort
      for (let k = 0; k < n; k++) {
        const s = dayStarts[Math.floor(rand() * 3)]! + Math.floor(rand() * 24 * 12) * 300 + (rand() < 0.2 ? 17 : 0);
        const len = Math.floor(rand() * (round < 6 ? 40 : 180)) * 60 - (rand() < 0.1 ? 3600 : 0); // some empty or reversed
        busy.push({ start: s, end: s + len });
        if (rand() < 0.2) busy.push({ start: s, end: s + len }); // duplicate
      }
      return person(`p${i}@x.test`, 'UTC', [hours('9:00', '17:00')], busy, i);
    });
    const window = { start: monday, end: monday + 3 * 86400 };
    const common = {
      durationMinutes: duration,
      intervalMinutes: interval,
      roundTo: 5,
      bufferBeforeMinutes: before,
      bufferAfterMinutes: after,
      window,
      participants: people,
    };

    // brute force: every grid start, every event
    const grid: number[] = [];
    for (const d of dayStarts)
      for (let s = d + 9 * 3600; s + duration * 60 <= d + 17 * 3600; s += interval * 60) grid.push(s);
    const free = (p: EngineParticipant, s: number) =>
      p.busy.every((b) => !(b.start < b.end) || !(s < b.end + after * 60 && s + duration * 60 > b.start - before * 60));

    const col = run({ ...common, method: 'collective' });
    assert.deepEqual(
      col.time_slots.map((x) => x.start_time),
      grid.filter((s) => people.every((p) => free(p, s))),
      `collective round ${round}`,
    );

    const rr = run({ ...common, method: 'max-fairness' });
    const expected = grid
      .map((s) => ({
        emails: people.filter((p) => free(p, s)).map((p) => p.email),
        start_time: s,
        end_time: s + duration * 60,
      }))
      .filter((x) => x.emails.length > 0);
    assert.deepEqual(rr.time_slots, expected, `round-robin round ${round}`);
  }
});

test('specific time availability: own dates replace the open hours of those dates, else the default ones; onlySpecificTimes keeps those alone; all in time order', () => {
  const window = { start: T('2026-01-05T00:00Z'), end: T('2026-01-08T00:00Z') };
  const weekdayMornings = [hours('9:00', '10:00', WEEKDAYS)];
  const own = {
    ...person('a@x.test', 'UTC', weekdayMornings),
    specificTimes: [{ date: '2026-01-06', start: '14:00', end: '15:00' }],
  };
  // Monday and Wednesday keep their open hours; Tuesday has only its specific hours.
  assert.deepEqual(starts(run({ participants: [own], window })), [
    '2026-01-05T09:00Z',
    '2026-01-05T09:30Z',
    '2026-01-06T14:00Z',
    '2026-01-06T14:30Z',
    '2026-01-07T09:00Z',
    '2026-01-07T09:30Z',
  ]);
  // A specific date earlier than every open-hours window still comes first.
  const early = {
    ...person('a@x.test', 'UTC', [hours('9:00', '10:00', [3])]),
    specificTimes: [{ date: '2026-01-05', start: '7:00', end: '8:00' }],
  };
  assert.deepEqual(starts(run({ participants: [early], window })), [
    '2026-01-05T07:00Z',
    '2026-01-05T07:30Z',
    '2026-01-07T09:00Z',
    '2026-01-07T09:30Z',
  ]);

  const defaults = [{ date: '2026-01-07', start: '16:00', end: '17:00' }];
  const plain = person('b@x.test', 'UTC', weekdayMornings);
  assert.deepEqual(starts(run({ participants: [plain], window, defaultSpecificTimes: defaults })), [
    '2026-01-05T09:00Z',
    '2026-01-05T09:30Z',
    '2026-01-06T09:00Z',
    '2026-01-06T09:30Z',
    '2026-01-07T16:00Z',
    '2026-01-07T16:30Z',
  ]);
  assert.deepEqual(
    starts(run({ participants: [own], window, defaultSpecificTimes: defaults })).filter((s) =>
      s.startsWith('2026-01-07'),
    ),
    ['2026-01-07T09:00Z', '2026-01-07T09:30Z'],
    'own specific times win over the default ones',
  );
  assert.deepEqual(starts(run({ participants: [own], window, onlySpecificTimes: true })), [
    '2026-01-06T14:00Z',
    '2026-01-06T14:30Z',
  ]);
  assert.deepEqual(
    starts(
      run({
        participants: [{ ...own, specificTimes: [] }],
        window,
        onlySpecificTimes: true,
        defaultSpecificTimes: defaults,
      }),
    ),
    ['2026-01-07T16:00Z', '2026-01-07T16:30Z'],
  );
});

test('a negative, infinite or NaN notice or buffer counts as none', () => {
  const window = { start: T('2026-01-05T00:00Z'), end: T('2026-01-06T00:00Z') };
  const busy = [{ start: T('2026-01-05T10:00Z'), end: T('2026-01-05T11:00Z') }];
  const now = T('2026-01-05T09:00Z');
  const base = { participants: [person('a@x.test', 'UTC', [hours('9:00', '12:00')], busy)], window, now };
  const expected = starts(run(base));
  assert.deepEqual(expected, ['2026-01-05T09:00Z', '2026-01-05T09:30Z', '2026-01-05T11:00Z', '2026-01-05T11:30Z']);
  for (const odd of [-30, Infinity, -Infinity, NaN]) {
    assert.deepEqual(starts(run({ ...base, minBookingNoticeMinutes: odd })), expected, `notice ${odd}`);
    assert.deepEqual(
      starts(run({ ...base, bufferBeforeMinutes: odd, bufferAfterMinutes: odd })),
      expected,
      `buffers ${odd}`,
    );
  }
});

test('an invalid round_to aligns on 15 minutes; a missing window or clock gives no slots and does not throw', () => {
  // Open from 9:10: starts are aligned up from there to 9:15.
  const participants = [person('a@x.test', 'UTC', [hours('9:10', '11:00')])];
  const window = { start: T('2026-01-05T00:00Z'), end: T('2026-01-06T00:00Z') };
  for (const roundTo of [0, -5, NaN, Infinity]) {
    assert.deepEqual(
      starts(run({ participants, window, roundTo, intervalMinutes: 30 })),
      ['2026-01-05T09:15Z', '2026-01-05T09:45Z', '2026-01-05T10:15Z'],
      `round_to ${roundTo}`,
    );
  }
  assert.deepEqual(run({ participants, window: null as never }).time_slots, []);
  assert.deepEqual(run({ participants, window: 'soon' as never }).time_slots, []);
  assert.deepEqual(run({ participants, window, now: NaN }).time_slots, []);
});
