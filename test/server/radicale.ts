/**
 * A real CalDAV server for the tests: Debian's `radicale`, started on a free port with a temp
 * storage folder and htpasswd (plain) authentication, and stopped with its folder removed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Radicale {
  /** The server's root, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  username: string;
  password: string;
  /** A calendar collection of the user (MKCALENDAR); answers its URL. */
  makeCalendar(name: string, displayName: string): Promise<string>;
  /** Writes an object into a calendar, as another calendar program would. */
  put(calendarUrl: string, file: string, ics: string): Promise<void>;
  /** The objects' texts in a calendar (long lines unfolded), by file name. */
  objects(calendarUrl: string): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

export const radicaleInstalled = (): boolean => spawnSync('radicale', ['--version']).status === 0;

const LISTENING = /Listening on '?\[?([\d.]+)\]?:(\d+)/;

export async function startRadicale(username = 'ada', password = 'app-password-1'): Promise<Radicale> {
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
  const child: ChildProcess = spawn('radicale', ['--config', join(dir, 'config')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`radicale did not start:\n${log}`)), 15_000);
    const read = (chunk: Buffer) => {
      log += chunk.toString();
      const match = LISTENING.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[2]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`radicale exited (${code}):\n${log}`)));
  });
  const url = `http://127.0.0.1:${port}/`;
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const request = async (method: string, target: string, body?: string, headers: Record<string, string> = {}) => {
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
      const found = new Map<string, string>();
      for (const match of xml.matchAll(
        /<href>([^<]+)<\/href>[\s\S]*?<C:calendar-data>([\s\S]*?)<\/C:calendar-data>/g,
      )) {
        const text = match[2]!
          .replace(/&#13;/g, '\r')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        found.set(decodeURIComponent(match[1]!.split('/').pop()!), text.replace(/\r\n[ \t]/g, ''));
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
