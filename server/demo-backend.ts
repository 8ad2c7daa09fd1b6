/**
 * `npm start`: the local Scheduler API mounted in the Vite dev server (one origin, seeded demo
 * data in `.data/demo.sqlite`), plus the demo pages' own "backend": it mints sessions for the
 * private configuration with the API key, so the browser only ever sees a session id, lists
 * the bookings awaiting the organizer, mints the organizer's grant access token for the editor
 * page, and shows the local mailbox (the mail the API keeps when no SMTP server is set:
 * SMTP_URL). It serves the organizer's calendar feed and, once listening, connects it to her
 * grant through `POST /v3/connect/custom`, as any ICS feed is. It goes through the API and the
 * store's methods only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { encodeBookingRef } from '../src/contract/booking-ref.js';
import { DEMO_FEED_PATH, demoCalendar } from './demo-calendar.js';
import { ORGANIZER_EMAIL, ORGANIZER_GRANT_ID, PRIVATE_CONFIGURATION_ID } from './seed.js';
import type { createNodeListener } from './start.js';

type Api = ReturnType<typeof createNodeListener>;

/** The API under `/v3/`, and the demo pages' backend under `/demo-backend/`; everything else goes on. */
export function demoBackendMiddleware(api: Api) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.url?.startsWith('/v3/')) return api.listener(req, res);
    if (req.url === '/demo-backend/session' && req.method === 'POST') return void mintSession(res);
    if (req.url === '/demo-backend/organizer-token' && req.method === 'POST') return void mintOrganizerToken(res);
    if (req.url === '/demo-backend/pending') return listPending(res);
    if (req.url === '/demo-backend/mailbox') return listMailbox(res);
    if (req.url === DEMO_FEED_PATH) return sendFeed(res);
    if (req.url === '/demo-backend/calendar') return describeFeed(res);
    const eml = /^\/demo-backend\/mailbox\/([0-9a-f-]{36})\.eml$/.exec(req.url ?? '');
    if (eml) return sendRaw(res, eml[1]!);
    next();
  };

  /**
   * A session for the private demo configuration, minted with the API key in-process: the key
   * never leaves the server (the Host header of the request names no address it is sent to), and
   * whatever goes wrong is answered, never thrown.
   */
  async function mintSession(res: ServerResponse) {
    try {
      const answer = await api.fetch(
        new Request('http://local-api/v3/scheduling/sessions', {
          method: 'POST',
          headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ configuration_id: PRIVATE_CONFIGURATION_ID, time_to_live: 30 }),
        }),
      );
      const body = (await answer.json()) as { data?: { session_id: string } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ session_id: body.data?.session_id ?? null }));
    } catch {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ session_id: null }));
    }
  }

  /**
   * The demo organizer's grant access token, as a host page's backend gets one for the editor:
   * `/v3/connect/token` with the API key as the client secret, answered as the API answered it.
   */
  async function mintOrganizerToken(res: ServerResponse) {
    try {
      const answer = await api.fetch(
        new Request('http://local-api/v3/connect/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: 'scheduler-demo',
            client_secret: api.apiKey,
            grant_id: ORGANIZER_GRANT_ID,
          }),
        }),
      );
      const body = await answer.text();
      res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error', error_description: 'The local API did not answer.' }));
    }
  }

  /** The organizer's list: there is no API for it (Nylas has none), so the demo backend asks the store. */
  function listPending(res: ServerResponse) {
    const pending = api.store.bookings.pending().map((booking) => ({
      title: booking.title,
      guest: booking.guest.name,
      start_time: booking.start,
      // The organizer's ref: the only one whose salt confirms or declines.
      booking_ref: encodeBookingRef({
        configurationId: booking.configurationId,
        bookingId: booking.id,
        salt: booking.organizerSalt,
      }),
    }));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(pending));
  }

  /** The mail kept for the demo, newest first: what the guest and the organizer would receive. */
  function listMailbox(res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ mode: api.notifier.mode, messages: api.store.outbox.mailbox(100) }));
  }

  /** Written anew on each read, so its events stay in the coming weeks; the sync sees a change by its digest. */
  function sendFeed(res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(demoCalendar(Date.now()).ics);
  }

  /** What the feed makes busy and what it does not, for the demo's first page to name. */
  function describeFeed(res: ServerResponse) {
    const { busy, notBusy } = demoCalendar(Date.now());
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ feed: DEMO_FEED_PATH, busy, not_busy: notBusy }));
  }

  function sendRaw(res: ServerResponse, id: string) {
    const mail = api.store.outbox.mail(id);
    if (!mail) {
      res.writeHead(404);
      return void res.end();
    }
    res.writeHead(200, { 'Content-Type': 'message/rfc822', 'Content-Disposition': `attachment; filename="${id}.eml"` });
    res.end(mail.raw);
  }
}

/**
 * Connects the organizer's feed, served at `origin` by the middleware above, to her grant: the same
 * request a host's backend makes for any ICS feed (the grant of her email is re-authenticated, so
 * a restart on another port only moves the feed's URL). Answers the API's status.
 */
export async function connectDemoCalendar(api: Api, origin: string): Promise<number> {
  const answer = await api.fetch(
    new Request('http://local-api/v3/connect/custom', {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        provider: 'ics',
        settings: { email: ORGANIZER_EMAIL, feeds: [new URL(DEMO_FEED_PATH, origin).href] },
      }),
    }),
  );
  if (answer.status !== 201) console.error(`  The demo calendar feed was not connected: ${await answer.text()}`);
  return answer.status;
}

export function localSchedulerApi(dbPath: string): Plugin {
  return {
    name: 'local-scheduler-api',
    apply: 'serve',
    async configureServer(server) {
      // Loaded only when serving: a build never opens the database.
      const { createNodeListener } = await import('./start.js');
      const api = createNodeListener({ dbPath, seed: 'demo' });

      server.httpServer?.once('close', () => void api.notifier.stop().then(() => api.store.close()));
      server.middlewares.use(demoBackendMiddleware(api));

      server.httpServer?.once('listening', () => {
        setTimeout(() => {
          const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
          // The seeded configurations' reschedule, cancel and confirm links are relative to the demo.
          api.notifier.setLinkBase(url);
          void connectDemoCalendar(api, url);
          console.log(`\n  Scheduler demo:    ${url}   (public booking page)`);
          console.log(`  Local API:         ${url}v3/…   API key: ${api.apiKey}`);
          console.log(
            `  Other demo pages:  private.html, round-robin.html, confirmation.html, group.html, organizer.html`,
          );
          console.log(`  Organizer's editor: ${url}editor.html   (signed in with an access token, no API key)`);
          console.log(
            `  Mail:              ${api.notifier.mode === 'smtp' ? 'sent over SMTP_URL' : `kept in the local mailbox: ${url}mailbox.html`}\n`,
          );
        }, 50);
      });
    },
  };
}
