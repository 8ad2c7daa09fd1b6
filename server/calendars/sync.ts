/**
 * Keeping a grant's connected calendars in the store: discovery, then only what changed (the
 * CalDAV ctag, then sync-collection tokens; an ICS feed's ETag or digest), expanded to busy time
 * over a horizon. Availability reads only the store, so it never waits for a calendar server;
 * a booking waits a bounded time for a fresh copy of its organizer's calendars.
 */
import type { CalDavSettings, IcloudSettings, IcsSettings } from '../../src/contract/admin.js';
import type { ConnectionRecord, RemoteCalendar, Store, SyncedCalendar } from '../store/index.js';
import { busySpans, feedZone } from './parse.js';
import {
  caldavCalendars,
  ICLOUD_CALDAV_URL,
  ProviderError,
  providerError,
  pullCalDav,
  pullFeed,
  remoteCalendarsOf,
  type CalDavAccount,
  type RemoteObject,
} from './remote.js';

/** What the calendar operations run against; `now` is read whenever it is needed (they wait on the network). */
export interface CalendarContext {
  store: Store;
  /** Milliseconds since the epoch. */
  now: () => number;
}

const DAY_SECONDS = 86400;
/**
 * Busy time is expanded this far ahead: a configuration books at most 366 days ahead, and an
 * availability window reaches 62 days past its start.
 */
const HORIZON_DAYS = 430;
/** The expansion is renewed when less than this remains ahead of now. */
const HORIZON_RENEW_DAYS = 400;
/** Looking back: an availability window never starts before now. */
const PAST_DAYS = 1;

/**
 * Bookings this API wrote to a calendar come back from it with these UIDs (see icalUid): their
 * time is the booking's own, already busy through its event.
 */
const OWN_UID_SUFFIX = '@scheduler-widget';

/** The CalDAV account and the feeds of a connection. */
export function accountOf(connection: Pick<ConnectionRecord, 'provider' | 'settings'>): {
  caldav?: CalDavAccount;
  feeds: string[];
} {
  if (connection.provider === 'ics') return { feeds: (connection.settings as unknown as IcsSettings).feeds };
  const settings = connection.settings as unknown as CalDavSettings | IcloudSettings;
  const url = connection.provider === 'icloud' ? ICLOUD_CALDAV_URL : (settings as CalDavSettings).url;
  return { caldav: { url, username: settings.username, password: settings.password }, feeds: settings.feeds ?? [] };
}

const feedName = (url: string, ics: string | undefined): string => {
  const name = ics && /^X-WR-CALNAME:(.+)$/m.exec(ics)?.[1]?.trim();
  if (name) return name;
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
};

const feedCalendar = (url: string, ics: string | undefined, timezone: string | null): RemoteCalendar => ({
  source: 'ics',
  remoteUrl: url,
  name: feedName(url, ics),
  readOnly: true,
  timezone,
  description: null,
  hexColor: null,
});

interface Horizon {
  from: number;
  to: number;
}

const horizonAt = (nowMs: number): Horizon => {
  const now = Math.floor(nowMs / 1000);
  return { from: now - PAST_DAYS * DAY_SECONDS, to: now + HORIZON_DAYS * DAY_SECONDS };
};

const horizonStale = (calendar: SyncedCalendar, nowMs: number): boolean =>
  calendar.expandedTo === null || calendar.expandedTo < nowMs / 1000 + HORIZON_RENEW_DAYS * DAY_SECONDS;

/** An object's busy time; text that is no iCalendar makes none (one broken event never stops a sync). */
function expand(object: RemoteObject, calendar: SyncedCalendar, ownerEmail: string, horizon: Horizon) {
  try {
    const busy = busySpans(object.ics, {
      ...horizon,
      ownerEmail,
      floatingZone: calendar.timezone,
    }).filter((span) => !span.uid.endsWith(OWN_UID_SUFFIX));
    return { ...object, busy: busy.map(({ start, end, floating }) => ({ start, end, ...(floating && { floating }) })) };
  } catch {
    return { ...object, busy: [] };
  }
}

/** The grant's email: the owner whose declined invitations are free time. */
const ownerOf = (store: Store, grantId: string) => store.grants.find(grantId)?.email ?? '';

/**
 * Stores a pull of one calendar; `unchanged` with a stale horizon re-expands what is stored.
 */
function save(
  context: CalendarContext,
  calendar: SyncedCalendar,
  pulled: {
    changed: RemoteObject[];
    deleted: string[];
    replaceAll: boolean;
    version: string | null;
    syncToken: string | null;
  },
): void {
  const { store } = context;
  const nowMs = context.now();
  const horizon = horizonAt(nowMs);
  const owner = ownerOf(store, calendar.grantId);
  // A renewed horizon re-expands every object, from the stored copies of those that did not change.
  const renew = !pulled.replaceAll && horizonStale(calendar, nowMs);
  const replaceAll = pulled.replaceAll || renew;
  const changed = new Map(pulled.changed.map((object) => [object.href, object]));
  if (renew) {
    const deleted = new Set(pulled.deleted);
    for (const old of store.calendarSync.objects(calendar.id)) {
      if (!changed.has(old.href) && !deleted.has(old.href)) changed.set(old.href, old);
    }
  }
  const expanded = [...changed.values()].map((object) => expand(object, calendar, owner, horizon));
  store.write(() =>
    store.calendarSync.applySync(
      calendar.id,
      { changed: expanded, deleted: replaceAll ? [] : pulled.deleted, replaceAll },
      {
        version: pulled.version,
        syncToken: pulled.syncToken,
        syncedAtMs: nowMs,
        expandedFrom: horizon.from,
        expandedTo: horizon.to,
      },
    ),
  );
}

