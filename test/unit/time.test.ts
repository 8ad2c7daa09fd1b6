import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  addMonths,
  browserTimeZone,
  dayKeyOf,
  daysInMonth,
  defaultHourCycle,
  firstDayOfWeek,
  formatDayLong,
  formatDayNumber,
  formatDuration,
  formatMonthTitle,
  formatTime,
  formatDateTimeRange,
  isValidTimeZone,
  monthGrid,
  monthOf,
  monthRange,
  nextActiveDay,
  safeLocale,
  startOfDay,
  timeZoneNames,
  weekdayNames,
  weekdayOf,
  zoneOffsetLabel,
} from '../../src/time/index.js';

const sec = (iso: string): number => Date.parse(iso) / 1e3;
const iso = (s: number): string => new Date(s * 1e3).toISOString().replace('.000', '');
/** The zone's own reading of an instant, for cross-checks independent of our code. */
const wallclock = (s: number, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(s * 1e3);

describe('day and month keys', () => {
  it('adds days across months, years and leap days', () => {
    assert.equal(addDays('2026-11-30', 1), '2026-12-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(addDays('2026-03-08', 0), '2026-03-08');
    assert.equal(addDays('2026-01-01', -365), '2025-01-01');
  });
  it('adds months and reads months', () => {
    assert.equal(addMonths('2026-11', 1), '2026-12');
    assert.equal(addMonths('2026-12', 1), '2027-01');
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-05', -17), '2024-12');
    assert.equal(addMonths('2026-05', 24), '2028-05');
    assert.equal(monthOf('2026-11-25'), '2026-11');
    assert.deepEqual(
      [daysInMonth('2026-02'), daysInMonth('2028-02'), daysInMonth('2026-04'), daysInMonth('2026-12')],
      [28, 29, 30, 31],
    );
  });
  it('weekday (0 = Sunday) and ordering', () => {
    assert.equal(weekdayOf('2026-11-25'), 3);
    assert.equal(weekdayOf('2026-11-01'), 0);
    assert.equal(weekdayOf('2026-02-28'), 6);
  });
});

describe('dayKeyOf', () => {
  it('reads the calendar day of an instant in different zones', () => {
    const t = sec('2026-11-25T23:30:00Z');
    assert.equal(dayKeyOf(t, 'UTC'), '2026-11-25');
    assert.equal(dayKeyOf(t, 'Asia/Tokyo'), '2026-11-26');
    assert.equal(dayKeyOf(t, 'America/Los_Angeles'), '2026-11-25');
    assert.equal(dayKeyOf(sec('2026-11-25T18:29:59Z'), 'Asia/Kolkata'), '2026-11-25');
    assert.equal(dayKeyOf(sec('2026-11-25T18:30:00Z'), 'Asia/Kolkata'), '2026-11-26');
    assert.equal(dayKeyOf(sec('2026-11-25T10:59:59Z'), 'Pacific/Kiritimati'), '2026-11-26');
    assert.equal(dayKeyOf(sec('2026-11-25T10:00:00Z'), 'Pacific/Pago_Pago'), '2026-11-24');
  });
  it('follows DST changes', () => {
    // New York: EST (-5) before 2026-03-08 07:00Z, EDT (-4) after; back to EST on 2026-11-01 06:00Z.
    assert.equal(dayKeyOf(sec('2026-03-08T04:59:59Z'), 'America/New_York'), '2026-03-07');
    assert.equal(dayKeyOf(sec('2026-03-08T05:00:00Z'), 'America/New_York'), '2026-03-08');
    assert.equal(dayKeyOf(sec('2026-03-09T03:59:59Z'), 'America/New_York'), '2026-03-08');
    assert.equal(dayKeyOf(sec('2026-03-09T04:00:00Z'), 'America/New_York'), '2026-03-09');
    assert.equal(dayKeyOf(sec('2026-11-02T04:59:59Z'), 'America/New_York'), '2026-11-01');
    assert.equal(dayKeyOf(sec('2026-11-02T05:00:00Z'), 'America/New_York'), '2026-11-02');
    // Europe/Berlin: CEST in summer.
    assert.equal(dayKeyOf(sec('2026-07-01T21:59:59Z'), 'Europe/Berlin'), '2026-07-01');
    assert.equal(dayKeyOf(sec('2026-07-01T22:00:00Z'), 'Europe/Berlin'), '2026-07-02');
  });
  it('agrees with Intl over a year of 15-minute steps', () => {
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (let t = sec('2026-01-01T00:00:00Z'); t < sec('2027-01-01T00:00:00Z'); t += 900 * 97) {
        assert.equal(dayKeyOf(t, zone), wallclock(t, zone).slice(0, 10));
      }
    }
  });
});

describe('startOfDay', () => {
  const cases: [day: string, zone: string, expected: string][] = [
    ['2026-11-25', 'UTC', '2026-11-25T00:00:00Z'],
    ['2026-11-25', 'Asia/Tokyo', '2026-11-24T15:00:00Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00Z'], // spring forward at 02:00, day has 23 h
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00Z'], // fall back at 02:00, day has 25 h
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00Z'],
    ['2026-11-25', 'Asia/Kolkata', '2026-11-24T18:30:00Z'],
    ['2026-06-15', 'Asia/Kathmandu', '2026-06-14T18:15:00Z'],
    ['2026-10-04', 'Australia/Lord_Howe', '2026-10-03T13:30:00Z'], // +10:30 → +11 at 02:00 (30 min shift)
    ['2026-10-05', 'Australia/Lord_Howe', '2026-10-04T13:00:00Z'],
    ['2026-03-29', 'Europe/London', '2026-03-29T00:00:00Z'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00Z'], // 00:00 skipped: 24:00 -04 → 01:00 -03
    ['2026-09-05', 'America/Santiago', '2026-09-05T04:00:00Z'],
    ['2026-09-07', 'America/Santiago', '2026-09-07T03:00:00Z'],
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00Z'], // 24:00 -03 → 23:00 -04: first midnight
    ['2026-11-01', 'America/Havana', '2026-11-01T04:00:00Z'], // 01:00 → 00:00: midnight twice, the first
  ];
  for (const [day, zone, expected] of cases) {
    it(`${day} in ${zone}`, () => {
      const s = startOfDay(day, zone);
      assert.equal(iso(s), expected);
      assert.equal(dayKeyOf(s, zone), day);
      assert.equal(dayKeyOf(s - 1, zone), addDays(day, -1));
    });
  }
  it('where midnight is skipped it is the first instant that exists that day', () => {
    const s = startOfDay('2026-09-06', 'America/Santiago');
    assert.equal(wallclock(s, 'America/Santiago'), '2026-09-06 01:00:00');
    assert.equal(wallclock(s - 1, 'America/Santiago'), '2026-09-05 23:59:59');
  });
  it('a day a zone skipped entirely starts at the next day (Pacific/Apia 2011-12-30)', () => {
    assert.equal(iso(startOfDay('2011-12-30', 'Pacific/Apia')), '2011-12-30T10:00:00Z');
    assert.equal(iso(startOfDay('2011-12-31', 'Pacific/Apia')), '2011-12-30T10:00:00Z');
  });
  it('is the first instant of each day for a year in several zones', () => {
    for (const zone of [
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Europe/Berlin',
      'Asia/Kolkata',
    ]) {
      for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
        const s = startOfDay(day, zone);
        assert.equal(dayKeyOf(s, zone), day, `${zone} ${day}`);
        assert.equal(dayKeyOf(s - 1, zone), addDays(day, -1), `${zone} ${day}`);
      }
    }
  });
});

describe('monthRange', () => {
  it('spans from the first instant of the month to that of the next', () => {
    assert.deepEqual(monthRange('2026-11', 'Asia/Tokyo'), {
      start: sec('2026-10-31T15:00:00Z'),
      end: sec('2026-11-30T15:00:00Z'),
    });
    assert.deepEqual(monthRange('2026-12', 'UTC'), {
      start: sec('2026-12-01T00:00:00Z'),
      end: sec('2027-01-01T00:00:00Z'),
    });
    const ny = monthRange('2026-03', 'America/New_York');
    assert.deepEqual(ny, { start: sec('2026-03-01T05:00:00Z'), end: sec('2026-04-01T04:00:00Z') });
    assert.equal(ny.end - ny.start, 31 * 86400 - 3600);
  });
});

describe('monthGrid', () => {
  it('starts on Sunday', () => {
    const g = monthGrid('2026-11', 0); // Nov 1, 2026 is a Sunday
    assert.equal(g.length, 5);
    assert.deepEqual(g[0], [
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ]);
    assert.deepEqual(g[4], ['2026-11-29', '2026-11-30', null, null, null, null, null]);
  });
  it('starts on Monday', () => {
    const g = monthGrid('2026-11', 1);
    assert.equal(g.length, 6);
    assert.deepEqual(g[0], [null, null, null, null, null, null, '2026-11-01']);
    assert.deepEqual(g[5], ['2026-11-30', null, null, null, null, null, null]);
    assert.ok(g.every((row) => row.length === 7));
    assert.equal(g.flat().filter(Boolean).length, 30);
  });
  it('has 4 rows for a February that fits exactly, and starts on Saturday', () => {
    assert.equal(monthGrid('2026-02', 0).length, 4); // Feb 1, 2026 is a Sunday
    assert.deepEqual(monthGrid('2026-11', 6)[0], [
      null,
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
    ]);
  });
});

describe('locale conventions', () => {
  it('first day of the week', () => {
    assert.equal(firstDayOfWeek('en-US'), 0);
    assert.equal(firstDayOfWeek('en-GB'), 1);
    assert.equal(firstDayOfWeek('de'), 1);
    assert.equal(firstDayOfWeek('fr'), 1);
    const l = new Intl.Locale('ar-EG') as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const reported = (l.getWeekInfo?.() ?? l.weekInfo)?.firstDay;
    assert.equal(firstDayOfWeek('ar-EG'), reported === undefined ? 6 : reported % 7);
    assert.ok(firstDayOfWeek('ar-EG') >= 0 && firstDayOfWeek('ar-EG') <= 6);
  });
  it('default hour cycle', () => {
    assert.equal(defaultHourCycle('en-US'), 'h12');
    assert.equal(defaultHourCycle('ja'), 'h23');
    assert.equal(defaultHourCycle('de'), 'h23');
    assert.equal(defaultHourCycle('ko'), 'h12');
    assert.equal(defaultHourCycle('en-US-u-hc-h23'), 'h23');
  });
  it('weekday names in week order', () => {
    assert.deepEqual(weekdayNames('en-US', 0, 'short'), ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    assert.deepEqual(weekdayNames('en-GB', 1, 'long'), [
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    assert.equal(weekdayNames('en', 6, 'narrow').join(''), 'SSMTWTF');
    assert.equal(weekdayNames('de', 1, 'long')[0], 'Montag');
  });
  it('invalid or missing locales fall back to "en" without throwing', () => {
    for (const bad of ['', 'en_US', 'not a locale!', '123', undefined]) {
      assert.equal(safeLocale(bad), 'en');
      assert.doesNotThrow(() => firstDayOfWeek(bad));
      assert.doesNotThrow(() => defaultHourCycle(bad));
      assert.equal(formatDayLong('2026-11-25', bad), 'Wednesday, November 25, 2026');
      assert.equal(formatTime(sec('2026-11-25T00:00:00Z'), { locale: bad, timeZone: 'Asia/Tokyo' }), '9:00 AM');
      assert.equal(formatDuration(45, bad), '45 min');
      assert.equal(weekdayNames(bad, 0, 'short')[0], 'Sun');
    }
    assert.equal(safeLocale('de-CH'), 'de-CH');
    assert.equal(safeLocale('EN-us'), 'en-US');
  });
});

describe('formatting', () => {
  const t = sec('2026-11-25T05:05:00Z'); // 14:05 in Tokyo
  it('formatTime with h12 and h23 in Asia/Tokyo', () => {
    assert.equal(formatTime(t, { locale: 'en-US', timeZone: 'Asia/Tokyo', hourCycle: 'h12' }), '2:05 PM');
    assert.match(formatTime(t, { locale: 'en-US', timeZone: 'Asia/Tokyo', hourCycle: 'h23' }), /^14:05$/);
    assert.equal(formatTime(t, { locale: 'ja', timeZone: 'Asia/Tokyo' }), '14:05');
    assert.equal(formatTime(t, { locale: 'de', timeZone: 'Asia/Tokyo', hourCycle: 'h23' }), '14:05');
    assert.match(formatTime(t, { locale: 'ja', timeZone: 'Asia/Tokyo', hourCycle: 'h12' }), /午後\s?2:05/);
    assert.equal(formatTime(t, { locale: 'en-US', timeZone: 'UTC', hourCycle: 'h12' }), '5:05 AM');
  });
  it('date-time ranges (both times written alike: French once wrote "à 4:00 (04:00 – 04:30)"), days and months', () => {
    const o = { locale: 'en-US', timeZone: 'Asia/Tokyo', hourCycle: 'h12' } as const;
    assert.match(formatDateTimeRange(t, t + 1800, o), /^Wednesday, November 25, 2026, 2:05\s–\s2:35\sPM Japan Time$/);
    assert.match(formatDateTimeRange(t, t + 1800, { ...o, hourCycle: 'h23' }), /14:05\s–\s14:35 Japan Time$/);
    // The language's own punctuation and order (Arabic comma, Japanese wave dash), not a Latin template's.
    assert.match(formatDateTimeRange(t, t + 1800, { ...o, locale: 'ar' }), /،/);
    assert.match(formatDateTimeRange(t, t + 1800, { ...o, locale: 'ja' }), /～/);
    const early = Date.UTC(2030, 1, 3, 4) / 1000;
    assert.match(
      formatDateTimeRange(early, early + 1800, { locale: 'fr', timeZone: 'UTC', hourCycle: 'h23' }),
      /^dimanche 3 février 2030, 04:00\s–\s04:30 UTC\+0$/,
    );
    assert.equal(formatDayLong('2026-11-25', 'en-US'), 'Wednesday, November 25, 2026');
    assert.equal(formatDayLong('2026-01-01', 'de'), 'Donnerstag, 1. Januar 2026');
    assert.equal(formatMonthTitle('2026-11', 'en-US'), 'November 2026');
    assert.equal(formatMonthTitle('2026-01', 'en-US'), 'January 2026');
    assert.equal(formatDayNumber('2026-11-05', 'en'), '5');
    assert.equal(formatDayNumber('2026-11-10', 'ja'), '10');
    assert.equal(formatDayNumber('2026-11-10', 'zh'), '10');
    assert.equal(formatDayNumber('2026-11-25', 'ar-EG'), new Intl.NumberFormat('ar-EG').format(25));
  });
  it('durations', () => {
    assert.equal(formatDuration(30, 'en'), '30 min');
    assert.equal(formatDuration(60, 'en'), '1 hr');
    assert.equal(formatDuration(90, 'en'), '1 hr 30 min');
    assert.equal(formatDuration(0, 'en'), '0 min');
    assert.match(formatDuration(150, 'de'), /^2 Std\.,? 30 Min\.$/);
  });
});

describe('time zones', () => {
  it('lists zones including UTC and validates names', () => {
    const zones = timeZoneNames();
    assert.ok(zones.includes('UTC'));
    assert.ok(zones.includes('Asia/Tokyo'));
    assert.ok(zones.includes('America/New_York'));
    assert.equal(isValidTimeZone('Asia/Tokyo'), true);
    assert.equal(isValidTimeZone('UTC'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
    assert.ok(isValidTimeZone(browserTimeZone()));
  });
  it('offset labels', () => {
    assert.equal(zoneOffsetLabel('Asia/Tokyo', sec('2026-11-25T00:00:00Z'), 'en'), 'GMT+09:00');
    assert.equal(zoneOffsetLabel('Asia/Kolkata', sec('2026-11-25T00:00:00Z'), 'en'), 'GMT+05:30');
    assert.equal(zoneOffsetLabel('America/New_York', sec('2026-07-01T00:00:00Z'), 'en'), 'GMT-04:00');
    assert.equal(zoneOffsetLabel('America/New_York', sec('2026-12-01T00:00:00Z'), 'en'), 'GMT-05:00');
  });
});

describe('nextActiveDay (calendar keyboard)', () => {
  const b = { firstDayOfWeek: 0, minMonth: '2026-11', maxMonth: '2027-02' };
  it('arrows move ±1 / ±7 days, mirrored in RTL', () => {
    assert.equal(nextActiveDay('ArrowRight', '2026-11-25', b), '2026-11-26');
    assert.equal(nextActiveDay('ArrowLeft', '2026-11-25', b), '2026-11-24');
    assert.equal(nextActiveDay('ArrowRight', '2026-11-25', b, { rtl: true }), '2026-11-24');
    assert.equal(nextActiveDay('ArrowLeft', '2026-11-25', b, { rtl: true }), '2026-11-26');
    assert.equal(nextActiveDay('ArrowUp', '2026-11-25', b), '2026-11-18');
    assert.equal(nextActiveDay('ArrowDown', '2026-11-25', b), '2026-12-02');
    assert.equal(nextActiveDay('ArrowRight', '2026-11-30', b), '2026-12-01');
  });
  it('PageUp/PageDown move a month (a year with Shift), clamping the day number', () => {
    assert.equal(nextActiveDay('PageDown', '2026-11-25', b), '2026-12-25');
    assert.equal(nextActiveDay('PageDown', '2027-01-31', b), '2027-02-28');
    assert.equal(nextActiveDay('PageUp', '2026-12-31', b), '2026-11-30');
    const wide = { ...b, minMonth: '2020-01', maxMonth: '2030-12' };
    assert.equal(nextActiveDay('PageDown', '2027-02-28', wide, { shift: true }), '2028-02-28');
    assert.equal(nextActiveDay('PageUp', '2028-02-29', wide, { shift: true }), '2027-02-28');
  });
  it('Home/End go to the start/end of the week, within the month', () => {
    assert.equal(nextActiveDay('Home', '2026-11-25', b), '2026-11-22'); // Sunday
    assert.equal(nextActiveDay('End', '2026-11-25', b), '2026-11-28'); // Saturday
    const monday = { ...b, firstDayOfWeek: 1 };
    assert.equal(nextActiveDay('Home', '2026-11-25', monday), '2026-11-23');
    assert.equal(nextActiveDay('End', '2026-11-25', monday), '2026-11-29');
    assert.equal(nextActiveDay('Home', '2026-11-22', monday), '2026-11-16');
    assert.equal(nextActiveDay('End', '2026-11-30', monday), '2026-11-30'); // week runs into December
    assert.equal(nextActiveDay('Home', '2026-12-03', b), '2026-12-01'); // week starts in November
  });
  it('never leaves [first day of minMonth, last day of maxMonth]', () => {
    assert.equal(nextActiveDay('ArrowLeft', '2026-11-01', b), '2026-11-01');
    assert.equal(nextActiveDay('ArrowUp', '2026-11-03', b), '2026-11-01');
    assert.equal(nextActiveDay('PageUp', '2026-11-15', b), '2026-11-01');
    assert.equal(nextActiveDay('ArrowDown', '2027-02-25', b), '2027-02-28');
    assert.equal(nextActiveDay('PageDown', '2027-01-10', b, { shift: true }), '2027-02-28');
  });
  it('ignores other keys', () => {
    assert.equal(nextActiveDay('a', '2026-11-25', b), null);
    assert.equal(nextActiveDay('Tab', '2026-11-25', b), null);
    assert.equal(nextActiveDay('Enter', '2026-11-25', b), null);
  });
});
