/**
 * Hostile input over every endpoint and method, from a seeded PRNG (the same requests on every
 * run): broken and wrong-typed JSON, huge strings, deep nesting, oversized bodies, unicode and
 * control characters (NUL, lone surrogates), SQL-looking strings, absurd times and windows,
 * garbage Authorization headers, query params and content types, and raw malformed HTTP.
 *
 * For every answer: never a 5xx, never a dropped connection, a JSON envelope
 * `{request_id, error: {type, message}}` on every 4xx. Afterwards the server still answers and
 * the data created before the fuzzing is exactly as it was.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import {
  assertOk,
  at,
  configurationBody,
  createConfiguration,
  guest,
  startTestServer,
  T0_SECONDS,
  UUID_V4,
  type TestServer,
} from './helpers.js';
import { MAX_EXPANSION_STEPS, recurrenceWork } from '../../server/group/recurrence.js';
import { MAX_ANSWER_BYTES, MAX_SLOTS } from '../../server/scheduling/availability.js';
import { mulberry32 } from '../../server/seeded-random.js';

const SEED = 0x5eed2030;
const REQUESTS = 2500;
const BODY_LIMIT = 128 * 1024;

// ---------------------------------------------------------------- deterministic randomness

const random = mulberry32(SEED);
const int = (n: number) => Math.floor(random() * n);
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
/** A deterministic UUID-shaped string. */
const fakeUuid = () =>
  'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => (ch === 'x' ? int(16) : 8 + int(4)).toString(16));

// ---------------------------------------------------------------- hostile values

const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\ud83d\ude00 emoji',
  '\u202eevil\u202c',
  '\u0001\u0007\u001b[31m\u007f',
  '\r\n\tx',
  "' OR 1=1 --",
  "'; DROP TABLE bookings; --",
  '" OR ""="',
  "Robert'); DELETE FROM configurations; --",
  '1; SELECT * FROM sessions',
  '%00',
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-1',
  '1e308',
  '0x10',
  'null',
  'true',
  '9'.repeat(400),
  'é'.repeat(3000),
  'a@b',
  'someone@example.com',
  'Europe/Nowhere',
  'UTC',
  '25:99',
  '2030-02-30',
  'primary',
];

const HOSTILE_NUMBERS: readonly unknown[] = [
  0,
  -1,
  -0,
  1,
  1.5,
  30,
  1440,
  1441,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  253402300799,
  253402300800,
  at(1, 10),
  at(1, 10, 30),
  at(400, 10),
  Number.MIN_VALUE,
];

const HOSTILE_VALUES: readonly unknown[] = [
  ...HOSTILE_STRINGS,
  ...HOSTILE_NUMBERS,
  null,
  true,
  false,
  [],
  {},
  [null],
  [[[]]],
  { a: { b: { c: {} } } },
  { __proto__: null, constructor: 'x' },
  ['\u0000', 1, null, { x: [] }],
];

/** A fresh copy of a hostile value (mutation edits values in place). */
const hostile = () => structuredClone(pick(HOSTILE_VALUES));

