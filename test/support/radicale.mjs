/**
 * A real CalDAV server for the tests: Debian's `radicale`, started on a free port with a temp
 * storage folder and htpasswd (plain) authentication, and stopped with its folder removed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {object} Radicale
 * @property {string} url The server's root, e.g. `http://127.0.0.1:41234/`.
 * @property {string} username
 * @property {string} password
 * @property {(name: string, displayName: string) => Promise<string>} makeCalendar
 *   A calendar collection of the user (MKCALENDAR); answers its URL.
 * @property {(calendarUrl: string, file: string, ics: string) => Promise<void>} put
 *   Writes an object into a calendar, as another calendar program would.
 * @property {(calendarUrl: string) => Promise<Map<string, string>>} objects
 *   The objects' texts in a calendar (long lines unfolded), by file name.
 * @property {() => Promise<void>} stop
 */

/** @returns {boolean} */
export const radicaleInstalled = () => spawnSync('radicale', ['--version']).status === 0;

const LISTENING = /Listening on '?\[?([\d.]+)\]?:(\d+)/;

/** @returns {Promise<Radicale>} */
export async function startRadicale(username = 'ada', password = 'app-password-1') {
  const dir = mkdtempSync(join(tmpdir(), 'radicale-'));
  writeFileSync(join(dir, 'users'), `${username}:${password}\n`);
  writeFileSync(
    join(dir, 'config'),
    [
      '[server]',
      'hosts = 127.0.0.1:0',
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[logging]',
      'level = info',
    ].join('\n'),
  );
  const child = spawn('radicale', ['--config', join(dir, 'config')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {number} */
  const port = await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`radicale did not start:\n${log}`)), 15_000);
    /** @param {Buffer} chunk */
    const read = (chunk) => {
      log += chunk.toString();
      const match = LISTENING.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[2]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`radicale exited (${code}):\n${log}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  /** @param {string} method @param {string} target @param {string} [body] @param {Record<string, string>} [headers] */
  const request = async (method, target, body, headers = {}) => {
    const response = await fetch(target, {
      method,
      headers: { Authorization: auth, ...headers },
      ...(body !== undefined && { body }),
    });
    if (!response.ok) throw new Error(`${method} ${target}: ${response.status} ${await response.text()}`);
    return response.text();
  };
  return {
    url,
    username,
    password,
    async makeCalendar(name, displayName) {
      const target = new URL(`/${username}/${name}/`, url).href;
      await request(
        'MKCALENDAR',
        target,
        `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop><D:displayname>${displayName}</D:displayname>
  <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>`,
        { 'Content-Type': 'application/xml' },
      );
      return target;
    },
    async put(calendarUrl, file, ics) {
      await request('PUT', new URL(file, calendarUrl).href, ics, { 'Content-Type': 'text/calendar; charset=utf-8' });
    },
    async objects(calendarUrl) {
      const xml = await request(
        'REPORT',
        calendarUrl,
        `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
</C:calendar-query>`,
        { Depth: '1', 'Content-Type': 'application/xml' },
      );
      /** @type {Map<string, string>} */
      const found = new Map();
      for (const match of xml.matchAll(
        /<href>([^<]+)<\/href>[\s\S]*?<C:calendar-data>([\s\S]*?)<\/C:calendar-data>/g,
      )) {
        const text = match[2]
          .replace(/&#13;/g, '\r')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        found.set(decodeURIComponent(match[1].split('/').pop()), text.replace(/\r\n[ \t]/g, ''));
      }
      return found;
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** VTIMEZONE lines, as calendar programs write them. */
export const BERLIN = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];
export const NEW_YORK = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A VCALENDAR object's text. @param {...string} lines */
export const calendar = (...lines) =>
  [...['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN'], ...lines, 'END:VCALENDAR', ''].join('\r\n');
/** A VEVENT's lines. @param {string} uid @param {...string} lines */
export const event = (uid, ...lines) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20300101T000000Z',
  ...lines,
  'END:VEVENT',
];
