/** The body of `POST /v3/connect/custom`, checked against the contract's types at compile time. */
import { z } from 'zod';
import type { CalDavConnect, IcloudConnect, IcsConnect } from '../../src/contract/admin.js';
import { email, webUrl } from '../scheduling/schemas.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** A grant reads at most this many feeds (each is fetched every sync). */
const MAX_FEEDS = 20;

const feeds = z.array(webUrl).max(MAX_FEEDS);
const secret = z.string().min(1).max(1000);
const username = z.string().min(1).max(254);
const common = { state: z.string().max(1000).optional(), scope: z.array(z.string().max(200)).max(50).optional() };

const caldav = z.object({
  provider: z.literal('caldav'),
  settings: z.object({ url: webUrl, username, password: secret, email: email.optional(), feeds: feeds.optional() }),
  ...common,
});

const icloud = z.object({
  provider: z.literal('icloud'),
  settings: z.object({ username, password: secret, email: email.optional(), feeds: feeds.optional() }),
  ...common,
});

const ics = z.object({
  provider: z.literal('ics'),
  settings: z.object({ email, feeds: feeds.min(1) }),
  ...common,
});

export const connectCustomInput = z.discriminatedUnion('provider', [caldav, icloud, ics]);

const drift: [
  Equals<z.infer<typeof caldav>, CalDavConnect>,
  Equals<z.infer<typeof icloud>, IcloudConnect>,
  Equals<z.infer<typeof ics>, IcsConnect>,
] = [true, true, true];
void drift;