/** A random JSON value of bounded depth. */
function randomJson(depth: number): unknown {
  const roll = int(depth > 0 ? 8 : 5);
  if (roll < 2) return pick(HOSTILE_STRINGS);
  if (roll < 4) return pick(HOSTILE_NUMBERS);
  if (roll === 4) return pick([null, true, false]);
  if (roll === 5) return Array.from({ length: int(4) }, () => randomJson(depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = int(4); i > 0; i--)
    out[pick(['start_time', 'end_time', 'guest', 'title', 'when', 'salt', 'status', ...HOSTILE_STRINGS])] = randomJson(
      depth - 1,
    );
  return out;
}

// ---------------------------------------------------------------- the setting

let server: TestServer;
/** Ids the fuzzer may hit with valid credentials; it may change, cancel or delete them. */
const sandbox = {
  grant: 'sandbox@example.com',
  publicConfigurationId: '',
  privateConfigurationId: '',
  /** Configurations, events and sessions a valid DELETE may remove. */
  disposableConfigurationIds: [] as string[],
  disposableEventIds: [] as string[],
  disposableSessions: [] as string[],
  /** Bookings of the public and the private configuration (successful bookings join them). */
  publicBookingIds: [] as string[],
  privateBookingIds: [] as string[],
  privateBookingSalt: '',
  bookingRef: '',
  eventId: '',
  session: '',
};
/** Data created before the fuzzing that must come out untouched. */
const keeper = { grant: 'keeper@example.com', configurationId: '', bookingId: '', eventId: '', busyEventId: '' };
let expiredSession = '';
let deletedSession = '';
let snapshot: unknown;

const takeSnapshot = async () => ({
  configuration: assertOk(
    await server.call(`/v3/grants/${keeper.grant}/scheduling/configurations/${keeper.configurationId}`),
  ),
  booking: assertOk(await server.call(`/v3/scheduling/bookings/${keeper.bookingId}`)),
  event: assertOk(await server.call(`/v3/grants/${keeper.grant}/events/${keeper.eventId}`)),
  busyEvent: assertOk(await server.call(`/v3/grants/${keeper.grant}/events/${keeper.busyEventId}`)),
  uiSettings: assertOk(
    await server.call('/v3/scheduling/ui-settings', {
      token: null,
      query: { configuration_id: keeper.configurationId, booking_id: keeper.bookingId },
    }),
  ),
  calendars: assertOk(await server.call(`/v3/grants/${keeper.grant}/calendars`)),
});

/** Field keys named like Object.prototype members: a guest who leaves them out must not find those. */
const trickyFields = {
  company: { label: 'Company', type: 'text' as const, required: false, pattern: '[A-Za-z ]{1,40}' },
  constructor: { label: 'Constructor', type: 'text' as const, required: false },
  toString: { label: 'To string', type: 'text' as const, required: false },
};

before(async () => {
  server = await startTestServer({ bodyLimitBytes: BODY_LIMIT });
  const post = async (path: string, body: unknown, query: Record<string, string> = {}) =>
    assertOk(await server.call(path, { method: 'POST', body, query }));
  const participant = (email: string) => ({ ...configurationBody().participants[0]!, email });

  keeper.configurationId = await createConfiguration(
    server,
    {
      participants: [participant(keeper.grant)],
      slug: 'keeper',
      scheduler: { min_booking_notice: 60, additional_fields: { company: trickyFields.company } },
    },
    keeper.grant,
  );
  const booking = await post(
    '/v3/scheduling/bookings',
    { start_time: at(2, 10), end_time: at(2, 10, 30), guest, additional_fields: { company: 'Acme' } },
    { configuration_id: keeper.configurationId },
  );
  keeper.bookingId = booking.booking_id;
  keeper.eventId = booking.event_id;
  const busy = { title: 'Keeper private', when: { start_time: at(3, 12), end_time: at(3, 13) } };
  keeper.busyEventId = (await post(`/v3/grants/${keeper.grant}/events`, busy, { calendar_id: 'primary' })).id;

  sandbox.publicConfigurationId = await createConfiguration(
    server,
    {
      participants: [participant(sandbox.grant)],
      slug: 'sandbox',
      scheduler: { min_booking_notice: 60, additional_fields: trickyFields },
    },
    sandbox.grant,
  );
  sandbox.privateConfigurationId = await createConfiguration(
    server,
    {
      participants: [participant(sandbox.grant)],
      requires_session_auth: true,
      event_booking: { title: 'Private', booking_type: 'organizer-confirmation' },
    },
    sandbox.grant,
  );
  for (let i = 0; i < 4; i++)
    sandbox.disposableConfigurationIds.push(await createConfiguration(server, {}, sandbox.grant));
  for (let i = 0; i < 4; i++) {
    const start = at(1, 9 + i);
    const publicBooking = await post(
      '/v3/scheduling/bookings',
      { start_time: start, end_time: start + 1800, guest },
      { configuration_id: sandbox.publicConfigurationId },
    );
    sandbox.publicBookingIds.push(publicBooking.booking_id);
  }
  const privateBooking = await post(
    '/v3/scheduling/bookings',
    { start_time: at(1, 14), end_time: at(1, 14, 30), guest },
    { configuration_id: sandbox.privateConfigurationId },
  );
  sandbox.privateBookingIds.push(privateBooking.booking_id);
  sandbox.bookingRef = privateBooking.booking_ref;
  sandbox.privateBookingSalt = decodeBookingRef(privateBooking.booking_ref)!.salt;
  const event = (hour: number) => ({ title: 'Sandbox', when: { start_time: at(4, hour), end_time: at(4, hour + 1) } });
  sandbox.eventId = (await post(`/v3/grants/${sandbox.grant}/events`, event(12), { calendar_id: 'primary' })).id;
  for (let i = 0; i < 4; i++)
    sandbox.disposableEventIds.push(
      (await post(`/v3/grants/${sandbox.grant}/events`, event(13 + i), { calendar_id: 'primary' })).id,
    );

  const session = async (configuration_id: string, time_to_live = 30) =>
    (await post('/v3/scheduling/sessions', { configuration_id, time_to_live })).session_id as string;
  sandbox.session = await session(sandbox.privateConfigurationId);
  for (let i = 0; i < 4; i++) sandbox.disposableSessions.push(await session(sandbox.publicConfigurationId));
  expiredSession = await session(sandbox.privateConfigurationId, 1);
  deletedSession = await session(sandbox.privateConfigurationId);
  assertOk(await server.call(`/v3/scheduling/sessions/${deletedSession}`, { method: 'DELETE' }));
  server.clock.ms += 2 * 60_000; // the 1-minute session expires; the 30-minute ones live on
  snapshot = await takeSnapshot();
});
after(() => server.stop());

// ---------------------------------------------------------------- requests
//
// Each request starts out valid (right method, path, ids, query, credentials, content type and
// body) and then one to three of those are made hostile, so that every layer gets reached.

type Caller = 'api_key' | 'public' | 'session';

interface Endpoint {
  method: string;
  /** Browser endpoints also take sessions and anonymous calls; the others only the API key. */
  browser: boolean;
  path: (ids: Ids) => string;
  /** A valid body, to be mutated. */
  body?: () => unknown;
  /** Valid query parameters for the caller. */
  query: (caller: Caller, ids: Ids) => Record<string, string>;
}

interface Ids {
  grant: string;
  configuration: string;
  booking: string;
  event: string;
  session: string;
}

const configurations = (ids: Ids) => `/v3/grants/${ids.grant}/scheduling/configurations`;
/** The configuration a browser caller addresses: the public one anonymously, the private one with its session. */
const configurationQuery = (caller: Caller): Record<string, string> =>
  caller === 'session'
    ? {}
    : {
        configuration_id:
          caller === 'public' || chance(0.5) ? sandbox.publicConfigurationId : sandbox.privateConfigurationId,
      };
const none = () => ({});

const bookingBody = () => {
  const start = at(1 + int(4), 9 + int(8), pick([0, 30]));
  return {
    start_time: start,
    end_time: start + 1800,
    guest: { ...guest },
    additional_fields: { company: 'Acme' },
    timezone: 'Europe/Paris',
  };
};
let slugs = 0;
const configurationTemplate = () =>
  configurationBody({
    slug: `fuzz-${++slugs}`,
    event_booking: {
      title: 'Fuzz',
      conferencing: {
        provider: 'Zoom Meeting',
        details: { url: 'https://zoom.example/j/1', settings: { waiting_room: true } },
      },
      reminders: [{ type: 'email', minutes_before_event: 60 }],
    },
    scheduler: { min_booking_notice: 60, additional_fields: { ...trickyFields } },
    appearance: { color: '#123456' },
  });

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', browser: false, path: configurations, query: () => ({ limit: '2' }) },
  { method: 'POST', browser: false, path: configurations, body: configurationTemplate, query: none },
  { method: 'GET', browser: false, path: (ids) => `${configurations(ids)}/${ids.configuration}`, query: none },
  {
    method: 'PUT',
    browser: false,
    path: (ids) => `${configurations(ids)}/${ids.configuration}`,
    body: () => ({ name: 'Renamed', event_booking: configurationTemplate().event_booking }),
    query: none,
  },
  { method: 'DELETE', browser: false, path: (ids) => `${configurations(ids)}/${ids.configuration}`, query: none },
  {
    method: 'POST',
    browser: false,
    path: () => '/v3/scheduling/sessions',
    body: () => ({ configuration_id: sandbox.publicConfigurationId, time_to_live: 5 }),
    query: none,
  },
  { method: 'DELETE', browser: false, path: (ids) => `/v3/scheduling/sessions/${ids.session}`, query: none },
  {
    method: 'GET',
    browser: true,
    path: () => '/v3/scheduling/ui-settings',
    query: (caller, ids) => ({ ...configurationQuery(caller), ...(chance(0.3) && { booking_id: ids.booking }) }),
  },
  {
    method: 'GET',
    browser: true,
    path: () => '/v3/scheduling/availability',
    query: (caller, ids) => ({
      ...configurationQuery(caller),
      start_time: String(at(0, 0)),
      end_time: String(at(7 + int(30), 0)),
      ...(chance(0.2) && { booking_id: ids.booking }),
    }),
  },
  {
    method: 'POST',
    browser: true,
    path: () => '/v3/scheduling/bookings',
    body: bookingBody,
    query: configurationQuery,
  },
  { method: 'GET', browser: true, path: (ids) => `/v3/scheduling/bookings/${ids.booking}`, query: configurationQuery },
  {
    method: 'PATCH',
    browser: true,
    path: (ids) => `/v3/scheduling/bookings/${ids.booking}`,
    body: () => {
      const start = at(2 + int(3), 9 + int(8), pick([0, 30]));
      return { start_time: start, end_time: start + 1800 };
    },
    query: configurationQuery,
  },
  {
    method: 'DELETE',
    browser: true,
    path: (ids) => `/v3/scheduling/bookings/${ids.booking}`,
    body: () => ({ cancellation_reason: 'Fuzz' }),
    query: configurationQuery,
  },
  {
    method: 'PUT',
    browser: true,
    path: (ids) => `/v3/scheduling/bookings/${ids.booking}`,
    body: () => ({
      salt: chance(0.5) ? sandbox.privateBookingSalt : 'c2FsdHNhbHRzYWx0',
      status: pick(['confirmed', 'cancelled']),
    }),
    query: configurationQuery,
  },
  { method: 'GET', browser: false, path: (ids) => `/v3/grants/${ids.grant}/calendars`, query: none },
  {
    method: 'GET',
    browser: false,
    path: (ids) => `/v3/grants/${ids.grant}/events`,
    query: () => ({ calendar_id: 'primary', limit: '5', start: String(at(0, 0)), end: String(at(9, 0)) }),
  },
  {
    method: 'POST',
    browser: false,
    path: (ids) => `/v3/grants/${ids.grant}/events`,
    body: () => ({
      title: 'Fuzz',
      when: { start_time: at(5, 10), end_time: at(5, 11) },
      busy: true,
      participants: [{ email: 'p@example.com', name: 'P' }],
    }),
    query: () => ({ calendar_id: 'primary' }),
  },
  {
    method: 'GET',
    browser: false,
    path: (ids) => `/v3/grants/${ids.grant}/events/${ids.event}`,
    query: () => ({ calendar_id: 'primary' }),
  },
  {
    method: 'PUT',
    browser: false,
    path: (ids) => `/v3/grants/${ids.grant}/events/${ids.event}`,
    body: () => ({ title: 'Moved', busy: chance(0.5) }),
    query: () => ({ calendar_id: 'primary' }),
  },
  {
    method: 'DELETE',
    browser: false,
    path: (ids) => `/v3/grants/${ids.grant}/events/${ids.event}`,
    query: () => ({ calendar_id: 'primary' }),
  },
];

