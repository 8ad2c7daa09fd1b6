// Busy time is kept in memory between writes (server/store/events.ts): these are the ways a kept
// copy could go stale, each of which must show at once in what availability reads.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openStore, type EventRecord, type Store } from '../../server/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-busy-memo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3600;
const T = 2_000_000_000;

function person(store: Store, email: string): { grantId: string; event: (id: string, start: number, end: number) => EventRecord } {
  const grant = store.grants.ensure(email, 0);
  const calendarId = store.grants.primaryCalendar(grant.id).id;
  return {
    grantId: grant.id,
    event: (id, start, end) => ({
      id, grantId: grant.id, calendarId, title: 'Busy', description: null, location: null, start, end,
      busy: true, status: 'confirmed', participants: [], bookingId: null,
    }),
  };
}

describe('busy time kept between writes', () => {
  test('a write on this connection, a commit by another connection on the same file, a rollback, a narrower and a wider window', () => {
    const path = join(dir, 'api.sqlite');
    const store = openStore(path);
    const other = openStore(path);
    try {
      const { grantId, event } = person(store, 'ada@memo.test');
      const busy = (from = T, to = T + 10 * HOUR) => store.events.busyFor('ada@memo.test', grantId, from, to).map((b) => b.start);
      assert.deepEqual(busy(), []);

      store.events.insert(event('a', T + HOUR, T + 2 * HOUR), 0);
      assert.deepEqual(busy(), [T + HOUR], 'an insert on this connection shows');

      other.events.insert(event('b', T + 3 * HOUR, T + 4 * HOUR), 0);
      assert.deepEqual(busy(), [T + HOUR, T + 3 * HOUR], 'a commit by another connection shows');

      other.events.update({ ...event('b', T + 3 * HOUR, T + 4 * HOUR), status: 'cancelled' });
      assert.deepEqual(busy(), [T + HOUR], 'a cancellation by another connection shows');

      assert.throws(() =>
        store.write(() => {
          store.events.insert(event('c', T + 5 * HOUR, T + 6 * HOUR), 0);
          assert.deepEqual(busy(), [T + HOUR, T + 5 * HOUR], 'inside the transaction, its own insert shows');
          throw new Error('roll back');
        }),
      );
      assert.deepEqual(busy(), [T + HOUR], 'a rolled-back insert is not busy');

      assert.deepEqual(busy(T + 2 * HOUR, T + 10 * HOUR), [], 'a later window leaves out what ended before it');
      assert.deepEqual(busy(T - 10 * HOUR, T + 1.5 * HOUR), [T + HOUR], 'an earlier window still finds what overlaps it');
      other.events.insert(event('d', T - 5 * HOUR, T - 4 * HOUR), 0);
      assert.deepEqual(busy(T - 10 * HOUR, T), [T - 5 * HOUR], 'an earlier window reads what the kept copy did not cover');

      store.events.delete('a');
      assert.deepEqual(busy(), [], 'a delete shows');
    } finally {
      other.close();
      store.close();
    }
  });
});
