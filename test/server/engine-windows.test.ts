/**
 * server/availability/windows.ts on its own: calendar arithmetic, the parsing of open hours, and
 * the windows they open in a zone. The engine's tests reach these through slots, where a wrong
 * wall clock or a malformed entry often changes nothing visible; here each is checked directly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenHours, SpecificTimeAvailability } from '../../src/contract/admin.js';
import {
  civilFromDays,
  daysFromCivil,
  openWindows,
  parseIsoDate,
  parseWallTime,
  specificWindows,
  weekdayOfDay,
  type OpenWindow,
} from '../../server/availability/windows.js';
import { mulberry32 } from '../../server/seeded-random.js';

const HOUR = 3600;
const DAY = 86400;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as OpenHours['days'];
const utc = (iso: string) => Date.parse(iso) / 1000;
/** The windows as readable [start, end, wall hours] in UTC ISO. */
const shown = (windows: OpenWindow[]) =>
  windows.map((w) => [
    new Date(w.start * 1000).toISOString().slice(0, 16),
    new Date(w.end * 1000).toISOString().slice(0, 16),
    w.wall / HOUR,
  ]);

test('day numbers ↔ dates agree with Date.UTC over eight centuries, both ways, with the weekday', () => {
  const next = mulberry32(2030);
  const samples = [
    [1600, 2, 29],
    [1700, 2, 28],
    [1700, 3, 1],
    [1900, 2, 28],
    [1900, 3, 1],
    [1969, 12, 31],
    [1970, 1, 1],
    [2000, 2, 29],
    [2000, 3, 1],
    [2024, 1, 1],
    [2030, 12, 31],
    [2100, 2, 28],
    [2100, 3, 1],
    [2400, 2, 29],
  ];
  for (let i = 0; i < 2000; i++) {
    const ms = Date.UTC(1600, 0, 1) + Math.floor(next() * 800 * 365.2425) * DAY * 1000;
    const date = new Date(ms);
    samples.push([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
  }
  for (const [y, m, d] of samples) {
    const expected = Date.UTC(y!, m! - 1, d!) / 1000 / DAY;
    assert.equal(daysFromCivil(y!, m!, d!), expected, `${y}-${m}-${d}`);
    assert.deepEqual(civilFromDays(expected), [y, m, d]);
    assert.equal(weekdayOfDay(expected), new Date(expected * DAY * 1000).getUTCDay());
  }
});

test('parseIsoDate: real dates only', () => {
  assert.equal(parseIsoDate('2030-02-28'), Date.UTC(2030, 1, 28) / 1000 / DAY);
  for (const bad of ['2030-02-30', '2030-2-28', '2030-02-28T00:00', '', 20300228, null, undefined])
    assert.equal(parseIsoDate(bad), undefined, String(bad));
});

test('parseWallTime: "H:MM" or "HH:MM" up to "24:00", blanks around allowed; anything else is undefined', () => {
  const good: Array<[string, number]> = [
    ['9:00', 540],
    ['09:05', 545],
    [' 17:30 ', 1050],
    ['0:00', 0],
    ['23:59', 1439],
    ['24:00', 1440],
  ];
  for (const [text, minutes] of good) assert.equal(parseWallTime(text), minutes, text);
  for (const bad of ['24:30', '25:00', '9:60', '9:5', '123:00', 'x9:00', '9:00x', '9', '', 540, null])
    assert.equal(parseWallTime(bad), undefined, String(bad));
});

test('open hours become windows on the wall clock of their zone, with the wall time they start at', () => {
  const lo = utc('2030-01-07T00:00Z'); // a Monday
  const hours: OpenHours[] = [{ days: [1], start: '9:00', end: '17:30' }];
  assert.deepEqual(shown(openWindows(hours, 'Asia/Tokyo', lo, lo + DAY)), [
    ['2030-01-07T00:00', '2030-01-07T08:30', 9],
  ]);
  assert.deepEqual(shown(openWindows(hours, 'America/New_York', lo, lo + DAY)), [
    ['2030-01-07T14:00', '2030-01-07T22:30', 9],
  ]);
  // The entry's own zone wins over the participant's; a blank one does not.
  assert.deepEqual(shown(openWindows([{ ...hours[0]!, timezone: ' Europe/Paris ' }], 'Asia/Tokyo', lo, lo + DAY)), [
    ['2030-01-07T08:00', '2030-01-07T16:30', 9],
  ]);
  assert.deepEqual(shown(openWindows([{ ...hours[0]!, timezone: ' ' }], 'Asia/Tokyo', lo, lo + DAY)), [
    ['2030-01-07T00:00', '2030-01-07T08:30', 9],
  ]);
  // No participant zone: UTC.
  assert.deepEqual(shown(openWindows(hours, ' ', lo, lo + DAY)), [['2030-01-07T09:00', '2030-01-07T17:30', 9]]);
});

test('a start in a spring-forward gap moves forward by the gap, and its wall clock says so; before 1970 too', () => {
  // New York, 2030-03-10: 2:00 → 3:00.
  const lo = utc('2030-03-10T00:00Z');
  assert.deepEqual(shown(openWindows([{ days: [0], start: '2:30', end: '4:00' }], 'America/New_York', lo, lo + DAY)), [
    ['2030-03-10T07:30', '2030-03-10T08:00', 3.5],
  ]);
  const old = utc('1960-01-04T00:00Z'); // a Monday, before the epoch: negative seconds
  assert.deepEqual(shown(openWindows([{ days: [1], start: '9:00', end: '10:00' }], 'Asia/Tokyo', old, old + DAY)), [
    ['1960-01-04T00:00', '1960-01-04T01:00', 9],
  ]);
  assert.deepEqual(
    shown(openWindows([{ days: [1], start: '9:00', end: '10:00' }], 'America/Chicago', old, old + DAY)),
    [['1960-01-04T15:00', '1960-01-04T16:00', 9]],
  );
});

test("the same wall time as one entry's end and another's start: the start still knows its wall clock", () => {
  const lo = utc('2030-01-07T00:00Z');
  const windows = openWindows(
    [
      { days: [1], start: '9:00', end: '12:00' },
      { days: [1], start: '12:00', end: '13:00' },
    ],
    'Asia/Tokyo',
    lo,
    lo + DAY,
  );
  assert.deepEqual(shown(windows), [
    ['2030-01-07T00:00', '2030-01-07T03:00', 9],
    ['2030-01-07T03:00', '2030-01-07T04:00', 12],
  ]);
  // Asked again (from the memo), the same.
  assert.deepEqual(openWindows([{ days: [1], start: '12:00', end: '13:00' }], 'Asia/Tokyo', lo, lo + DAY), [
    windows[1],
  ]);
});

test('malformed entries open nothing and never throw; "0:00" as an end is the end of the day', () => {
  const lo = utc('2030-01-07T00:00Z');
  const open = (entry: unknown) => shown(openWindows([entry as OpenHours], 'UTC', lo, lo + DAY));
  assert.deepEqual(open({ days: [1], start: '22:00', end: '0:00' }), [['2030-01-07T22:00', '2030-01-08T00:00', 22]]);
  const nothing = [
    null,
    'Mon 9-17',
    { days: [1], start: '24:00', end: '24:00' },
    { days: [1], start: '17:00', end: '9:00' },
    { days: [1], start: '9:00', end: '9:00' },
    { days: [1], start: '9:00' },
    { days: [1], start: 'nine', end: '17:00' },
    { days: [7, -1, 1.5, '1'], start: '9:00', end: '17:00' },
    { days: 1, start: '9:00', end: '17:00' },
    { days: {}, start: '9:00', end: '17:00' },
    { days: [], start: '9:00', end: '17:00' },
    { days: [1], start: '9:00', end: '17:00', timezone: 'Mars/Olympus' },
  ];
  for (const entry of nothing) assert.deepEqual(open(entry), [], JSON.stringify(entry));
});

test("days off (exdates, in the entry's zone) and closed days open nothing; malformed exdates are ignored", () => {
  const lo = utc('2030-01-07T00:00Z');
  const week = { days: EVERY_DAY, start: '9:00', end: '10:00' };
  const days = (windows: OpenWindow[]) => windows.map((w) => new Date(w.start * 1000).toISOString().slice(0, 10));
  assert.deepEqual(
    days(openWindows([{ ...week, exdates: ['2030-01-08', 'not a date', '2030-02-30'] }], 'UTC', lo, lo + 3 * DAY)),
    ['2030-01-07', '2030-01-09'],
  );
  assert.deepEqual(days(openWindows([week], 'UTC', lo, lo + 3 * DAY, new Set([parseIsoDate('2030-01-09')!]))), [
    '2030-01-07',
    '2030-01-08',
  ]);
});

test('windows are sorted by start, then by end, across entries; only those overlapping [lo, hi) are kept, whole', () => {
  const lo = utc('2030-01-07T09:30Z');
  const entries: OpenHours[] = [
    { days: [1], start: '9:00', end: '12:00' },
    { days: [1], start: '9:00', end: '10:00' },
    { days: [1], start: '8:00', end: '9:30' }, // ends at lo: misses it
    { days: [1], start: '11:00', end: '11:30' }, // starts at hi: misses it
  ];
  assert.deepEqual(shown(openWindows(entries, 'UTC', lo, utc('2030-01-07T11:00Z'))), [
    ['2030-01-07T09:00', '2030-01-07T10:00', 9],
    ['2030-01-07T09:00', '2030-01-07T12:00', 9],
  ]);
});

test('specific times: one window on their own date, in their zone, sorted; malformed dates, times and zones open nothing', () => {
  const lo = utc('2030-01-01T00:00Z');
  const entries = [
    { date: '2030-01-09', start: '14:00', end: '15:00' },
    { date: '2030-01-08', start: '9:00', end: '12:00', timezone: 'Asia/Tokyo' },
    { date: '2030-01-09', start: '14:00', end: '14:30' },
    { date: '2030-01-32', start: '9:00', end: '10:00' },
    { date: '2030-01-10', start: '10:00', end: '9:00' },
    { date: '2030-01-10', start: '9:00', end: '10:00', timezone: 'Mars/Olympus' },
    null,
  ] as unknown as SpecificTimeAvailability[];
  assert.deepEqual(shown(specificWindows(entries, 'Europe/London', lo, lo + 30 * DAY)), [
    ['2030-01-08T00:00', '2030-01-08T03:00', 9],
    ['2030-01-09T14:00', '2030-01-09T14:30', 14],
    ['2030-01-09T14:00', '2030-01-09T15:00', 14],
  ]);
  assert.deepEqual(
    shown(specificWindows([{ date: '2030-01-08', start: '9:00', end: '10:00' }], '', lo, lo + 30 * DAY)),
    [['2030-01-08T09:00', '2030-01-08T10:00', 9]],
  );
});
