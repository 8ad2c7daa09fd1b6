// A week of an organizer's real calendar for the widget's tests: Radicale (test/support/radicale.mjs)
// holds the events, a grant is connected to it through the local API, and the times the widget
// should offer are worked out here from busy intervals written by hand (UTC), not by the engine.
import { callApi } from './api-process.mjs';
import { BERLIN, calendar, event, NEW_YORK, radicaleInstalled, startRadicale } from './radicale.mjs';

/** @typedef {import('./radicale.mjs').Radicale} Radicale */

const RADICALE_MISSING = 'radicale is not installed (apt-get install -y radicale): the Radicale widget test is skipped';

/**
 * After the pinned clock (Thursday 2030-01-31): a weekly Friday meeting at 11:00 Berlin (10:00 UTC
 * in winter) from 1 February, the 8 February one moved to Thursday 7th 15:00 Berlin, the 15th
 * cancelled; Wednesday 6th all day; Tuesday 5th 08:00–12:00 New York marked free; Monday 4th
 * 09:00–10:00 New York busy.
 */
const FILES = {
  'weekly.ics': calendar(
    ...BERLIN,
    ...event(
      'weekly@widget.test',
      'SUMMARY:Weekly',
      'DTSTART;TZID=Europe/Berlin:20300201T110000',
      'DTEND;TZID=Europe/Berlin:20300201T120000',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      'EXDATE;TZID=Europe/Berlin:20300215T110000',
    ),
    ...event(
      'weekly@widget.test',
      'RECURRENCE-ID;TZID=Europe/Berlin:20300208T110000',
      'SUMMARY:Weekly (moved)',
      'DTSTART;TZID=Europe/Berlin:20300207T150000',
      'DTEND;TZID=Europe/Berlin:20300207T160000',
    ),
  ),
  'all-day.ics': calendar(
    ...event('all-day@widget.test', 'SUMMARY:Offsite', 'DTSTART;VALUE=DATE:20300206', 'DTEND;VALUE=DATE:20300207'),
  ),
  'free.ics': calendar(
    ...NEW_YORK,
    ...event(
      'free@widget.test',
      'SUMMARY:Focus (free)',
      'TRANSP:TRANSPARENT',
      'DTSTART;TZID=America/New_York:20300205T080000',
      'DTEND;TZID=America/New_York:20300205T120000',
    ),
  ),
  'busy-ny.ics': calendar(
    ...NEW_YORK,
    ...event(
      'busy-ny@widget.test',
      'SUMMARY:Call with New York',
      'DTSTART;TZID=America/New_York:20300204T090000',
      'DTEND;TZID=America/New_York:20300204T100000',
    ),
  ),
};

/** @param {number} day of February 2030 @param {number} hh */
const feb = (day, hh) => Date.UTC(2030, 1, day, hh);

/** The busy time above in UTC, by hand: the moved 8th and the cancelled 15th are free. */
const EXPECTED_BUSY = [
  [feb(1, 10), feb(1, 11)], // Fri 1st 11:00 Berlin
  [feb(4, 14), feb(4, 15)], // Mon 4th 09:00 New York
  [feb(6, 0), feb(7, 0)], // Wed 6th, all day (the calendar names no zone: the organizer's, UTC)
  [feb(7, 14), feb(7, 15)], // Thu 7th 15:00 Berlin (moved from Fri 8th)
];
const FIRST_DAY = 1;
const LAST_DAY = 15;

/**
 * The times ('HH:MM' UTC) of 30-minute meetings Mon–Fri 09:00–17:00 UTC outside the busy time, by
 * day ('YYYY-MM-DD') from 1 to 15 February (weekends with none).
 * @returns {Record<string, string[]>}
 */
function expectedTimes() {
  /** @type {Record<string, string[]>} */
  const times = {};
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const key = new Date(feb(day, 0)).toISOString().slice(0, 10);
    const weekday = new Date(feb(day, 0)).getUTCDay();
    times[key] = [];
    if (weekday === 0 || weekday === 6) continue;
    for (let start = feb(day, 9); start + 1_800_000 <= feb(day, 17); start += 1_800_000) {
      if (EXPECTED_BUSY.some(([s, e]) => start < e && start + 1_800_000 > s)) continue;
      times[key].push(new Date(start).toISOString().slice(11, 16));
    }
  }
  return times;
}

/**
 * The `radicale-week` server command: starts Radicale on first use, writes the events, connects an
 * organizer's grant to it (`POST /v3/connect/custom`, which syncs before it answers) and answers
 * the organizer's email with the expected times; `{ skipped }` where radicale is not installed.
 * @param {{ url: string, apiKey: string }} api
 */
export function radicaleWeek(api) {
  /** @type {Radicale | undefined} */
  let radicale;
  /** @type {Promise<{ email: string, expected: Record<string, string[]> } | { skipped: string }> | undefined} */
  let connected;
  const connect = async () => {
    if (!radicaleInstalled()) return { skipped: RADICALE_MISSING };
    radicale = await startRadicale();
    const work = await radicale.makeCalendar('work', 'Work');
    for (const [file, text] of Object.entries(FILES)) await radicale.put(work, file, text);
    const email = 'olga-radicale@widget.test';
    const { username, password, url } = radicale;
    const answer = await callApi(api, {
      method: 'POST',
      path: '/v3/connect/custom',
      body: { provider: 'caldav', settings: { url, username, password, email } },
    });
    if (answer.status !== 201) throw new Error(`grant not connected to radicale: ${JSON.stringify(answer.body)}`);
    return { email, expected: expectedTimes() };
  };
  return {
    setUp: () => (connected ??= connect()),
    stop: async () => radicale?.stop(),
  };
}