/** Creating configurations and bookings has the richest bodies: drawn twice as often. */
const WEIGHTED_ENDPOINTS = [
  ...ENDPOINTS,
  ...ENDPOINTS.filter(
    (endpoint) =>
      endpoint.method === 'POST' &&
      /configurations|bookings/.test(
        endpoint.path({ grant: 'g', configuration: 'c', booking: 'b', event: 'e', session: 's' }),
      ),
  ),
];

/** Percent-encodes the UTF-8 bytes of everything but unreserved characters (lone surrogates become U+FFFD). */
const encode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');

/** Raw percent sequences Node lets through as they are: malformed, overlong, encoded surrogates; and raw latin-1. */
const RAW_SEGMENTS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%00',
  '..',
  '.',
  '%2F',
  'a%2F..%2Fb',
  '\u00ff\u00e9',
];

/** A hostile stand-in for a path id; `protectedIds` are the keeper's. */
function hostileSegment(
  valid: string,
  protectedIds: readonly string[],
): { segment: string; protectedTouched: boolean } {
  const roll = int(6);
  if (roll === 0) {
    const id = pick(protectedIds);
    return { segment: chance(0.5) ? id : id.toUpperCase(), protectedTouched: true };
  }
  const segment = [
    fakeUuid,
    () => pick(RAW_SEGMENTS),
    () => encode(pick(HOSTILE_STRINGS)) || '%20',
    () =>
      pick([
        valid.slice(0, int(valid.length)) || 'x',
        `${valid}x`,
        valid.toUpperCase(),
        valid.replace(/-/g, ''),
        encode(sandbox.bookingRef),
      ]),
    () => encode(`${valid}' OR '1'='1`),
  ][roll - 1]!();
  return { segment, protectedTouched: false };
}

const ABSURD_TIMES = [
  '1e308',
  '-1',
  'NaN',
  'Infinity',
  '999999999999',
  '9999999999999999999999',
  '1.5',
  ' 1',
  '0x10',
  '',
  '١٢٣',
  '4102444800',
];
const QUERY_NAMES = [
  'configuration_id',
  'slug',
  'client_id',
  'booking_id',
  'start_time',
  'end_time',
  'calendar_id',
  'limit',
  'page_token',
  'start',
  'end',
];

