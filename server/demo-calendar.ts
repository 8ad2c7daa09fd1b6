/**
 * The demo organizer's calendar feed (`npm start`): an ICS file the demo backend serves itself,
 * written relative to now so it always has events in the coming weeks. It holds what a real
 * calendar shows a scheduler: a weekly meeting with one occurrence moved (`RECURRENCE-ID`) and one
 * cancelled (`EXDATE`), an all-day event, and an event marked free (`TRANSP:TRANSPARENT`). Beside
 * the text, the spans it should make busy and those it should not, worked out here by hand (no
 * ical.js), so the demo page can name them and a test can check availability against them.
 */
import { Temporal } from 'temporal-polyfill';

export const DEMO_FEED_PATH = '/demo-backend/calendar.ics';
export const DEMO_FEED_ZONE = 'Europe/London';

/** One span of the feed, in epoch seconds. */
export interface FeedSpan {
  title: string;
  start: number;
  end: number;
}

export interface DemoCalendar {
  ics: string;
  /** What the feed makes busy: the meeting's occurrences (the moved one where it moved to), the all-day event. */
  busy: FeedSpan[];
  /** In the feed but not busy: the cancelled occurrence, the event marked free. */
  notBusy: FeedSpan[];
}

const REVIEW = 'Product review';
const CONFERENCE = 'Conference (all day)';
const LIBRARY = 'Working from the library (marked free)';
/** The weekly review: Thursdays 14:00–15:30, from last week, ten times. */
const REVIEW_WEEKS = { first: -1, count: 10, cancelled: 2, moved: 3 };

const at = (date: Temporal.PlainDate, time: string) =>
  date.toZonedDateTime({ timeZone: DEMO_FEED_ZONE, plainTime: Temporal.PlainTime.from(time) });
const seconds = (time: Temporal.ZonedDateTime) => time.epochMilliseconds / 1000;
const span = (title: string, start: Temporal.ZonedDateTime, end: Temporal.ZonedDateTime): FeedSpan => ({
  title,
  start: seconds(start),
  end: seconds(end),
});

/** iCalendar's basic formats: `20261203` and `20261203T140000` (local), `…Z` (UTC). */
const icsDate = (date: Temporal.PlainDate) => date.toString().replaceAll('-', '');
const icsLocal = (time: Temporal.ZonedDateTime) =>
  `${icsDate(time.toPlainDate())}T${time.toPlainTime().toString({ smallestUnit: 'second' }).replaceAll(':', '')}`;
const icsUtc = (time: Temporal.ZonedDateTime) => `${icsLocal(time.withTimeZone('UTC'))}Z`;

export function demoCalendar(nowMs: number): DemoCalendar {
  const today = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(DEMO_FEED_ZONE).toPlainDate();
  const monday = today.subtract({ days: today.dayOfWeek - 1 });
  const thursdayOf = (week: number) => monday.add({ days: 7 * week + 3 });
  const review = (date: Temporal.PlainDate) => [at(date, '14:00'), at(date, '15:30')] as const;

  const first = review(thursdayOf(REVIEW_WEEKS.first));
  const cancelled = review(thursdayOf(REVIEW_WEEKS.cancelled));
  const moved = review(thursdayOf(REVIEW_WEEKS.moved));
  const friday = thursdayOf(REVIEW_WEEKS.moved).add({ days: 1 });
  const movedTo = [at(friday, '10:00'), at(friday, '11:30')] as const;
  const conference = monday.add({ days: 15 });
  const library = monday.add({ days: 9 });
  const stamp = icsUtc(Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO('UTC'));
  const tz = `TZID=${DEMO_FEED_ZONE}`;

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//scheduler-widget//demo calendar//EN',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Ada Lovelace (demo calendar feed)',
    `X-WR-TIMEZONE:${DEMO_FEED_ZONE}`,
    'BEGIN:VEVENT',
    'UID:product-review@demo.test',
    `DTSTAMP:${stamp}`,
    `SUMMARY:${REVIEW}`,
    `DTSTART;${tz}:${icsLocal(first[0])}`,
    `DTEND;${tz}:${icsLocal(first[1])}`,
    `RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=${REVIEW_WEEKS.count}`,
    `EXDATE;${tz}:${icsLocal(cancelled[0])}`,
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:product-review@demo.test',
    `DTSTAMP:${stamp}`,
    `RECURRENCE-ID;${tz}:${icsLocal(moved[0])}`,
    `SUMMARY:${REVIEW} (moved to Friday)`,
    `DTSTART;${tz}:${icsLocal(movedTo[0])}`,
    `DTEND;${tz}:${icsLocal(movedTo[1])}`,
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:conference@demo.test',
    `DTSTAMP:${stamp}`,
    `SUMMARY:${CONFERENCE}`,
    `DTSTART;VALUE=DATE:${icsDate(conference)}`,
    `DTEND;VALUE=DATE:${icsDate(conference.add({ days: 1 }))}`,
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:library@demo.test',
    `DTSTAMP:${stamp}`,
    `SUMMARY:${LIBRARY}`,
    `DTSTART;${tz}:${icsLocal(at(library, '09:00'))}`,
    `DTEND;${tz}:${icsLocal(at(library, '17:00'))}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ];

  const weeks = Array.from({ length: REVIEW_WEEKS.count }, (_, index) => REVIEW_WEEKS.first + index);
  const busy = [
    ...weeks
      .filter((week) => week !== REVIEW_WEEKS.cancelled && week !== REVIEW_WEEKS.moved)
      .map((week) => span(REVIEW, ...review(thursdayOf(week)))),
    span(`${REVIEW} (moved to Friday)`, ...movedTo),
    span(CONFERENCE, at(conference, '00:00'), at(conference.add({ days: 1 }), '00:00')),
  ].sort((a, b) => a.start - b.start);
  const notBusy = [
    span(`${REVIEW} (cancelled)`, ...cancelled),
    span(LIBRARY, at(library, '09:00'), at(library, '17:00')),
  ];
  return { ics: `${lines.join('\r\n')}\r\n`, busy, notBusy };
}
