/**
 * The calendar servers, over the network: CalDAV (RFC 4791) through tsdav, ICS feeds over plain
 * HTTP. Every call takes a deadline signal; nothing here touches the store.
 */
import { createHash } from 'node:crypto';
import { calendarMultiGet, createDAVClient, type DAVAccount, type DAVCalendar } from 'tsdav';
import type { RemoteCalendar } from '../store/index.js';

export interface CalDavAccount {
  url: string;
  username: string;
  password: string;
}

/** iCloud's CalDAV server; Nylas's `icloud` provider connects there with an app password. */
export const ICLOUD_CALDAV_URL = 'https://caldav.icloud.com';

/** What went wrong with a calendar server, as the owner can act on it. */
export class ProviderError extends Error {
  constructor(
    readonly reason: 'timeout' | 'refused' | 'unreachable',
    message: string,
  ) {
    super(message);
  }
}

/** The error a failed call becomes; never the password (tsdav's messages hold URLs and statuses only). */
export function providerError(error: unknown, server: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('timeout', `The calendar server ${server} did not answer in time.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/\b(401|403)\b|unauthori[sz]ed|invalid credentials|forbidden/i.test(message)) {
    return new ProviderError('refused', `The calendar server ${server} refused the username or password.`);
  }
  return new ProviderError('unreachable', `The calendar server ${server} could not be read: ${message.slice(0, 200)}`);
}

const origin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** A fetch that gives up at the deadline (tsdav passes it to every request it makes). */
const fetchUntil =
  (signal: AbortSignal): typeof fetch =>
  (input, init) =>
    fetch(input, { ...init, signal });

/**
 * Accounts already discovered (principal and calendar home: three requests), by server, user and
 * password, so a sync, and a booking's re-check, start at the calendar list. A failure forgets one.
 */
const discovered = new Map<string, DAVAccount>();
const MAX_DISCOVERED = 1000;

const clientOf = (account: CalDavAccount, signal: AbortSignal) =>
  createDAVClient({
    serverUrl: account.url,
    credentials: { username: account.username, password: account.password },
    authMethod: 'Basic',
    fetch: fetchUntil(signal),
  });

/** A client bound to `signal` and the account as discovered on the server. */
export interface CalDavSession {
  client: Awaited<ReturnType<typeof clientOf>>;
  account: DAVAccount;
}

async function sessionOf(account: CalDavAccount, signal: AbortSignal, key: string): Promise<CalDavSession> {
  const client = await clientOf(account, signal);
  let found = discovered.get(key);
  if (!found) {
    found = await client.createAccount({
      account: {
        serverUrl: account.url,
        accountType: 'caldav',
        credentials: { username: account.username, password: account.password },
      },
    });
    if (discovered.size >= MAX_DISCOVERED) discovered.clear();
    discovered.set(key, found);
  }
  return { client, account: found };
}

const TZID = /^TZID:(.+)$/m;

const nameOf = (calendar: DAVCalendar): string => {
  if (typeof calendar.displayName === 'string' && calendar.displayName.trim()) return calendar.displayName.trim();
  return decodeURIComponent(new URL(calendar.url).pathname.split('/').filter(Boolean).at(-1) ?? 'Calendar');
};

const toRemote = (calendar: DAVCalendar): RemoteCalendar => ({
  source: 'caldav',
  remoteUrl: calendar.url,
  name: nameOf(calendar),
  readOnly: false,
  timezone: (calendar.timezone && TZID.exec(calendar.timezone)?.[1]?.trim()) || null,
  description: typeof calendar.description === 'string' && calendar.description ? calendar.description : null,
  hexColor:
    typeof calendar.calendarColor === 'string' && /^#[0-9a-f]{6}/i.test(calendar.calendarColor)
      ? calendar.calendarColor.slice(0, 7)
      : null,
});

/** The calendars of events in a CalDAV account, with their ctag and sync token. */
export async function caldavCalendars(
  account: CalDavAccount,
  signal: AbortSignal,
): Promise<{ session: CalDavSession; calendars: DAVCalendar[] }> {
  const key = createHash('sha256').update(`${account.url}\n${account.username}\n${account.password}`).digest('hex');
  try {
    const session = await sessionOf(account, signal, key);
    const calendars = (await session.client.fetchCalendars({ account: session.account })).filter(
      (calendar) => !calendar.components?.length || calendar.components.includes('VEVENT'),
    );
    return { session, calendars };
  } catch (error) {
    discovered.delete(key);
    throw providerError(error, origin(account.url));
  }
}

export const remoteCalendarsOf = (calendars: DAVCalendar[]): RemoteCalendar[] => calendars.map(toRemote);

/** One object of a remote calendar: its URL, ETag and iCalendar text. */
export interface RemoteObject {
  href: string;
  etag: string | null;
  ics: string;
}

export interface Pulled {
  changed: RemoteObject[];
  deleted: string[];
  /** Every object is in `changed`: the others are gone. */
  replaceAll: boolean;
  version: string | null;
  syncToken: string | null;
}

const absolute = (href: string, base: string) => new URL(href, base).href;

const objectOf = (
  object: { url: string; etag?: string | undefined; data?: unknown },
  base: string,
): RemoteObject | undefined =>
  typeof object.data === 'string' && object.data
    ? { href: absolute(object.url, base), etag: object.etag ?? null, ics: object.data }
    : undefined;

/**
 * What changed in a CalDAV calendar since `syncToken` (RFC 6578 sync-collection, then a multiget
 * of the changed objects); without a token, or when the server forgot it, every object.
 */
export async function pullCalDav(
  { client, account }: CalDavSession,
  calendar: DAVCalendar,
  syncToken: string | null,
  server: string,
): Promise<Pulled> {
  const version = calendar.ctag ?? null;
  try {
    if (calendar.reports?.includes('syncCollection')) {
      const sync = async (token: string | undefined) =>
        client.smartCollectionSyncDetailed({
          collection: {
            ...calendar,
            objects: [],
            ...(token ? { syncToken: token } : { syncToken: undefined }),
            objectMultiGet: calendarMultiGet,
          },
          method: 'webdav',
          account,
        });
      let result;
      let replaceAll = syncToken === null;
      try {
        result = await sync(syncToken ?? undefined);
      } catch (error) {
        if (syncToken === null) throw error;
        // A token the server no longer knows (RFC 6578 §3.2: valid-sync-token): start over.
        result = await sync(undefined);
        replaceAll = true;
      }
      const { created, updated, deleted } = result.objects;
      return {
        changed: [...created, ...updated].flatMap((object) => objectOf(object, calendar.url) ?? []),
        deleted: deleted.map((object) => absolute(object.url, calendar.url)),
        replaceAll,
        version,
        syncToken: result.syncToken ?? null,
      };
    }
    const objects = await client.fetchCalendarObjects({ calendar });
    return {
      changed: objects.flatMap((object) => objectOf(object, calendar.url) ?? []),
      deleted: [],
      replaceAll: true,
      version,
      syncToken: null,
    };
  } catch (error) {
    throw providerError(error, server);
  }
}

/** A feed is read up to this size: ten years of a busy calendar, not a server's memory. */
export const MAX_FEED_BYTES = 20 * 2 ** 20;

/** The body as text, or undefined (and the rest left unread) once it passes `limit` bytes. */
async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A feed's text, or `unchanged` when its ETag (or the text's digest) is `version`. */
export async function pullFeed(
  url: string,
  version: string | null,
  signal: AbortSignal,
): Promise<{ unchanged: true } | { unchanged: false; ics: string; version: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      headers: { Accept: 'text/calendar', ...(version?.startsWith('etag:') && { 'If-None-Match': version.slice(5) }) },
      redirect: 'follow',
    });
  } catch (error) {
    throw providerError(error, origin(url));
  }
  if (response.status === 304) return { unchanged: true };
  if (!response.ok) throw new ProviderError('unreachable', `The feed ${origin(url)} answered ${response.status}.`);
  const ics = await readLimited(response, MAX_FEED_BYTES).catch((error: unknown) => {
    throw providerError(error, origin(url));
  });
  if (ics === undefined) {
    throw new ProviderError('unreachable', `The feed ${origin(url)} is larger than ${MAX_FEED_BYTES / 2 ** 20} MiB.`);
  }
  const etag = response.headers.get('etag');
  const next = etag ? `etag:${etag}` : `sha256:${createHash('sha256').update(ics).digest('hex')}`;
  if (next === version) return { unchanged: true };
  return { unchanged: false, ics, version: next };
}

const authorization = (account: CalDavAccount) =>
  `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;

/** The URL of the object a booking is written to in a calendar. */
export const objectUrl = (calendarUrl: string, uid: string) =>
  new URL(
    `${encodeURIComponent(uid.replace(/[^A-Za-z0-9._-]/g, '-'))}.ics`,
    calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`,
  ).href;

/** Writes (creates or replaces) one object. */
export async function putObject(account: CalDavAccount, url: string, ics: string, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      signal,
      headers: { Authorization: authorization(account), 'Content-Type': 'text/calendar; charset=utf-8' },
      body: ics,
    });
  } catch (error) {
    throw providerError(error, origin(url));
  }
  if (!response.ok) throw providerError(new Error(`PUT answered ${response.status}`), origin(url));
}

/** Removes one object; one already gone is fine. */
export async function deleteObject(account: CalDavAccount, url: string, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'DELETE', signal, headers: { Authorization: authorization(account) } });
  } catch (error) {
    throw providerError(error, origin(url));
  }
  if (!response.ok && response.status !== 404 && response.status !== 410) {
    throw providerError(new Error(`DELETE answered ${response.status}`), origin(url));
  }
}