/** Makes the query hostile: absurd values, absurd windows, foreign ids, junk names, raw escapes, too long. */
function hostileQuery(query: Record<string, string>): { query: Array<[string, string]>; protectedTouched: boolean } {
  let protectedTouched = false;
  const params = Object.entries(query);
  const roll = int(9);
  if (roll === 0 && params.length > 0) params.splice(int(params.length), 1);
  else if (roll === 1) {
    const [start, end] = pick([
      ['0', '4102444800'],
      [String(at(5, 0)), String(at(1, 0))],
      [String(at(1, 0)), String(at(1, 0))],
      ['253402300799', '999999999999'],
      [String(at(-400, 0)), String(at(4000, 0))],
    ] as const);
    params.push(['start_time', start], ['end_time', end], ['start', start], ['end', end]);
  } else if (roll === 2) {
    protectedTouched = true;
    params.push(
      pick([
        ['configuration_id', keeper.configurationId],
        ['booking_id', keeper.bookingId],
        ['slug', 'keeper'],
        ['client_id', 'app'],
      ] as const),
    );
  } else if (roll === 3) params.push([pick(QUERY_NAMES), pick([...HOSTILE_STRINGS, ...ABSURD_TIMES])]);
  else if (roll === 4)
    params.push([pick(['__proto__', 'constructor', 'toString', 'x', '', '\u0000']), pick(HOSTILE_STRINGS)]);
  else if (roll === 5 && params.length > 0)
    params[int(params.length)]![1] = pick([...HOSTILE_STRINGS, ...ABSURD_TIMES]);
  else if (roll === 6) params.push([pick(QUERY_NAMES), fakeUuid()], [pick(QUERY_NAMES), fakeUuid()]);
  else if (roll === 7)
    params.push(['pad', 'a'.repeat(8200)]); // past the URL limit: 414
  else params.push([pick(QUERY_NAMES), `\u0000${pick(RAW_SEGMENTS)}`]);
  return { query: params, protectedTouched };
}

const queryString = (params: ReadonlyArray<readonly [string, string]>) => {
  const text = params
    .map(([name, value]) => `${encode(name)}=${value.startsWith('\u0000%') ? value.slice(1) : encode(value)}`)
    .join('&');
  return text ? `?${text}` : '';
};

interface Auth {
  header?: string;
  caller?: Caller;
}

const hostileAuths = (): readonly Auth[] => [
  { header: `Bearer ${server.apiKey}-` },
  { header: `Bearer ${server.apiKey.toUpperCase()}` },
  { header: 'Bearer' },
  { header: 'Bearer ' },
  { header: `Basic ${Buffer.from(`${server.apiKey}:`).toString('base64')}` },
  { header: `Token ${server.apiKey}` },
  { header: `Bearer ${server.apiKey} ${server.apiKey}` },
  { header: `Bearer ${fakeUuid()}` },
  { header: `Bearer ${expiredSession}` },
  { header: `Bearer ${deletedSession}` },
  { header: `Bearer ${sandbox.disposableSessions[0]}` }, // a session of another configuration (or deleted by now)
  { header: `Bearer ${'x'.repeat(10_000)}` },
  { header: 'Bearer \u00e9\u00ff\u00a0' },
  { header: "Bearer ' OR 1=1 --" },
  { header: '' },
  {},
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'application/jsonx',
  'json',
  ';;;=',
  '',
];

/** Sets a random leaf (or key) of `value` to something hostile. */
function mutate(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || chance(0.15)) return chance(0.5) ? hostile() : randomJson(2);
  const container = value as Record<string, unknown>;
  const keys = Object.keys(container);
  const roll = int(10);
  if (keys.length === 0 || roll === 0) {
    container[pick(['extra', '__proto__', 'constructor', ...HOSTILE_STRINGS.slice(0, 12)])] = hostile();
  } else if (roll === 1) {
    delete container[pick(keys)];
  } else {
    const key = pick(keys);
    container[key] = mutate(container[key]);
  }
  return value;
}

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Every (container, key) of a JSON value, depth first. */
function nodesOf(value: unknown): Array<[any, string | number]> {
  const slots: Array<[any, string | number]> = [];
  const walk = (node: any) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      slots.push([node, key]);
      walk(node[key]);
    }
  };
  walk(value);
  return slots;
}

/**
 * The template as JSON text with node `index` (default: a random one) replaced by `replacement`
 * (raw JSON text), or removed when `replacement` is undefined.
 */
function splice(template: unknown, replacement: string | undefined, index?: number): string {
  const MARK = '\u0000splice\u0000';
  const value = structuredClone(template);
  const slots = nodesOf(value);
  if (slots.length === 0) return replacement ?? '{}';
  const [holder, key] = slots[index ?? int(slots.length)]!;
  if (replacement === undefined) {
    if (Array.isArray(holder)) holder.splice(Number(key), 1);
    else delete holder[key];
    return JSON.stringify(value);
  }
  holder[key] = MARK;
  return JSON.stringify(value).replace(JSON.stringify(MARK), replacement);
}

interface Body {
  bytes?: Buffer;
  /** Sent as JSON (else without or with a wrong content type). */
  json: boolean;
  kind: string;
}

const textBody = (value: string, kind: string): Body => ({ bytes: Buffer.from(value, 'utf8'), json: true, kind });

