// Series are expanded from the window asked for, not from their first start
// (server/group/recurrence.ts): a rule without BY parts has its occurrences computed; every other
// rule is walked by ical.js from its first start (walkedStarts), which is the oracle here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import {
  occurrenceStarts,
  occurrencesBetween,
  recurrenceWork,
  walkedStarts,
  type Series,
} from '../../server/group/recurrence.js';

const DAY = 86400;
const ZONES = ['Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu'];
/** 02:30 on 2030-03-31, the night Berlin's clocks jump from 02:00 to 03:00: a start that falls in a gap there. */
const FIRST_WALL = '2030-03-31T02:30:00';

const RULES = [
  'RRULE:FREQ=MINUTELY;INTERVAL=7',
  'RRULE:FREQ=MINUTELY',
  'RRULE:FREQ=SECONDLY;INTERVAL=45',
  'RRULE:FREQ=HOURLY',
  'RRULE:FREQ=HOURLY;INTERVAL=5;COUNT=300',
  'RRULE:FREQ=DAILY;INTERVAL=3;COUNT=2000',
  'RRULE:FREQ=DAILY;UNTIL=20300915T023000Z',
  'RRULE:FREQ=DAILY;UNTIL=20300915',
  'RRULE:FREQ=DAILY;UNTIL=20300915T023000',
  'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=600',
  'RRULE:FREQ=WEEKLY;COUNT=40;WKST=SU',
  // Not steady (BY parts, months, years): walked by ical.js either way.
  'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29',
  'RRULE:FREQ=MONTHLY;BYMONTHDAY=31;COUNT=200',
  'RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=90',
  'RRULE:FREQ=YEARLY;COUNT=20',
];
const EXDATES = [
  [],
  // An instant, a wall time in the series' zone, a wall time in another zone, a whole day.
  ['EXDATE:20300402T003000Z', 'EXDATE:20300405T023000', 'EXDATE;TZID=Asia/Tokyo:20300410T093000', 'EXDATE:20301027'],
];

/** Windows: the first start, across the autumn change, far on, and past the last of 20,000 minutes. */
const windowsOf = (start: number): [number, number][] => [
  [start - DAY, start + 2 * DAY],
  [start + 200 * DAY, start + 215 * DAY],
  [start + 13 * DAY, start + 14 * DAY + 3600],
  [start + 5000 * DAY, start + 5062 * DAY],
  [start - 10 * DAY, start - DAY],
];

describe('a series expanded from the window asked for', () => {
  test('gives what ical.js finds walking from the first start (rules × zones × EXDATEs × windows)', () => {
    let compared = 0;
    for (const zone of ZONES) {
      const first = Temporal.PlainDateTime.from(FIRST_WALL).toZonedDateTime(zone, { disambiguation: 'compatible' });
      const start = first.epochMilliseconds / 1000;
      for (const rule of RULES) {
        for (const exdates of EXDATES) {
          const series: Series = { start, end: start + 1800, timezone: zone, recurrence: [rule, ...exdates] };
          const all = [...walkedStarts(series)];
          for (const [from, to] of windowsOf(start)) {
            const expected = all.filter((s) => s < to && s + 1800 > from);
            const found = occurrencesBetween(series, from, to).map((slot) => slot.start);
            assert.deepEqual(found, expected, `${zone} ${rule} ${exdates.join(' ')} [${from}, ${to})`);
            compared += found.length;
          }
        }
      }
    }
    assert.ok(compared > 50_000, `${compared} occurrences compared`);
  });

  test('a minutely series is not walked from its first start: 100 starts far on cost no ical.js step', () => {
    const start = Date.UTC(2030, 0, 7, 9) / 1000;
    const series: Series = { start, end: start + 60, timezone: 'Europe/Berlin', recurrence: ['RRULE:FREQ=MINUTELY'] };
    const before = recurrenceWork.steps;
    const starts: number[] = [];
    for (const found of occurrenceStarts(series, start + 10 * DAY, start + 62 * DAY)) {
      starts.push(found);
      if (starts.length === 100) break;
    }
    assert.equal(recurrenceWork.steps - before, 0);
    assert.deepEqual(
      starts,
      Array.from({ length: 100 }, (_, n) => start + 10 * DAY + n * 60),
    );
  });
});
