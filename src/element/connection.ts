import type { ReactiveControllerHost } from 'lit';
import { DEFAULT_API_URL, SchedulerClient, type Auth } from '../api/client.js';
import { ApiError } from '../api/errors.js';
import type { BookingRef } from '../contract/booking-ref.js';
import { sendAhead, type BookingFlow } from '../flow/flow.js';
import type { StartOptions } from '../flow/state.js';
import type { Page } from './booking-page.js';
import { tellOwner } from '../tell-owner.js';

/** The element's properties that say what to talk to: a change means another configuration, session or booking. */
const CONNECTION = [
  'apiUrl',
  'schedulerApiUrl',
  'configurationId',
  'sessionId',
  'slug',
  'clientId',
  'rescheduleBookingRef',
  'cancelBookingRef',
  'confirmBookingRef',
  'organizerConfirmationBookingRef',
  'mode',
  'bookingRefParam',
  'requestTimeout',
] as const;

export type ConnectionHost = ReactiveControllerHost &
  HTMLElement & { [K in (typeof CONNECTION)[number]]: K extends 'requestTimeout' ? number : string } & {
    display: string;
    timezone: string;
    readonly hasUpdated: boolean;
  };

/** The page was told once that a widget without api-url asks Nylas US. */
let toldDefaultApi = false;

const BOOK: Page = { mode: 'book', ref: undefined };

/** A page opened from a booking link (to reschedule, cancel or confirm): its attributes say so. */
const isBookingPage = (host: ConnectionHost): boolean =>
  CONNECTION.some((name) => name.endsWith('BookingRef') && host[name]) || !!(host.mode && host.bookingRefParam);

/**
 * The page's own configuration or session first: a ref acts within it (a ref of another configuration
 * is refused by `bookingPage`; the API refuses one outside a session's or slug's).
 */
function authOf(host: ConnectionHost, ref: BookingRef | undefined): Auth | null {
  if (host.sessionId) return { sessionId: host.sessionId };
  if (host.configurationId || (ref && !host.slug)) {
    return { configurationId: host.configurationId || ref!.configurationId };
  }
  return host.slug && host.clientId ? { slug: host.slug, clientId: host.clientId } : null;
}

/**
 * A setup mistake that keeps the widget from asking anything (the message names the attribute; the
 * owner's console has the fix, src/owner.ts).
 */
function setupError(auth: Auth | null, apiUrl: string): ApiError | undefined {
  if (!auth) return new ApiError('not_configured', 'no configuration-id, session-id or slug', 0);
  if (!/^(https?:\/\/|\.{0,2}\/)/i.test(apiUrl)) {
    return new ApiError('invalid_api_url', `api-url "${apiUrl}" has no scheme`, 0);
  }
  return undefined;
}

/** The page with the client to ask; no client when something keeps it from asking. */
export function startOptions(host: ConnectionHost, { mode, ref, error: refError }: Page): StartOptions {
  const auth = authOf(host, ref);
  const apiUrl = host.schedulerApiUrl || host.apiUrl || DEFAULT_API_URL;
  const error = refError ?? setupError(auth, apiUrl);
  // Asking Nylas US for want of an api-url: said once for the page, as the owner may have meant another API.
  if (!error && apiUrl == DEFAULT_API_URL && !host.hasAttribute('api-url') && !toldDefaultApi) {
    toldDefaultApi = true;
    void tellOwner();
  }
  const client = error ? null : new SchedulerClient({ apiUrl, auth: auth!, timeoutMs: host.requestTimeout });
  return { client, mode, ref, error };
}

export interface Connection {
  /** Requests may start: shown inline, or a popup's trigger was hovered, focused or used. */
  readonly wanted: boolean;
  /** Starts the first requests if they have not started (a popup's trigger was hovered or focused). */
  warm(): void;
}

/**
 * The first requests, as a controller: an inline widget in the guest's own zone sends them as it
 * connects, before the flow is set up (`sendAhead`); the flow starts when the widget is first
 * shown inline or its popup is wanted, and again when what it talks to changes or it is re-attached.
 */
export function connectionController(host: ConnectionHost, flow: () => BookingFlow): Connection {
  let startedFor = '';
  let starts = 0;
  const target = () => CONNECTION.map((name) => host[name]).join('\n');
  const start = () => {
    startedFor = target();
    const started = ++starts;
    if (!isBookingPage(host)) return flow().start(startOptions(host, BOOK));
    // A booking page's part first, then started unless started again meanwhile; what the flow was
    // doing for the previous attributes (a request, a problem still to tell) ends now.
    flow().dispose();
    import('./booking-page.js').then(
      (part) => started === starts && flow().start(startOptions(host, part.bookingPage(host))),
      (error) => {
        const failed = new ApiError('network', `could not load the booking page part (${error})`, 0);
        if (started === starts) flow().start({ client: null, ...BOOK, error: failed, again: start });
      },
    );
  };
  const controller = {
    wanted: false,
    warm() {
      if (!controller.wanted) {
        controller.wanted = true;
        start();
      }
    },
    hostConnected() {
      if (!host.hasUpdated && host.display === 'inline' && !host.timezone && !isBookingPage(host)) {
        sendAhead(startOptions(host, BOOK));
      }
      // Re-attached after removal: start again with the same properties.
      if (host.hasUpdated && controller.wanted) start();
    },
    hostDisconnected() {
      // Removed while a booking page's part loads: nothing starts once it is there.
      starts++;
    },
    hostUpdate() {
      if ((target() !== startedFor || !controller.wanted) && (controller.wanted ||= host.display === 'inline')) start();
    },
  };
  host.addController(controller);
  return controller;
}