/** A hostile body: mutated, random, broken, deep, huge, oversized, not UTF-8, or none. */
function hostileBody(template: unknown): Body {
  const roll = int(100);
  if (roll < 8) return { json: false, kind: 'none' };
  if (roll < 38) {
    let value: unknown = structuredClone(template);
    for (let i = 1 + int(3); i > 0; i--) value = mutate(value);
    return textBody(JSON.stringify(value), 'mutated');
  }
  if (roll < 46) return textBody(JSON.stringify(randomJson(4)), 'random');
  if (roll < 58) {
    const valid = JSON.stringify(template);
    return textBody(
      pick([
        valid.slice(0, int(valid.length)),
        `${valid}}`,
        `${valid},`,
        "{'start_time': 1}",
        '{"a":1,}',
        '{"a":NaN}',
        '{"a":undefined}',
        '[1,2',
        '{"a":"\\x00"}',
        '"unterminated',
        '/* comment */ {}',
        '\ufeff{}',
        '{"start_time":1e999,"end_time":-1e999}',
        '{"a":1,"a":2,"__proto__":{"polluted":true}}',
        'null',
        '0',
        'true',
        '"string"',
      ]),
      'broken',
    );
  }
  if (roll < 64) return textBody(pick([deepArrays(10_000), deepObjects(10_000), '['.repeat(50_000)]), 'deep');
  if (roll < 72) {
    // A deep value inside an otherwise valid body, where free-form maps accept anything.
    return textBody(
      splice(
        template,
        pick([deepArrays(10_000), deepObjects(10_000), deepArrays(40), deepObjects(30), deepArrays(25)]),
      ),
      'deep inside',
    );
  }
  if (roll < 78) {
    const huge = JSON.stringify(
      pick(['x', '\u0000', '\ud83d\ude00', "' OR 1=1 --", '\ud800']).repeat(15_000 + int(10_000)),
    );
    return textBody(splice(template, huge), 'huge string');
  }
  if (roll < 82) return { bytes: Buffer.alloc(BODY_LIMIT + 1 + int(BODY_LIMIT), 0x20), json: true, kind: 'over limit' };
  if (roll < 88) {
    return {
      bytes: pick([
        Buffer.from([0xed, 0xa0, 0x80]), // a surrogate encoded as UTF-8
        Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), // UTF-16LE "{}"
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x00, 0xc3, 0x28, 0x22, 0x7d]), // {"a":"\0\xc3("}
        Buffer.concat([
          Buffer.from(JSON.stringify(template).slice(0, -1)),
          Buffer.from(',"title":"\xed\xa0\x80"}', 'latin1'),
        ]),
        Buffer.from([0x00, 0x00, 0x00]),
        Buffer.from(Array.from({ length: 64 }, () => int(256))),
      ]),
      json: true,
      kind: 'bytes',
    };
  }
  // Every string of the template prefixed with unicode and control characters.
  const weird = JSON.stringify(template, (_key, value) =>
    typeof value === 'string' ? pick(HOSTILE_STRINGS.slice(0, 20)) + value : value,
  );
  return textBody(weird, 'unicode');
}

interface Planned {
  method: string;
  path: string;
  headers: Record<string, string>;
  bytes?: Buffer;
  label: string;
  /** What a successful answer adds to the sandbox's pools. */
  learn?: (data: any) => void;
}

const DIMENSIONS = [
  'ids',
  'ids',
  'query',
  'query',
  'method',
  'auth',
  'auth',
  'content type',
  'body',
  'body',
  'body',
  'body',
] as const;

function plan(): Planned {
  const endpoint = pick(WEIGHTED_ENDPOINTS);
  const hostileParts = new Set<(typeof DIMENSIONS)[number]>();
  for (let n = 1 + (chance(0.3) ? 1 : 0) + (chance(0.1) ? 1 : 0); hostileParts.size < n;)
    hostileParts.add(pick(DIMENSIONS));
  if (chance(0.06)) hostileParts.clear(); // some valid requests keep the sandbox moving
  let protectedTouched = false;

  // Valid credentials for the endpoint, and the ids and query that go with them.
  const caller: Caller = endpoint.browser ? pick(['api_key', 'public', 'session'] as const) : 'api_key';
  let auth: Auth =
    caller === 'api_key'
      ? { header: chance(0.8) ? `Bearer ${server.apiKey}` : `bearer   ${server.apiKey}  `, caller }
      : caller === 'session'
        ? { header: `Bearer ${sandbox.session}`, caller }
        : { caller };
  const ids: Ids = {
    grant: chance(0.9) ? sandbox.grant : sandbox.grant.toUpperCase(),
    configuration: pick([sandbox.publicConfigurationId, sandbox.privateConfigurationId]),
    booking: pick(
      caller === 'session'
        ? sandbox.privateBookingIds
        : caller === 'public'
          ? sandbox.publicBookingIds
          : [...sandbox.publicBookingIds, ...sandbox.privateBookingIds],
    ),
    event: sandbox.eventId,
    session: pick(sandbox.disposableSessions),
  };
  const query = endpoint.query(caller, ids);
  if (
    caller === 'api_key' &&
    endpoint.browser &&
    !endpoint.path(ids).endsWith('bookings/' + ids.booking) &&
    query.configuration_id === undefined
  ) {
    query.configuration_id = sandbox.publicConfigurationId;
  }
  if (caller === 'public' && 'configuration_id' in query) query.configuration_id = sandbox.publicConfigurationId;

  const method = hostileParts.has('method')
    ? pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND', 'FOO'])
    : endpoint.method;
  if (method === 'DELETE') {
    // Deletes take disposable configurations and events, so the sandbox stays usable.
    ids.configuration = pick(sandbox.disposableConfigurationIds);
    ids.event = pick(sandbox.disposableEventIds);
  }
  if (hostileParts.has('ids')) {
    const which = pick(['grant', 'configuration', 'booking', 'event', 'session'] as const);
    const protectedIds =
      which === 'grant'
        ? [keeper.grant]
        : which === 'configuration'
          ? [keeper.configurationId]
          : which === 'booking'
            ? [keeper.bookingId]
            : which === 'event'
              ? [keeper.eventId, keeper.busyEventId]
              : [fakeUuid()];
    const replaced = hostileSegment(ids[which], protectedIds);
    ids[which] = replaced.segment;
    protectedTouched ||= replaced.protectedTouched;
  }
  let path = endpoint.path(ids);
  if (hostileParts.has('ids') && chance(0.15)) {
    path = pick([
      `${path}/`,
      `/${path}`,
      path.replace(/[a-z]/g, (ch) => ch.toUpperCase()),
      `${path}/extra`,
      '/v3',
      '/',
      '/v3/scheduling',
      `${path}/../..`,
    ]);
  }
  let params: Array<[string, string]> = Object.entries(query);
  if (hostileParts.has('query')) {
    const hostileQ = hostileQuery(query);
    params = hostileQ.query;
    protectedTouched ||= hostileQ.protectedTouched;
  }
  path += queryString(params);

  if (hostileParts.has('auth')) auth = pick(hostileAuths());
  const template = endpoint.body?.() ?? {};
  let content: Body = endpoint.body ? textBody(JSON.stringify(template), 'valid') : { json: false, kind: 'none' };
  if (hostileParts.has('body')) content = hostileBody(template);

  // Valid credentials never change the keeper's data: for it, only bodies that cannot pass, or
  // hostile credentials where the endpoint reads no body.
  const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  if (protectedTouched && mutating && auth.caller) {
    if (method === endpoint.method && endpoint.body) {
      content = pick<Body>([
        textBody('{"cancellation_reason":', 'broken'),
        textBody('{"salt":"x","status":"confirmed"', 'broken'),
        textBody(deepArrays(10_000), 'deep'),
        { bytes: Buffer.from('{}'), json: false, kind: 'wrong type' },
        { bytes: Buffer.alloc(BODY_LIMIT + 10, 0x20), json: true, kind: 'over limit' },
      ]);
    } else {
      auth = pick(hostileAuths());
    }
  }

  const headers: Record<string, string> = {};
  if (auth.header !== undefined) headers.Authorization = auth.header;
  if (content.bytes) {
    if (!content.json) headers['Content-Type'] = pick(CONTENT_TYPES.slice(0, 3));
    else if (hostileParts.has('content type')) {
      const type = pick([...CONTENT_TYPES, undefined]);
      if (type !== undefined) headers['Content-Type'] = type;
    } else headers['Content-Type'] = 'application/json';
  }
  if (chance(0.05)) headers.Origin = pick(['https://evil.example', 'null', '\u00ff']);
  const label = `${method} (${endpoint.method} ${endpoint.path({ grant: 'g', configuration: 'c', booking: 'b', event: 'e', session: 's' }).replace(/\?.*/, '')}) [${[...hostileParts].join(', ') || 'valid'}] body: ${content.kind}`;
  const learn =
    method !== 'POST' || method !== endpoint.method
      ? undefined
      : endpoint.path(ids).startsWith('/v3/scheduling/bookings')
        ? (data: any) =>
            (caller === 'session' || params.some(([, value]) => value === sandbox.privateConfigurationId)
              ? sandbox.privateBookingIds
              : sandbox.publicBookingIds
            ).push(data.booking_id)
        : endpoint.path(ids).endsWith('/scheduling/configurations')
          ? (data: any) => sandbox.disposableConfigurationIds.push(data.id)
          : endpoint.path(ids).endsWith('/events')
            ? (data: any) => sandbox.disposableEventIds.push(data.id)
            : (data: any) => sandbox.disposableSessions.push(data.session_id);
  return { method, path, headers, ...(content.bytes && { bytes: content.bytes }), label, ...(learn && { learn }) };
}

