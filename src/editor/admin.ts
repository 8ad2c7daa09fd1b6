import { ApiError, isErrorEnvelope, parseRetryAfter } from '../api/errors.js';
import { DEFAULT_TIMEOUT_MS, folderUrl, SchedulerClient, type Query, type ShapeCheck } from '../api/client.js';
import type {
  Calendar,
  CalendarEvent,
  Configuration,
  ConfigurationInput,
  GroupConfiguration,
  GroupConfigurationInput,
  GroupEventInput,
  GroupEventRecord,
  LocalBooking,
} from '../contract/admin.js';
import type { ListEnvelope } from '../contract/guest.js';

/** What the host's `request` hook receives: the call as the API would get it, without the API's origin. */
export interface EditorRequest {
  method: string;
  /** From `/v3/…`, with its query string. */
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

/**
 * How the editor reaches the API, as Nylas's editor does: with a grant access token the host page
 * obtained (`/v3/grants/me/…`, developer.nylas.com/docs/v3/auth/nylas-hosted-auth/), through the
 * host's own backend (`request`, like the editor's custom-auth mode), or on a named grant
 * (`grant-id`, for a token the API accepts on `/v3/grants/{grant_id}/…`).
 */
export interface AdminAccess {
  apiUrl: string;
  accessToken: string;
  grantId: string;
  request: ((call: EditorRequest) => Promise<Response>) | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isConfiguration: ShapeCheck<Configuration> = (data): data is Configuration =>
  isObject(data) && typeof data.id === 'string';
const isAnyConfiguration: ShapeCheck<Configuration | GroupConfiguration> = (
  data,
): data is Configuration | GroupConfiguration => isObject(data) && typeof data.id === 'string';

/** A group configuration (sessions with seats) rather than a standard one. */
export const isGroup = (config: Configuration | GroupConfiguration): config is GroupConfiguration =>
  'type' in config && config.type === 'group';
const isListOf =
  <T>(item: ShapeCheck<T>): ShapeCheck<T[]> =>
  (data): data is T[] =>
    Array.isArray(data) && data.every(item);
const isCalendar: ShapeCheck<Calendar> = (data): data is Calendar => isObject(data) && typeof data.id === 'string';
const isEvent: ShapeCheck<CalendarEvent> = (data): data is CalendarEvent => isObject(data) && isObject(data.when);
const isLocalBooking: ShapeCheck<LocalBooking> = (data): data is LocalBooking =>
  isObject(data) && typeof data.booking_id === 'string';
const isNothing = (_data: unknown): _data is unknown => true;
const isGroupEvent: ShapeCheck<GroupEventRecord> = (data): data is GroupEventRecord =>
  isObject(data) && typeof data.id === 'string' && isObject(data.when);

/** The organizer's booking as the API key sees it: its ref with the salt that confirms or declines. */
export type OrganizerBooking = LocalBooking & { organizer_booking_ref?: string };

/**
 * The editor's client: the organizer's calls under `/v3/grants/…`, and the booking calls of the
 * widget (`api/bookings.ts`) under `/v3/scheduling/`, all sent with the organizer's credentials.
 */
export class AdminClient extends SchedulerClient {
  constructor(readonly access: AdminAccess) {
    super({ apiUrl: access.apiUrl, auth: { configurationId: '' } });
  }

  /** `/v3/grants/me` with an access token alone, else the named grant. */
  get #grant(): string {
    return `/v3/grants/${this.access.grantId ? encodeURIComponent(this.access.grantId) : 'me'}`;
  }

  configurations(signal?: AbortSignal): Promise<Array<Configuration | GroupConfiguration>> {
    return this.call(
      'GET',
      `${this.#grant}/scheduling/configurations`,
      { query: { limit: 200 }, signal },
      isListOf(isAnyConfiguration),
    );
  }

  configuration(id: string, signal?: AbortSignal): Promise<Configuration> {
    return this.call(
      'GET',
      `${this.#grant}/scheduling/configurations/${encodeURIComponent(id)}`,
      { signal },
      isConfiguration,
    );
  }

  createConfiguration(body: ConfigurationInput): Promise<Configuration> {
    return this.call('POST', `${this.#grant}/scheduling/configurations`, { body }, isConfiguration);
  }

  updateConfiguration(id: string, body: ConfigurationInput): Promise<Configuration> {
    return this.call(
      'PUT',
      `${this.#grant}/scheduling/configurations/${encodeURIComponent(id)}`,
      { body },
      isConfiguration,
    );
  }

