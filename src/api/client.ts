import { ApiError, isErrorEnvelope, parseRetryAfter, type WidgetErrorType } from './errors.js';
import type { Availability, Booking, UiSettings, ValidateTimeslotInput } from '../contract/guest.js';

/** How the widget proves which configuration it may use. */
export type Auth = { sessionId: string } | { configurationId: string } | { slug: string; clientId: string };

export interface ClientOptions {
  apiUrl: string;
  auth: Auth;
  /** Milliseconds before a request that never answers is given up. */
  timeoutMs?: number;
}

export const DEFAULT_API_URL = 'https://api.us.nylas.com';
export const DEFAULT_TIMEOUT_MS = 15_000;

export type Query = Record<string, string | number | undefined>;
export type ShapeCheck<T> = (data: unknown) => data is T;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Nylas answers `time_slots: null` for no times, and a slot's `emails` may be null (its element
// reads both so: https://developer.nylas.com/docs/reference/ui/scheduling/); `emails` is not checked.
const isAvailability: ShapeCheck<Availability> = (data): data is Availability =>
  isObject(data) &&
  (data.time_slots === null ||
    (Array.isArray(data.time_slots) &&
      data.time_slots.every(
        (slot) => isObject(slot) && Number.isInteger(slot.start_time) && Number.isInteger(slot.end_time),
      )));

// Only the fields Nylas itself sends are required (see the contract's "What Nylas itself answers").
const isUiSettings: ShapeCheck<UiSettings> = (data): data is UiSettings =>
  isObject(data) && typeof data.configuration_id === 'string' && isObject(data.organizer) && isObject(data.scheduler);

export const isBooking: ShapeCheck<Booking> = (data): data is Booking =>
  isObject(data) && typeof data.booking_id === 'string';

export const isAnything = (_data: unknown): _data is unknown => true;

const superseded = () => new ApiError('aborted', 'superseded', 0);

/**
 * Answers of requests made without a signal (sent ahead of the flow, before it is set up), by URL
 * and session: each also answers the first same request later in that task.
 */
const sentAhead = new Map<string, Promise<unknown>>();

/**
 * The browser client of the Scheduler API contract: auth modes, envelopes, errors, abort. What a
 * guest needs before choosing a time is here; the booking writes, which only later steps make,
 * are functions of their own over `request` (`api/bookings.ts`).
 */
export class SchedulerClient {
  constructor(readonly options: ClientOptions) {}

  uiSettings(bookingId?: string, signal?: AbortSignal): Promise<UiSettings> {
    return this.request('GET', 'ui-settings', { query: { booking_id: bookingId }, signal }, isUiSettings);
  }

  availability(
    window: { start: number; end: number; bookingId?: string },
    signal?: AbortSignal,
  ): Promise<Availability> {
    const query = { start_time: window.start, end_time: window.end, booking_id: window.bookingId };
    return this.request('GET', 'availability', { query, signal }, isAvailability);
  }

  getBooking(bookingId: string, signal?: AbortSignal): Promise<Booking> {
    return this.request('GET', bookingPath(bookingId), { signal }, isBooking);
  }

  /** Group configurations: whether an occurrence a guest picked still has a seat at that time (answers nothing). */
  async validateTimeslot(configurationId: string, body: ValidateTimeslotInput, signal?: AbortSignal): Promise<void> {
    const path = `configurations/${encodeURIComponent(configurationId)}/group-events/validate-timeslot`;
    await this.request('POST', path, { body, signal }, isAnything);
  }

  /** `path` is relative to `/v3/scheduling/` at the API's base URL (which may be relative to the page and have a path). */
  #url(path: string, query: Query): string {
    const { apiUrl, auth } = this.options;
    const url = new URL(`v3/scheduling/${path}`, folderUrl(apiUrl));
    const { configurationId, slug, clientId } = auth as Partial<{
      configurationId: string;
      slug: string;
      clientId: string;
    }>;
    const params: Query = { ...query, configuration_id: configurationId, slug, client_id: clientId };
    for (const [key, value] of Object.entries(params)) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  /** Any call of the contract under `/v3/scheduling/`: its `data`, checked by `isShape`, or an `ApiError`. */
  request<T>(
    method: string,
    path: string,
    { query = {}, body, signal }: { query?: Query; body?: unknown; signal?: AbortSignal },
    isShape: ShapeCheck<T>,
  ): Promise<T> {
    const url = this.#url(path, query);
    const key = url + (this.options.auth as { sessionId?: string }).sessionId;
    const early = sentAhead.get(key) as Promise<T> | undefined;
    sentAhead.delete(key);
    if (early) {
      return early.finally(() => {
        if (signal?.aborted) throw superseded();
      });
    }
    const answer = this.#send(method, url, body, signal, isShape);
    if (!signal) {
      sentAhead.set(key, answer);
      answer.catch(() => {});
      setTimeout(() => sentAhead.delete(key));
    }
    return answer;
  }

  async #send<T>(
    method: string,
    url: string,
    body: unknown,
    signal: AbortSignal | undefined,
    isShape: ShapeCheck<T>,
  ): Promise<T> {
    const { auth, timeoutMs } = this.options;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if ('sessionId' in auth) headers.Authorization = `Bearer ${auth.sessionId}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    const timeout = AbortSignal.timeout(timeoutMs ?? DEFAULT_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw signal?.aborted
        ? superseded()
        : timeout.aborted
          ? new ApiError('timeout', 'no answer in time', 0)
          : new ApiError('network', `unreachable (${error})`, 0);
    }

    const { status } = response;
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (signal?.aborted) throw superseded();
      throw new ApiError('bad_response', `unreadable answer (HTTP ${status})`, status, retryAfter);
    }
    if (isErrorEnvelope(json)) {
      const { type, message } = json.error;
      // A type the contract does not list is kept as sent (the widget then goes by the status).
      throw new ApiError(type as WidgetErrorType, typeof message === 'string' ? message : type, status, retryAfter);
    }
    if (!response.ok) {
      throw new ApiError(statusType(status), `HTTP ${status}`, status, retryAfter);
    }
    const data = isObject(json) ? json.data : undefined;
    if (!isShape(data)) {
      throw new ApiError('bad_response', 'unexpected answer', status);
    }
    return data;
  }
}

/** A folder URL (trailing slash) for `path`, which may be relative to the page. */
export const folderUrl = (path: string) => new URL(path.replace(/\/*$/, '/'), globalThis.location?.href);

export const bookingPath = (bookingId: string) => `bookings/${encodeURIComponent(bookingId)}`;

function statusType(status: number): WidgetErrorType {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'internal_error' : 'invalid_request_error';
}