/** What phase one puts in place of each node of a valid body, as raw JSON text (undefined: the node removed). */
const NODE_REPLACEMENTS: ReadonlyArray<string | undefined> = [
  undefined,
  deepArrays(10_000),
  deepObjects(10_000),
  JSON.stringify('x'.repeat(60_000)),
  JSON.stringify('\u0000\ud800\u202e\u001b' + "'; DROP TABLE bookings; --"),
  '1e308',
  '-1',
  'null',
  '{}',
  '[[]]',
];

/**
 * Phase one: every node of every endpoint's valid body, replaced in turn by each of
 * NODE_REPLACEMENTS, in an otherwise valid request to the sandbox.
 */
function systematic(): Planned[] {
  const planned: Planned[] = [];
  for (const endpoint of ENDPOINTS) {
    if (!endpoint.body) continue;
    const template = endpoint.body();
    const count = nodesOf(structuredClone(template)).length;
    for (let index = 0; index < count; index++) {
      for (const replacement of NODE_REPLACEMENTS) {
        const ids: Ids = {
          grant: sandbox.grant,
          configuration: sandbox.publicConfigurationId,
          booking: pick(sandbox.publicBookingIds),
          event: sandbox.eventId,
          session: pick(sandbox.disposableSessions),
        };
        const query = endpoint.query('public', ids);
        if ('configuration_id' in query || endpoint.browser) query.configuration_id = sandbox.publicConfigurationId;
        const bytes = Buffer.from(splice(endpoint.body(), replacement, index), 'utf8');
        planned.push({
          method: endpoint.method,
          path: endpoint.path(ids) + queryString(Object.entries(query)),
          headers: {
            'Content-Type': 'application/json',
            ...(!endpoint.browser && { Authorization: `Bearer ${server.apiKey}` }),
          },
          bytes,
          label: `${endpoint.method} ${endpoint.path(ids)} node ${index} → ${replacement === undefined ? 'removed' : replacement.slice(0, 12)}`,
        });
      }
    }
  }
  return planned;
}

// ---------------------------------------------------------------- sending and checking

interface Received {
  status: number;
  contentType: string;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
after(() => agent.destroy());

function send(planned: Planned): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: server.port,
        method: planned.method,
        path: planned.path,
        headers: { ...planned.headers, ...(planned.bytes && { 'Content-Length': String(planned.bytes.length) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(planned.bytes);
  });
}

/** What is wrong with an answer, or undefined. */
function problem(method: string, answer: Received): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (method === 'HEAD' || answer.status === 204) return undefined; // no body by definition (HEAD, CORS preflight)
  if (!/^application\/json/.test(answer.contentType)) return `content-type "${answer.contentType}"`;
  let envelope: any;
  try {
    envelope = JSON.parse(answer.text);
  } catch {
    return `body is not JSON: ${answer.text.slice(0, 80)}`;
  }
  if (typeof envelope?.request_id !== 'string' || !UUID_V4.test(envelope.request_id)) return 'no request_id';
  if (answer.status >= 400) {
    if (typeof envelope.error?.type !== 'string' || envelope.error.type === '') return 'no error.type';
    if (typeof envelope.error?.message !== 'string' || envelope.error.message === '') return 'no error.message';
  } else if (answer.status !== 200) {
    return `unexpected status ${answer.status}`;
  }
  return undefined;
}

