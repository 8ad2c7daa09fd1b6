// A strict Nylas-shaped Scheduler API for the widget's tests: a proxy in front of the real local API
// that answers every call the widget makes with exactly the fields Nylas documents (the contract's
// "What Nylas itself answers"), nothing more, and only the error types Nylas uses. Slots, bookings,
// sessions and their rules stay the local API's, so behaviour is real; only the shapes are Nylas's.
import { createServer, request as httpRequest } from 'node:http';

const PERSON = ['name', 'email'];
const UI_SETTINGS = [
  'configuration_id',
  'app_client_id',
  'name',
  'slug',
  'organizer',
  'booking_type',
  'appearance',
  'scheduler',
  'booking',
];
const UI_BOOKING = ['guest', 'additional_guests', 'additional_fields'];
const SLOT = ['start_time', 'end_time', 'emails', 'event_id', 'master_id', 'calendar_id', 'capacity'];
const BOOKING = ['booking_id', 'event_id', 'title', 'organizer', 'status', 'description', 'booking_ref'];
/** The error types Nylas answers with; the local API's own (more specific) types become the closest of these. */
const NYLAS_ERRORS = new Set([
  'invalid_request_error',
  'unauthorized',
  'invalid_session',
  'not_found_error',
  'timeslot_not_available',
  'rate_limit_error',
  'internal_error',
]);

/**
 * `value` with only `keys` (in that order); each key left out is recorded in `stripped` as
 * "<call> <path>", so a test can show which local extensions a run did without.
 */
function only(value, keys, where, stripped) {
  for (const key of Object.keys(value)) if (!keys.includes(key)) stripped.add(`${where}.${key}`);
  return Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]]));
}

/**
 * Answers Nylas documents as nullable or optional, each sent when a test asks for it (command
 * `strict-variant`): `nullMonths` (`time_slots: null` for a month without times), `nullEmails`
 * (slots with `emails: null`), `nullAppearance`, `noAdditionalFields` (`scheduler.additional_fields`
 * absent), `nullNotice` (`min_booking_notice: null`), `when` (ui-settings' `booking.event_data.when`),
 * `noRef` (booking answers without `booking_ref`, which Nylas does not document), `seatless`
 * (`{ before, capacity }`: group slots starting before `before` (Unix seconds) with that `capacity`,
 * `null` for none at all).
 */
export const VARIANTS = [
  'nullMonths',
  'nullEmails',
  'nullAppearance',
  'noAdditionalFields',
  'nullNotice',
  'when',
  'noRef',
  'seatless',
];

/** A group slot as `seatless` makes it: no seats left (`capacity` 0 or below, or none). */
function seatless(slot, { before, capacity }) {
  if (!('event_id' in slot) || slot.start_time >= before) return slot;
  const { capacity: _seats, ...rest } = slot;
  return capacity === null ? rest : { ...rest, capacity };
}

/** The `data` Nylas answers for this call, or `undefined` when Nylas answers `{request_id}` only. */
function nylasData(call, data, sentBody, stripped, variant = {}) {
  const person = (value, where) => only(value, PERSON, `${call} ${where}`, stripped);
  const booking = (value) => {
    const answer = { ...only(value, BOOKING, call, stripped), organizer: person(value.organizer, 'organizer') };
    if (variant.noRef) delete answer.booking_ref;
    return answer;
  };
  switch (call) {
    case 'GET ui-settings': {
      const settings = only(data, UI_SETTINGS, call, stripped);
      settings.organizer = person(data.organizer, 'organizer');
      if (data.booking) {
        settings.booking = only(data.booking, UI_BOOKING, `${call} booking`, stripped);
        const { start_time, end_time } = data.booking;
        if (variant.when && start_time)
          settings.booking.event_data = { when: { start_time, end_time, object: 'timespan' } };
      }
      if (variant.nullAppearance) settings.appearance = null;
      if (variant.noAdditionalFields || variant.nullNotice) settings.scheduler = { ...settings.scheduler };
      if (variant.noAdditionalFields) delete settings.scheduler.additional_fields;
      if (variant.nullNotice) settings.scheduler.min_booking_notice = null;
      return settings;
    }
    case 'GET availability':
      return {
        time_slots:
          variant.nullMonths && !data.time_slots.length
            ? null
            : data.time_slots.map((slot) => {
                const shaped = {
                  ...only(slot, SLOT, `${call} time_slots[]`, stripped),
                  ...(variant.nullEmails && { emails: null }),
                };
                return variant.seatless ? seatless(shaped, variant.seatless) : shaped;
              }),
        ...(data.order && { order: data.order }),
      };
    case 'POST bookings':
    case 'GET bookings/{id}':
      return booking(data);
    case 'PUT bookings/{id}':
      return sentBody?.status === 'confirmed' ? booking(data) : undefined;
    default: // PATCH and DELETE bookings/{id}
      return undefined;
  }
}

/** "GET ui-settings", "PATCH bookings/{id}", … for the calls the widget makes; null for any other. */
function callOf(method, url) {
  const path = new URL(url, 'http://x').pathname;
  if (path === '/v3/scheduling/ui-settings' || path === '/v3/scheduling/availability')
    return `${method} ${path.slice(15)}`;
  if (path === '/v3/scheduling/bookings' && method === 'POST') return 'POST bookings';
  if (/^\/v3\/scheduling\/bookings\/[^/]+$/.test(path) && ['GET', 'PATCH', 'DELETE', 'PUT'].includes(method))
    return `${method} bookings/{id}`;
  return null;
}

/** Starts the strict server in front of the local API at `targetUrl`. */
export async function startStrictServer(targetUrl) {
  const target = new URL(targetUrl);
  const stripped = new Set();
  let variant = {};

  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const sent = Buffer.concat(chunks);
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          const call = req.method === 'OPTIONS' ? null : callOf(req.method, req.url);
          if (!call) {
            res.writeHead(answer.statusCode, answer.headers);
            answer.pipe(res);
            return;
          }
          const body = [];
          answer.on('data', (chunk) => body.push(chunk));
          answer.on('end', () => {
            const json = JSON.parse(Buffer.concat(body).toString('utf8'));
            let status = answer.statusCode;
            let reshaped;
            if (json.error) {
              const known = NYLAS_ERRORS.has(json.error.type);
              if (!known) status = 400;
              reshaped = {
                request_id: json.request_id,
                error: { type: known ? json.error.type : 'invalid_request_error', message: json.error.message },
              };
            } else {
              const sentBody = sent.length ? JSON.parse(sent.toString('utf8')) : undefined;
              const data = nylasData(call, json.data, sentBody, stripped, variant);
              if (data === undefined && json.data !== undefined) stripped.add(`${call} data`);
              reshaped = { request_id: json.request_id, ...(data !== undefined && { data }) };
            }
            const text = JSON.stringify(reshaped);
            const headers = { ...answer.headers, 'content-length': Buffer.byteLength(text) };
            delete headers['transfer-encoding'];
            res.writeHead(status, headers);
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(sent);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Every field of the local API's answers left out so far ("GET ui-settings.event_booking", …), sorted. */
    stripped: () => [...stripped].sort(),
    /** Which of VARIANTS the answers take from now on (`{ nullMonths: true, … }`; `{}`: none). */
    setVariant: (next) => {
      variant = { ...next };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
