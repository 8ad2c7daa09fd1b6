/**
 * npm run api -- --port <n> --db <file> [--host <h>] [--seed demo] [--cors-origin <o>[,<o>…]]
 *   [--rate-limit off | availability=<n>,bookings=<n>] [--trust-proxy]
 *   [--smtp-url smtp://user:pass@host:587] [--mail-from scheduler@example.com] [--link-base https://example.com]
 *
 * Prints `listening on <url>` once requests are accepted (after the generated key and seeded ids,
 * so a supervisor that waits for that line has everything).
 */
import { parseArgs } from 'node:util';
import { parseRateLimit, RATE_LIMIT_USAGE, type RateLimits } from './http/rate-limit.js';

const USAGE = [
  'usage: npm run api -- [--port 8787] [--db .data/api.sqlite] [--host 127.0.0.1] [--seed demo]',
  '         [--cors-origin <origin>[,<origin>...]] [--rate-limit off | availability=<n>,bookings=<n>] [--trust-proxy]',
  '  --port 0 picks a free port; the API key comes from SCHEDULER_API_KEY (generated on loopback hosts)',
  `  ${RATE_LIMIT_USAGE}`,
  '  --trust-proxy  behind a reverse proxy: the client address (for rate limits) is the last address',
  '      of X-Forwarded-For; without it that header is ignored (a client could pick any address)',
  '  --smtp-url     where booking mail goes (else SMTP_URL); without one it is kept in the local mailbox',
  '  --mail-from    the sender address of booking mail (else MAIL_FROM; default scheduler@localhost)',
  '  --link-base    what relative rescheduling/cancellation/confirmation URLs in mails are resolved against',
].join('\n');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function options() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        db: { type: 'string', default: '.data/api.sqlite' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        'cors-origin': { type: 'string' },
        'rate-limit': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'smtp-url': { type: 'string' },
        'mail-from': { type: 'string' },
        'link-base': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
}

const args = options();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535\n${USAGE}`);
if (args.seed !== undefined && args.seed !== 'demo') fail(`--seed takes only "demo"\n${USAGE}`);
let rateLimit: RateLimits | false | undefined;
try {
  rateLimit = args['rate-limit'] === undefined ? undefined : parseRateLimit(args['rate-limit']);
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}

// Loaded only once the flags are good: --help and bad flags answer without loading the server.
const { startServer } = await import('./start.js');
const running = await startServer({
  port,
  host: args.host,
  dbPath: args.db,
  ...(args.seed === 'demo' && { seed: 'demo' as const }),
  ...(args['cors-origin'] && {
    corsOrigins: args['cors-origin']
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  }),
  ...(rateLimit !== undefined && { rateLimit }),
  ...(args['trust-proxy'] && { trustProxy: true }),
  ...(args['smtp-url'] && { smtpUrl: args['smtp-url'] }),
  ...(args['mail-from'] && { mailFrom: args['mail-from'] }),
  ...(args['link-base'] && { linkBase: args['link-base'] }),
}).catch((error: Error) => fail(error.message));

if (running.keyGenerated) console.log(`API key (dev, generated): ${running.apiKey}`);
if (running.seeded) {
  const seed = running.seeded;
  console.log(`seed organizer-grant ${seed.organizerGrantId} ${seed.organizerEmail}`);
  console.log(`seed public-configuration ${seed.publicConfigurationId} ${seed.publicSlug}`);
  console.log(`seed private-configuration ${seed.privateConfigurationId}`);
  console.log(`seed round-robin-configuration ${seed.roundRobinConfigurationId}`);
  console.log(`seed group-configuration ${seed.groupConfigurationId}`);
  console.log(`seed confirmation-configuration ${seed.confirmationConfigurationId}`);
}
console.log(`listening on ${running.url}`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
