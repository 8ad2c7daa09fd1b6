/** Shared by the server tests: a real server on a free port, a temp database and a pinned clock. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConfigurationInput } from '../../src/contract/admin.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/start.js';

/** Monday 2030-01-07 08:00 UTC. */
export const T0 = Date.UTC(2030, 0, 7, 8, 0, 0);
export const T0_SECONDS = T0 / 1000;
/** Unix seconds of `hh:mm` UTC on the day `dayOffset` days after T0's. */
export const at = (dayOffset: number, hh: number, mm = 0) => Date.UTC(2030, 0, 7 + dayOffset, hh, mm) / 1000;

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON; tests read it freely. */
  body: any;
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  /** Bearer token; `null` sends no Authorization; undefined sends the API key. */
  token?: string | null;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
}

export interface TestServer extends RunningServer {
  clock: { ms: number };
  dbPath: string;
  call(path: string, options?: CallOptions): Promise<Answer>;
  /** Closes the server and removes the database. */
  stop(): Promise<void>;
}

export async function startTestServer(options: Partial<StartOptions> & { dbPath?: string } = {}): Promise<TestServer> {
  const dir = options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'scheduler-test-'));
  const dbPath = options.dbPath ?? join(dir!, 'api.sqlite');
  const clock = { ms: T0 };
  const running = await startServer({
    port: 0,
    apiKey: 'test-key',
    rateLimit: false,
    now: () => clock.ms,
    ...options,
    dbPath,
  });
  const call = async (
    path: string,
    { method = 'GET', body, token, query, headers = {} }: CallOptions = {},
  ): Promise<Answer> => {
    const url = new URL(path, running.url);
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const sent: Record<string, string> = {};
    if (token !== null) sent.Authorization = `Bearer ${token ?? running.apiKey}`;
    if (body !== undefined) sent['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method,
      headers: { ...sent, ...headers },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    ...running,
    clock,
    dbPath,
    call,
    stop: async () => {
      await running.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A probe for the point between a check and its write (`onSlotChecked`): another connection to the
 * database file tries to write there, and `outcomes` records that it got in, or the SQLite code it
 * met. `dbPath` is read at the first check (a test server's path is known once it has started).
 */
export function writeProbe(dbPath: () => string): { outcomes: string[]; onSlotChecked: () => void; close(): void } {
  const outcomes: string[] = [];
  let intruder: Database.Database | undefined;
  return {
    outcomes,
    onSlotChecked: () => {
      intruder ??= new Database(dbPath(), { timeout: 0 });
      try {
        intruder.exec('BEGIN IMMEDIATE; ROLLBACK');
        outcomes.push('another writer got in');
      } catch (error) {
        outcomes.push((error as { code?: string }).code ?? String(error));
      }
    },
    close: () => intruder?.close(),
  };
}

/** Asserts an error envelope of `status` and `type`; returns its message. */
export function assertError(answer: Answer, status: number, type: string): string {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.body.request_id, UUID_V4);
  assert.equal(answer.body.error.type, type, JSON.stringify(answer.body));
  assert.equal(typeof answer.body.error.message, 'string');
  assert.ok(answer.body.error.message.length > 0);
  return answer.body.error.message;
}

/** Asserts a success envelope; returns its data. */
export function assertOk(answer: Answer) {
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.match(answer.body.request_id, UUID_V4);
  return answer.body.data;
}

export const ORGANIZER = 'olga@example.com';

/** A collective, public 30-minute configuration: Mon–Fri 9–17 UTC, 60 min booking notice. */
export function configurationBody(overrides: Partial<ConfigurationInput> = {}): ConfigurationInput {
  return {
    participants: [
      {
        email: ORGANIZER,
        name: 'Olga Organizer',
        is_organizer: true,
        timezone: 'UTC',
        availability: {
          calendar_ids: ['primary'],
          open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC' }],
        },
        booking: { calendar_id: 'primary' },
      },
    ],
    availability: { duration_minutes: 30 },
    event_booking: { title: 'Test call', description: 'About testing', location: 'Online' },
    scheduler: { min_booking_notice: 60, available_days_in_future: 30 },
    ...overrides,
  };
}

/** Creates a configuration under the organizer's grant; returns its id. */
export async function createConfiguration(
  server: TestServer,
  overrides: Partial<ConfigurationInput> = {},
  grant = ORGANIZER,
) {
  const data = assertOk(
    await server.call(`/v3/grants/${grant}/scheduling/configurations`, {
      method: 'POST',
      body: configurationBody(overrides),
    }),
  );
  return data.id as string;
}

export const guest = { name: 'Gus Guest', email: 'gus@example.org' };

/** Books [start, start + 30 min) on a public configuration, anonymously. */
export const book = (server: TestServer, configurationId: string, start: number, extra: Record<string, unknown> = {}) =>
  server.call('/v3/scheduling/bookings', {
    method: 'POST',
    token: null,
    query: { configuration_id: configurationId },
    body: { start_time: start, end_time: start + 1800, guest, ...extra },
  });

export async function slots(
  server: TestServer,
  configurationId: string,
  start: number,
  end: number,
  extra: CallOptions['query'] = {},
) {
  const data = assertOk(
    await server.call('/v3/scheduling/availability', {
      token: null,
      query: { configuration_id: configurationId, start_time: start, end_time: end, ...extra },
    }),
  );
  return data.time_slots as Array<{ emails: string[]; start_time: number; end_time: number }>;
}