const unchanged = (calendar: SyncedCalendar) => ({
  changed: [],
  deleted: [],
  replaceAll: false,
  version: calendar.version,
  syncToken: calendar.syncToken,
});

/** The remote calendar that should be primary: the current one while it is there, else the account's first. */
function primaryUrl(current: SyncedCalendar[], remote: RemoteCalendar[]): string | undefined {
  const writable = remote.filter((calendar) => calendar.source === 'caldav');
  const kept = current.find(
    (calendar) => calendar.isPrimary && writable.some((w) => w.remoteUrl === calendar.remoteUrl),
  );
  return kept?.remoteUrl ?? writable[0]?.remoteUrl;
}

export interface SyncOutcome {
  /** Calendars that could not be read this time (their last good copy stays). */
  failed: { calendarId: string | null; error: ProviderError }[];
}

/**
 * Syncs every calendar of a grant's connection. A server that fails leaves the last good copy
 * (and the error) in the store; `signal` bounds the whole sync.
 */
export async function syncGrant(context: CalendarContext, grantId: string, signal: AbortSignal): Promise<SyncOutcome> {
  const { store } = context;
  const connection = store.calendarSync.connection(grantId);
  if (!connection) return { failed: [] };
  const account = accountOf(connection);
  const failed: SyncOutcome['failed'] = [];
  const known = () =>
    new Map(store.calendarSync.calendarsOf(grantId).map((calendar) => [calendar.remoteUrl, calendar]));
  const noteFailure = (calendar: SyncedCalendar | undefined, error: unknown, server: string) => {
    const reason = providerError(error, server);
    failed.push({ calendarId: calendar?.id ?? null, error: reason });
    if (calendar) store.write(() => store.calendarSync.noteError(calendar.id, reason.message, context.now()));
  };

  const feeds = await Promise.all(
    account.feeds.map(async (url) => {
      try {
        return { url, pulled: await pullFeed(url, known().get(url)?.version ?? null, signal) };
      } catch (error) {
        return { url, error };
      }
    }),
  );

  let davCalendars: Awaited<ReturnType<typeof caldavCalendars>> | undefined;
  let davError: unknown;
  if (account.caldav) {
    try {
      davCalendars = await caldavCalendars(account.caldav, signal);
    } catch (error) {
      davError = error;
    }
  }

  // The calendar list: what the account lists now (or, when it cannot be read, what it listed last).
  const before = known();
  const remote: RemoteCalendar[] = [
    ...(davCalendars
      ? remoteCalendarsOf(davCalendars.calendars)
      : account.caldav
        ? [...before.values()].filter((calendar) => calendar.source === 'caldav')
        : []),
    ...feeds.map(({ url, pulled }) => {
      const old = before.get(url);
      const ics = pulled && !pulled.unchanged ? pulled.ics : undefined;
      return ics ? feedCalendar(url, ics, feedZone(ics) ?? null) : (old ?? feedCalendar(url, undefined, null));
    }),
  ];
  store.write(() => store.calendarSync.setCalendars(grantId, remote, primaryUrl([...before.values()], remote)));
  const after = known();

  for (const feed of feeds) {
    const calendar = after.get(feed.url)!;
    if ('error' in feed) {
      noteFailure(calendar, feed.error, new URL(feed.url).origin);
      continue;
    }
    const pulled = feed.pulled;
    if (pulled.unchanged) {
      if (horizonStale(calendar, context.now()) || calendar.syncedAtMs === null)
        save(context, calendar, unchanged(calendar));
      else store.write(() => store.calendarSync.markSynced(calendar.id, context.now()));
      continue;
    }
    // A feed is one object: its text, replaced whole when it changes.
    save(context, calendar, {
      changed: [{ href: feed.url, etag: pulled.version, ics: pulled.ics }],
      deleted: [],
      replaceAll: true,
      version: pulled.version,
      syncToken: null,
    });
  }

  if (account.caldav) {
    const server = new URL(account.caldav.url).origin;
    if (!davCalendars) {
      for (const calendar of after.values()) if (calendar.source === 'caldav') noteFailure(calendar, davError, server);
      if (![...after.values()].some((calendar) => calendar.source === 'caldav'))
        noteFailure(undefined, davError, server);
    } else {
      for (const dav of davCalendars.calendars) {
        const calendar = after.get(dav.url)!;
        if (dav.ctag && dav.ctag === calendar.version && calendar.syncedAtMs !== null) {
          if (horizonStale(calendar, context.now())) save(context, calendar, unchanged(calendar));
          else store.write(() => store.calendarSync.markSynced(calendar.id, context.now()));
          continue;
        }
        try {
          save(context, calendar, await pullCalDav(davCalendars.session, dav, calendar.syncToken, server));
        } catch (error) {
          noteFailure(calendar, error, server);
        }
      }
    }
  }
  return { failed };
}