  async deleteConfiguration(id: string, keepalive = false): Promise<void> {
    await this.call(
      'DELETE',
      `${this.#grant}/scheduling/configurations/${encodeURIComponent(id)}`,
      { keepalive },
      isNothing,
    );
  }

  /** A group configuration, created (no id) or updated. */
  saveGroup(id: string | null, body: GroupConfigurationInput): Promise<GroupConfiguration> {
    const path = `${this.#grant}/scheduling/configurations${id ? `/${encodeURIComponent(id)}` : ''}`;
    return this.call(id ? 'PUT' : 'POST', path, { body }, isAnyConfiguration) as Promise<GroupConfiguration>;
  }

  groupEvents(
    configurationId: string,
    calendarId: string,
    window: { start: number; end: number },
  ): Promise<GroupEventRecord[]> {
    const query = { calendar_id: calendarId, start_time: window.start, end_time: window.end };
    return this.call('GET', this.#groupEvents(configurationId), { query }, isListOf(isGroupEvent));
  }

  async createGroupEvent(configurationId: string, body: GroupEventInput): Promise<void> {
    await this.call('POST', this.#groupEvents(configurationId), { body }, isNothing);
  }

  /** An occurrence's id removes that date only; a series' id, all of it. */
  async deleteGroupEvent(configurationId: string, eventId: string): Promise<void> {
    await this.call('DELETE', `${this.#groupEvents(configurationId)}/${encodeURIComponent(eventId)}`, {}, isNothing);
  }

  #groupEvents(configurationId: string): string {
    return `${this.#grant}/scheduling/configurations/${encodeURIComponent(configurationId)}/group-events`;
  }

  calendars(signal?: AbortSignal): Promise<Calendar[]> {
    return this.call('GET', `${this.#grant}/calendars`, { signal }, isListOf(isCalendar));
  }

  events(calendarId: string, window: { start: number; end: number }, signal?: AbortSignal): Promise<CalendarEvent[]> {
    const query = { calendar_id: calendarId, start: window.start, end: window.end, limit: 200 };
    return this.call('GET', `${this.#grant}/events`, { query, signal }, isListOf(isEvent));
  }

  booking(bookingId: string, signal?: AbortSignal): Promise<OrganizerBooking> {
    return this.call('GET', `/v3/scheduling/bookings/${encodeURIComponent(bookingId)}`, { signal }, isLocalBooking);
  }

  /** The widget's booking calls (`confirmBooking`, `cancelBooking`) come through here
   * with the organizer's credentials. */
  override request<T>(
    method: string,
    path: string,
    { query = {}, body, signal }: { query?: Query; body?: unknown; signal?: AbortSignal },
    isShape: ShapeCheck<T>,
  ): Promise<T> {
    return this.call(method, `/v3/scheduling/${path}`, { query, body, signal }, isShape);
  }

  /** One call: its `data`, checked by `isShape`, or an `ApiError` with the envelope's type and message. */
  async call<T>(
    method: string,
    path: string,
    {
      query = {},
      body,
      signal,
      keepalive,
    }: { query?: Query; body?: unknown; signal?: AbortSignal; keepalive?: boolean },
    isShape: ShapeCheck<T>,
  ): Promise<T> {
    const { apiUrl, accessToken, request } = this.access;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    const target = params.size ? `${path}?${params}` : path;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const timeout = AbortSignal.timeout(DEFAULT_TIMEOUT_MS);
    let response: Response;
    try {
      response = request
        ? await request({ method, path: target, body, headers })
        : await fetch(new URL(target.slice(1), folderUrl(apiUrl)), {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
            credentials: 'omit',
            cache: 'no-store',
            keepalive,
          });
    } catch (error) {
      throw signal?.aborted
        ? new ApiError('aborted', 'superseded', 0)
        : new ApiError(timeout.aborted ? 'timeout' : 'network', `unreachable (${error})`, 0);
    }
    const { status } = response;
    const json: unknown = await response.json().catch(() => undefined);
    if (isErrorEnvelope(json))
      throw new ApiError(
        json.error.type as ApiError['type'],
        json.error.message,
        status,
        parseRetryAfter(response.headers.get('Retry-After')),
      );
    if (!response.ok || !isObject(json))
      throw new ApiError(status >= 500 ? 'internal_error' : 'bad_response', `HTTP ${status}`, status);
    const data = (json as Partial<ListEnvelope<unknown>>).data;
    if (!isShape(data)) throw new ApiError('bad_response', 'unexpected answer', status);
    return data;
  }
}