/** Raw HTTP the Node client would refuse to send: broken heads, bad Host headers, NUL bytes. */
const RAW_REQUESTS: readonly string[] = [
  'GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: a b\r\n\r\n',
  'GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: localhost:99999\r\n\r\n',
  'GET /v3/scheduling/ui-settings HTTP/1.1\r\n\r\n',
  'GET /v3/scheduling/ui-settings HTTP/1.0\r\n\r\n',
  'GET http://evil.example/v3/scheduling/ui-settings HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET http://[::1/v3 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET * HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /v3\\..\\scheduling HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000\r\n\r\n',
  'GET /v3/scheduling/ui-settings?configuration_id=\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /v3/scheduling/ui-settings HTTP/9.9\r\nHost: x\r\n\r\n',
  'GET /v3/scheduling/ui-settings\r\n\r\n',
  'POST /v3/scheduling/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n',
  'POST /v3/scheduling/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n',
  'POST /v3/scheduling/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'POST /v3/scheduling/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
  'DELETE /v3/scheduling/bookings/x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{"a',
  'GET /v3/scheduling/ui-settings HTTP/1.1\nHost: x\n\n',
  ' GET /v3/scheduling/ui-settings HTTP/1.1\r\nHost: x\r\n\r\n',
  'NOT HTTP AT ALL\r\n\r\n',
];

function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.end(Buffer.from(text, 'latin1')));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

