/**
 * Busy time read from real-world-shaped iCalendar files (test/fixtures/calendars/), checked
 * against answers that do not come from this code: intervals worked out by hand with Python's
 * zoneinfo and written here literally, and, for a year of a weekly series, the `rrule` library
 * with Temporal's time-zone database.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import rrulePackage from 'rrule';
import { Temporal } from 'temporal-polyfill';
import { busySpans, feedZone } from '../../server/calendars/parse.js';

const { RRule, RRuleSet } = rrulePackage;

const fixture = (name: string) => readFileSync(new URL(`../fixtures/calendars/${name}`, import.meta.url), 'utf8');

const seconds = (iso: string) => Date.parse(iso) / 1000;
const iso = (unix: number) => new Date(unix * 1000).toISOString().replace(':00.000Z', 'Z');

const WIDE = {
  from: seconds('2030-01-01T00:00:00Z'),
  to: seconds('2031-06-01T00:00:00Z'),
  ownerEmail: 'ada@example.com',
};

/** The spans as sorted `[start, end]` ISO pairs. */
function busyOf(name: string, floatingZone = 'UTC', window = WIDE): [string, string][] {
  return busySpans(fixture(name), { ...window, floatingZone })
    .sort((a, b) => a.start - b.start)
    .map((span) => [iso(span.start), iso(span.end)]);
}

test('a weekly series with an EXDATE, a moved and a cancelled occurrence, across the EU DST change (Apple)', () => {
  assert.deepEqual(busyOf('apple-weekly-exceptions.ics'), [
    ['2030-03-18T09:00Z', '2030-03-18T10:00Z'],
    // 25 March moved to Tuesday 26th 15:00 Berlin
    ['2030-03-26T14:00Z', '2030-03-26T15:00Z'],
    // summer time from 31 March: 10:00 Berlin is 08:00Z
    ['2030-04-01T08:00Z', '2030-04-01T09:00Z'],
    // 8 April: EXDATE; 15 April: override with STATUS:CANCELLED
    ['2030-04-22T08:00Z', '2030-04-22T09:00Z'],
  ]);
});

test('all-day and multi-day events, free, cancelled and declined events, a zone without VTIMEZONE (Google)', () => {
  const ics = fixture('google-feed.ics');
  assert.equal(feedZone(ics), 'America/New_York');
  assert.deepEqual(busyOf('google-feed.ics', 'America/New_York'), [
    // Friday to Sunday all day; New York's clocks move on Sunday 10 March
    ['2030-03-08T05:00Z', '2030-03-11T04:00Z'],
    ['2030-03-11T13:00Z', '2030-03-11T13:30Z'],
    ['2030-03-12T04:00Z', '2030-03-13T04:00Z'],
    ['2030-03-12T13:00Z', '2030-03-12T13:30Z'],
    // Asia/Tokyo named by TZID alone; the transparent Tokyo event makes nothing busy
    ['2030-03-13T00:00Z', '2030-03-13T01:00Z'],
    ['2030-03-13T13:00Z', '2030-03-13T13:30Z'],
    ['2030-03-15T02:00Z', '2030-03-15T06:00Z'],
    // the cancelled lunch and the review Ada declined are free; the accepted one is busy
    ['2030-03-16T16:00Z', '2030-03-16T17:00Z'],
  ]);
});

test('a Windows zone known by its VTIMEZONE, across the DST end, an occurrence the owner declined (Outlook)', () => {
  assert.deepEqual(busyOf('outlook-windows-zone.ics'), [
    ['2030-10-22T07:00Z', '2030-10-22T07:30Z'],
    ['2030-10-29T08:00Z', '2030-10-29T08:30Z'],
    ['2030-10-31T08:00Z', '2030-10-31T08:30Z'],
  ]);
  // Declined by someone else: still busy for them, not for Ada.
  const forBob = busySpans(fixture('outlook-windows-zone.ics'), {
    ...WIDE,
    ownerEmail: 'bob@example.com',
    floatingZone: 'UTC',
  });
  assert.equal(forBob.length, 4);
});

test('a year of a weekly New York meeting matches the rrule library with Temporal', () => {
  const set = new RRuleSet();
  // rrule works on floating times given as UTC fields; Temporal then places them in New York.
  set.rrule(
    new RRule({
      freq: RRule.WEEKLY,
      byweekday: [RRule.WE],
      dtstart: new Date(Date.UTC(2030, 0, 2, 9, 0)),
      until: new Date(Date.UTC(2030, 11, 31, 23, 59, 59)),
    }),
  );
  set.exdate(new Date(Date.UTC(2030, 6, 3, 9, 0)));
  set.exdate(new Date(Date.UTC(2030, 11, 25, 9, 0)));
  const expected = set.all().map((floating) => {
    const start = Temporal.PlainDateTime.from(floating.toISOString().slice(0, 19)).toZonedDateTime('America/New_York');
    return [iso(start.epochMilliseconds / 1000), iso(start.add({ minutes: 45 }).epochMilliseconds / 1000)];
  });
  assert.equal(expected.length, 50);
  assert.deepEqual(busyOf('us-weekly-year.ics'), expected);
});

test('only spans overlapping the window are answered', () => {
  const window = { ...WIDE, from: seconds('2030-03-26T14:30:00Z'), to: seconds('2030-04-01T08:00:00Z') };
  assert.deepEqual(busyOf('apple-weekly-exceptions.ics', 'UTC', window), [['2030-03-26T14:00Z', '2030-03-26T15:00Z']]);
});

test('floating times and dates are read in the calendar zone given', () => {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:x',
    'BEGIN:VEVENT',
    'UID:floating',
    'DTSTAMP:20300101T000000Z',
    'DTSTART:20300701T090000',
    'DTEND:20300701T100000',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  const span = busySpans(ics, { ...WIDE, floatingZone: 'Europe/Paris' })[0]!;
  assert.deepEqual([iso(span.start), iso(span.end)], ['2030-07-01T07:00Z', '2030-07-01T08:00Z']);
});

test('without a calendar zone, all-day dates stay floating: wall-clock times placed later', () => {
  const spans = busySpans(fixture('google-feed.ics'), { ...WIDE, floatingZone: null });
  const floating = spans.filter((span) => span.floating).map((span) => [iso(span.start), iso(span.end)]);
  assert.deepEqual(floating.sort(), [
    ['2030-03-08T00:00Z', '2030-03-11T00:00Z'],
    ['2030-03-12T00:00Z', '2030-03-13T00:00Z'],
  ]);
  assert.equal(spans.length, 8);
});

test('an endless rule stops at the window, and one that never matches gives up instead of running forever', () => {
  const series = (rule: string) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:x',
      'BEGIN:VEVENT',
      'UID:series',
      'DTSTAMP:20300101T000000Z',
      'DTSTART:20300101T090000Z',
      'DTEND:20300101T100000Z',
      `RRULE:${rule}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  const daily = busySpans(series('FREQ=DAILY'), { ...WIDE, floatingZone: 'UTC' });
  assert.equal(daily.length, 516); // 1 January 2030 to 31 May 2031
  assert.equal(iso(daily.at(-1)!.start), '2031-05-31T09:00Z');
  const never = busySpans(series('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'), { ...WIDE, floatingZone: 'UTC' });
  // ical.js looks for a 31 February inside its first step; the search is cut and the series makes no busy time.
  assert.deepEqual(never, []);
});
