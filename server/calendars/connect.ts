/**
 * Connecting a calendar account to a grant (`POST /v3/connect/custom`): the account is checked
 * (its calendars listed) before anything is stored, the grant of its email is created or found
 * (the same email again re-authenticates the same grant), and a first sync runs before the answer.
 */
import type { ConnectCustomInput } from '../../src/contract/admin.js';
import { invalidRequest } from '../domain-errors.js';
import type { ConnectionRecord, GrantRecord } from '../store/index.js';
import { caldavCalendars, ProviderError, pullFeed } from './remote.js';
import { accountOf, type CalendarContext } from './sync.js';

/** The scope a grant has when the request names none: reading calendars and writing events. */
const DEFAULT_SCOPE = ['calendar.read', 'calendar.events'];

/** The grant's address: the one given, else a username that is one. */
function emailOf(input: ConnectCustomInput): string {
  const { settings } = input;
  if (settings.email) return settings.email.toLowerCase();
  if ('username' in settings && /^[^@\s]+@[^@\s]+$/.test(settings.username)) return settings.username.toLowerCase();
  throw invalidRequest('settings.email: Required when settings.username is not an email address');
}

const refusal = (error: ProviderError, what: string) => invalidRequest(`${what}: ${error.message}`);

/** Reads the account once (bounded by `signal`) so a wrong URL, password or feed is refused now. */
async function checkAccount(input: ConnectCustomInput, signal: AbortSignal): Promise<void> {
  const account = accountOf({ provider: input.provider, settings: { ...input.settings } });
  if (account.caldav) {
    try {
      await caldavCalendars(account.caldav, signal);
    } catch (error) {
      throw refusal(error as ProviderError, input.provider === 'icloud' ? 'settings' : 'settings.url');
    }
  }
  await Promise.all(
    account.feeds.map(async (url, index) => {
      try {
        await pullFeed(url, null, signal);
      } catch (error) {
        throw refusal(error as ProviderError, `settings.feeds[${index}]`);
      }
    }),
  );
}

export async function connectAccount(
  context: CalendarContext & { sync: (grantId: string) => Promise<unknown>; timeoutMs: number },
  input: ConnectCustomInput,
): Promise<{ grant: GrantRecord; connection: ConnectionRecord }> {
  const email = emailOf(input);
  await checkAccount(input, AbortSignal.timeout(context.timeoutMs));
  const { store } = context;
  const nowMs = context.now();
  const saved = store.write(() => {
    const grant = store.grants.ensure(email, nowMs);
    const previous = store.calendarSync.connection(grant.id);
    const connection: ConnectionRecord = {
      grantId: grant.id,
      provider: input.provider,
      settings: { ...input.settings, email },
      scope: input.scope ?? DEFAULT_SCOPE,
      state: input.state ?? null,
      createdAtMs: previous?.createdAtMs ?? nowMs,
      updatedAtMs: nowMs,
    };
    store.calendarSync.saveConnection(connection);
    return { grant, connection };
  });
  await context.sync(saved.grant.id);
  return saved;
}