test(`fuzz: every body node, then random hostile requests over every endpoint, then raw HTTP (seed ${SEED.toString(16)})`, async () => {
  const byStatus = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  const phaseOne = systematic();
  const total = Math.max(REQUESTS, phaseOne.length);
  for (let i = 0; i < total; i++) {
    const planned = i < phaseOne.length ? phaseOne[i]! : plan();
    sent++;
    let answer: Received;
    try {
      answer = await send(planned);
    } catch (error) {
      failures.push(
        `#${i} ${planned.label} ${planned.method} ${planned.path.slice(0, 120)}: connection error ${(error as Error).message}`,
      );
      continue;
    }
    byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    const wrong = problem(planned.method, answer);
    if (answer.status === 200 && planned.learn) planned.learn(JSON.parse(answer.text).data);
    if (wrong)
      failures.push(
        `#${i} ${planned.label} ${planned.method} ${planned.path.slice(0, 120)} → ${wrong} ${answer.text.slice(0, 200)}`,
      );
  }

  for (const text of RAW_REQUESTS) {
    sent++;
    const answer = await raw(text);
    const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
    if (!match) {
      failures.push(`raw ${JSON.stringify(text.slice(0, 60))}: no status line: ${JSON.stringify(answer.slice(0, 80))}`);
      continue;
    }
    const status = Number(match[1]);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    const head = answer.slice(0, answer.indexOf('\r\n\r\n'));
    const bodyText = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    const chunked = /transfer-encoding: chunked/i.test(head);
    const wrong = problem('GET', {
      status,
      contentType: /content-type: ([^\r\n]*)/i.exec(head)?.[1] ?? '',
      text: chunked ? bodyText.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '') : bodyText,
    });
    if (wrong) failures.push(`raw ${JSON.stringify(text.slice(0, 60))} → ${wrong}`);
  }

  const classes = [2, 3, 4, 5].map(
    (c) => `${c}xx ${[...byStatus].filter(([s]) => Math.floor(s / 100) === c).reduce((n, [, k]) => n + k, 0)}`,
  );
  const codes = [...byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
  console.log(
    `fuzz: ${sent} requests (${phaseOne.length} systematic, ${total - phaseOne.length} random, ${RAW_REQUESTS.length} raw; seed ${SEED.toString(16)}) — ${classes.join(', ')} — ${codes.join(' ')}`,
  );
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} bad answers`);

  // Still up, and the data from before is exactly as it was.
  assertOk(await server.call(`/v3/grants/${keeper.grant}/calendars`));
  assert.deepEqual(await takeSnapshot(), snapshot);
});

// ---------------------------------------------------------------- hostile configurations

/** A 254-character address (the longest the API takes), distinct per `n`. */
const longAddress = (n: number) =>
  `${`h${n}`.padEnd(64, 'x')}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(254 - 64 - 1 - 63 - 1 - 63 - 1 - 4)}.com`;

const HOSTILE_RULES: readonly string[] = [
  'RRULE:FREQ=MINUTELY',
  'RRULE:FREQ=MINUTELY;INTERVAL=1;BYHOUR=9',
  'RRULE:FREQ=SECONDLY',
  'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31',
  'RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30',
  'RRULE:FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31',
  'RRULE:FREQ=WEEKLY;BYMONTHDAY=31',
  'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
  'RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=6',
  'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29',
  'RRULE:FREQ=DAILY;UNTIL=25000101T000000Z',
  'RRULE:FREQ=DAILY;COUNT=100000',
];

const RESERVED_KEYS = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype'] as const;

test(
  'fuzz: hostile configurations (long addresses, many hosts, minutely and impossible rules, far-future ids, reserved keys)',
  { timeout: 240_000 },
  async () => {
    const rnd = mulberry32(0xc0ffee24);
    const pickOf = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const target = await startTestServer();
    const failures: string[] = [];
    /** Every answer: 200 or a 4xx envelope, within the byte and slot budgets. */
    const tally = new Map<string, number>();
    const check = (label: string, answer: { status: number; body: any }, text = JSON.stringify(answer.body)) => {
      const kind = `${label.replace(/ #\d+/, '').replace(/ \d+$/, '')} ${answer.status}`;
      tally.set(kind, (tally.get(kind) ?? 0) + 1);
      if (answer.status >= 500 || (answer.status !== 200 && !(answer.body?.error?.type && answer.body.request_id))) {
        failures.push(`${label}: ${answer.status} ${text.slice(0, 200)}`);
      }
      if (Buffer.byteLength(text) > MAX_ANSWER_BYTES) failures.push(`${label}: ${Buffer.byteLength(text)} bytes`);
      if ((answer.body?.data?.time_slots?.length ?? 0) > MAX_SLOTS)
        failures.push(`${label}: ${answer.body.data.time_slots.length} slots`);
    };
    const steps = (label: string, before: number, allowed: number) => {
      if (recurrenceWork.steps - before > allowed)
        failures.push(`${label}: ${recurrenceWork.steps - before} recurrence steps`);
    };
    const grant = 'fuzz-owner@example.com';
    const base = `/v3/grants/${grant}/scheduling/configurations`;
    const window = { start_time: T0_SECONDS, end_time: T0_SECONDS + 400 * 86400 };
    const openAllWeek = { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] };
    try {
      for (let round = 0; round < 12; round++) {
        // A standard configuration: many hosts, long addresses, a 1-minute grid, reserved field keys.
        const hosts = Array.from({ length: 1 + Math.floor(rnd() * 50) }, (_, n) =>
          rnd() < 0.7 ? longAddress(round * 100 + n) : `h${round}-${n}@example.com`,
        );
        const fields: Record<string, unknown> = Object.create(null); // so that "__proto__" is an own key, as in a client's JSON
        for (const key of RESERVED_KEYS)
          if (rnd() < (key === '__proto__' ? 0.15 : 0.5))
            fields[key] = {
              label: key,
              type: 'text',
              required: rnd() < 0.5,
              pattern: pickOf(['(a+)+$', '[a-z]+', '.*']),
            };
        const body = JSON.stringify({
          participants: hosts.map((email, n) => ({ email, is_organizer: n === 0, availability: openAllWeek })),
          availability: {
            duration_minutes: pickOf([1, 5, 30]),
            interval_minutes: 1,
            round_to: 5,
            availability_rules: { availability_method: pickOf(['collective', 'max-fairness', 'max-availability']) },
          },
          event_booking: { title: 'x'.repeat(1 + Math.floor(rnd() * 500)) },
          scheduler: {
            min_booking_notice: 0,
            available_days_in_future: pickOf([1, 60, 366]),
            additional_fields: fields,
          },
        });
        const written = await target.call(base, { method: 'POST', body });
        check(`standard #${round}`, written);
        if (written.status === 200) {
          const id = written.body.data.id as string;
          const query = { configuration_id: id, ...window };
          check(
            `standard #${round} ui-settings`,
            await target.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: id } }),
          );
          const slotsAnswer = await target.call('/v3/scheduling/availability', { token: null, query });
          check(`standard #${round} availability`, slotsAnswer);
          const first = slotsAnswer.body?.data?.time_slots?.[0];
          if (first) {
            const values = Object.fromEntries(
              Object.keys(fields).map((key) => [key, pickOf(['a'.repeat(30) + '!', 'abc', ''])]),
            );
            const booking = await target.call('/v3/scheduling/bookings', {
              method: 'POST',
              token: null,
              query: { configuration_id: id },
              body: {
                start_time: first.start_time,
                end_time: first.end_time,
                guest: { name: 'G', email: longAddress(9999) },
                additional_fields: values,
              },
            });
            check(`standard #${round} booking`, booking);
          }
        }

        // A group configuration: series with hostile rules and hosts, then far-future occurrence ids.
        const group = await target.call(base, {
          method: 'POST',
          body: {
            name: 'Group',
            type: 'group',
            group_booking: { calendar_id: 'primary' },
            scheduler: { min_booking_notice: 0, available_days_in_future: pickOf([1, 30, 366]) },
          },
        });
        check(`group #${round}`, group);
        if (group.status !== 200) continue;
        const groupId = group.body.data.id as string;
        const seriesIds: string[] = [];
        for (let n = 0; n < 3; n++) {
          const start = T0_SECONDS + 3600 + Math.floor(rnd() * 86400);
          const before = recurrenceWork.steps;
          const event = await target.call(`${base}/${groupId}/group-events`, {
            method: 'POST',
            body: {
              title: 'Class',
              calendar_id: 'primary',
              when: { start_time: start, end_time: start + 60 * (1 + Math.floor(rnd() * 60)) },
              recurrence: [pickOf(HOSTILE_RULES)],
              participants: Array.from({ length: Math.floor(rnd() * 51) }, (_, k) => ({
                email: longAddress(round * 1000 + n * 60 + k),
              })),
            },
          });
          check(`group #${round} event ${n}`, event);
          steps(`group #${round} event ${n} (write)`, before, MAX_EXPANSION_STEPS + 10);
          if (event.status === 200) seriesIds.push(event.body.data.event.id);
        }
        let before = recurrenceWork.steps;
        const groupSlots = await target.call('/v3/scheduling/availability', {
          token: null,
          query: { configuration_id: groupId, ...window },
        });
        check(`group #${round} availability`, groupSlots);
        steps(`group #${round} availability`, before, seriesIds.length * MAX_EXPANSION_STEPS + 10);
        for (const series of seriesIds) {
          const far = Date.UTC(2400 + Math.floor(rnd() * 200), 0, 1, 10) / 1000;
          const stamp = new Date(far * 1000)
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d{3}/, '');
          const slot = { event_id: `${series}_${stamp}`, master_id: series, start_time: far, end_time: far + 3600 };
          before = recurrenceWork.steps;
          check(
            `group #${round} far booking`,
            await target.call('/v3/scheduling/bookings', {
              method: 'POST',
              token: null,
              query: { configuration_id: groupId },
              body: { ...slot, guest },
            }),
          );
          check(
            `group #${round} far validate`,
            await target.call(`/v3/scheduling/configurations/${groupId}/group-events/validate-timeslot`, {
              method: 'POST',
              token: null,
              body: slot,
            }),
          );
          steps(`group #${round} far-future ids`, before, 10);
        }
      }
    } finally {
      await target.stop();
    }
    console.log(
      `hostile configurations: ${[...tally]
        .sort()
        .map(([kind, n]) => `${kind}: ${n}`)
        .join(', ')}`,
    );
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} bad answers`);
  },
);
