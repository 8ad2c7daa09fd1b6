// Busy time is kept in memory between writes (server/store/events.ts): these are the ways a kept
// copy could go stale, each of which must show at once in what availability reads.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { mulberry32 } from '../../server/seeded-random.js';
import { openStore, type EventRecord, type Store } from '../../server/store/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-busy-memo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3600;
const T = 2_000_000_000;

function person(
  store: Store,
  email: string,
): { grantId: string; event: (id: string, start: number, end: number) => EventRecord } {
  const grant = store.grants.ensure(email, 0);
  const calendarId = store.grants.primaryCalendar(grant.id).id;
  return {
    grantId: grant.id,
    event: (id, start, end) => ({
      id,
      grantId: grant.id,
      calendarId,
      title: 'Busy',
      description: null,
      location: null,
      start,
      end,
      busy: true,
      status: 'confirmed',
      participants: [],
      bookingId: null,
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
      const busy = (from = T, to = T + 10 * HOUR) =>
        store.events.busyFor('ada@memo.test', grantId, from, to).map((b) => b.start);
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
      assert.deepEqual(
        busy(T - 10 * HOUR, T + 1.5 * HOUR),
        [T + HOUR],
        'an earlier window still finds what overlaps it',
      );
      other.events.insert(event('d', T - 5 * HOUR, T - 4 * HOUR), 0);
      assert.deepEqual(
        busy(T - 10 * HOUR, T),
        [T - 5 * HOUR],
        'an earlier window reads what the kept copy did not cover',
      );

      store.events.delete('a');
      assert.deepEqual(busy(), [], 'a delete shows');
    } finally {
      other.close();
      store.close();
    }
  });
});

describe('busy time patched with the events a write changed', () => {
  test('random writes by two connections, raw SQL, rollbacks: the memo answers what a direct read does', () => {
    const path = join(dir, 'patched.sqlite');
    const store = openStore(path);
    const other = openStore(path);
    const random = mulberry32(24);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    try {
      const emails = ['ada@memo.test', 'bob@memo.test', 'cy@memo.test'];
      const people = emails.map((email) => ({ email, ...person(store, email) }));
      let next = 0;
      const ids: string[] = [];
      const randomEvent = (id: string): EventRecord => {
        const start = T + Math.floor(random() * 200) * HOUR;
        const invited = emails.filter(() => random() < 0.3).concat(random() < 0.3 ? ['guest@elsewhere.test'] : []);
        return {
          ...pick(people).event(id, start, start + HOUR * (1 + Math.floor(random() * 3))),
          busy: random() < 0.8,
          status: random() < 0.85 ? 'confirmed' : 'cancelled',
          participants: invited.map((email) => ({ email, status: 'yes' })),
          bookingId: random() < 0.3 ? `booking-${id}` : null,
        } as EventRecord;
      };
      const writes: Array<[string, (on: Store) => void]> = [
        [
          'insert',
          (on) => {
            const id = `e${next++}`;
            on.events.insert(randomEvent(id), 0);
            ids.push(id);
          },
        ],
        [
          'move, cancel or re-invite',
          (on) => {
            const id = pick(ids);
            const grantId = on.events.get(id)?.grantId;
            if (grantId) on.events.update({ ...randomEvent(id), grantId, calendarId: on.events.get(id)!.calendarId });
          },
        ],
        ['delete', (on) => on.events.delete(pick(ids))],
        [
          'raw SQL: a calendar emptied',
          (on) => {
            on.db.prepare('DELETE FROM events WHERE grant_id = ?').run(pick(people).grantId);
          },
        ],
        [
          'raw SQL: an invitation dropped',
          (on) => {
            on.db.prepare('DELETE FROM event_participants WHERE email = ?').run(pick(emails));
          },
        ],
        [
          'a rolled-back insert',
          (on) => {
            assert.throws(() =>
              on.write(() => {
                on.events.insert(randomEvent(`rolled-back-${next++}`), 0);
                throw new Error('roll back');
              }),
            );
          },
        ],
        ['a write elsewhere', (on) => on.db.exec('UPDATE grants SET created_at_ms = created_at_ms')],
      ];
      const windows = [
        [T, T + 300 * HOUR],
        [T + 50 * HOUR, T + 120 * HOUR],
        [T - 10 * HOUR, T + 20 * HOUR],
      ] as const;
      // An event of their own grant that also invites them is read twice and patched in once.
      const seen = (on: Store, who: (typeof people)[number], [from, to]: readonly [number, number]) => {
        const busy = on.events.busyFor(who.email, who.grantId, from, to);
        return [...new Set(busy.map((b) => `${b.start}-${b.end}-${b.bookingId ?? ''}`))].sort();
      };
      for (let step = 0; step < 400; step++) {
        const [name, write] = step < 40 ? writes[0]! : pick(writes);
        const on = random() < 0.5 ? store : other;
        write(on);
        for (const who of people) {
          const window = pick(windows);
          const direct = store.write(() => seen(store, who, window));
          const where = on === store ? 'this' : 'another';
          const what = `step ${step} (${name} on ${where} connection), ${who.email}`;
          assert.deepEqual(seen(store, who, window), direct, what);
        }
      }
      // More changes than are patched, and more than the log keeps: the memo is read again whole.
      for (const count of [1_500, 10_500]) {
        other.write(() => {
          for (let i = 0; i < count; i++) other.events.insert(randomEvent(`bulk-${count}-${i}`), 0);
        });
        for (const who of people) {
          const direct = store.write(() => seen(store, who, windows[0]));
          assert.deepEqual(seen(store, who, windows[0]), direct, `${count} changes`);
        }
      }
    } finally {
      other.close();
      store.close();
    }
  });
});
