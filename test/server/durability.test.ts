/**
 * The real CLI under booking load, killed with SIGKILL mid-load and restarted on the same file:
 * every acknowledged booking is there, nothing is half-written, and the API goes on working.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-durability-'));
const dbPath = join(dir, 'api.sqlite');
const KEY = 'durability-key';
const ORGANIZER = 'durable@example.com';
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `server/main.ts` on a free port; resolves with its URL once it listens. */
async function launch(): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts', '--port', '0', '--db', dbPath, '--rate-limit', 'off'],
    {
      env: { ...process.env, SCHEDULER_API_KEY: KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^listening on (\S+)$/m.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`the server exited before listening:\n${out}`)));
  });
  return { child, url, exited };
}

const api =
  (url: string) =>
  async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

interface Acknowledged {
  index: number;
  booking_id: string;
  event_id: string;
  start_time: number;
  end_time: number;
}

test('kill -9 under booking load: every acknowledged booking survives, whole, and the API works on', async () => {
  const ACK_TARGET = 120;
  const WORKERS = 8;
  const SLOT = 900;

  const first = await launch();
  const call = api(first.url);
  const configuration = await call(`/v3/grants/${ORGANIZER}/scheduling/configurations`, {
    method: 'POST',
    body: {
      participants: [
        {
          email: ORGANIZER,
          name: 'Dora Durable',
          is_organizer: true,
          availability: { open_hours: [{ days: [0, 1, 2, 3, 4, 5, 6], start: '0:00', end: '24:00', timezone: 'UTC' }] },
        },
      ],
      availability: { duration_minutes: 15 },
      event_booking: { title: 'Load test' },
      scheduler: { min_booking_notice: 0, available_days_in_future: 30 },
    },
  });
  assert.equal(configuration.status, 200, JSON.stringify(configuration.body));
  const configurationId: string = configuration.body.data.id;

  // Distinct 15-minute slots from the next hour but one (the server runs on the real clock).
  const base = Math.ceil(Date.now() / 3_600_000) * 3600 + 3600;
  const slotOf = (index: number) => base + index * SLOT;
  const guestOf = (index: number) => ({ name: `Guest ${index}`, email: `guest${index}@load.example` });

  const acknowledged: Acknowledged[] = [];
  const refusedBeforeKill: string[] = [];
  let next = 0;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    first.child.kill('SIGKILL');
  };
  const worker = async () => {
    while (!killed) {
      const index = next++;
      try {
        const answer = await call(`/v3/scheduling/bookings?configuration_id=${configurationId}`, {
          method: 'POST',
          body: { start_time: slotOf(index), end_time: slotOf(index) + SLOT, guest: guestOf(index) },
        });
        if (answer.status !== 200) {
          if (!killed) refusedBeforeKill.push(`${index}: ${answer.status} ${JSON.stringify(answer.body)}`);
          continue;
        }
        const { booking_id, event_id, start_time, end_time } = answer.body.data;
        acknowledged.push({ index, booking_id, event_id, start_time, end_time });
        if (acknowledged.length >= ACK_TARGET) kill(); // the other workers' requests are in flight
      } catch {
        return; // the connection died with the server
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await first.exited;
  assert.equal(first.child.signalCode, 'SIGKILL');
  assert.deepEqual(refusedBeforeKill, []);
  const attempted = next;

  const second = await launch();
  try {
    const again = api(second.url);
    let found = 0;
    const answers = await Promise.all(acknowledged.map((ack) => again(`/v3/scheduling/bookings/${ack.booking_id}`)));
    acknowledged.forEach((ack, i) => {
      const answer = answers[i]!;
      assert.equal(answer.status, 200, `booking ${ack.index}: ${JSON.stringify(answer.body)}`);
      const booking = answer.body.data;
      assert.equal(booking.status, 'booked');
      assert.deepEqual(
        [booking.event_id, booking.start_time, booking.end_time, booking.guest.email],
        [ack.event_id, ack.start_time, ack.end_time, guestOf(ack.index).email],
      );
      found++;
    });

    // The organizer's calendar, page by page: one event per acknowledged booking, at its time.
    const events: Array<{
      id: string;
      when: { start_time: number; end_time: number };
      participants: Array<{ email: string }>;
    }> = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await again(
        `/v3/grants/${ORGANIZER}/events?calendar_id=primary&limit=50${cursor ? `&page_token=${cursor}` : ''}`,
      );
      assert.equal(page.status, 200);
      events.push(...page.body.data);
      cursor = page.body.next_cursor;
    } while (cursor);
    const byId = new Map(events.map((event) => [event.id, event]));
    for (const ack of acknowledged) {
      const event = byId.get(ack.event_id);
      assert.ok(event, `the event of booking ${ack.index} is on the calendar`);
      assert.deepEqual([event.when.start_time, event.when.end_time], [ack.start_time, ack.end_time]);
    }
    // Events beyond the acknowledged ones can only be bookings committed just before the kill,
    // whose answers never left: each sits on the slot its guest asked for.
    for (const event of events) {
      const guestEmail = event.participants.find((participant) => participant.email.endsWith('@load.example'))?.email;
      const index = Number(/^guest(\d+)@/.exec(guestEmail ?? '')?.[1]);
      assert.ok(Number.isInteger(index) && index < attempted, `event ${event.id} comes from a booking request`);
      assert.equal(event.when.start_time, slotOf(index));
    }
    // None half-written: every booking has its event and every booking event its booking.
    const db = new Database(dbPath, { readonly: true });
    try {
      const orphans = db
        .prepare(
          `SELECT 'booking without event' AS what, b.id FROM bookings b LEFT JOIN events e ON e.id = b.event_id
             WHERE e.id IS NULL AND b.status != 'cancelled'
           UNION ALL
           SELECT 'event without booking', e.id FROM events e LEFT JOIN bookings b ON b.id = e.booking_id
             WHERE e.booking_id IS NOT NULL AND b.id IS NULL`,
        )
        .all();
      assert.deepEqual(orphans, []);
      const committed = (db.prepare('SELECT count(*) AS n FROM bookings').get() as { n: number }).n;
      assert.equal(committed, events.length, 'as many bookings as events on the calendar');
      assert.ok(committed >= acknowledged.length && committed <= attempted);
      console.log(
        `durability: acknowledged before kill ${acknowledged.length}, found after restart ${found} ` +
          `(requests sent ${attempted}, committed ${committed}, events ${events.length})`,
      );
    } finally {
      db.close();
    }

    // Their times are no longer offered, and a new booking works.
    const window = `start_time=${base}&end_time=${slotOf(attempted + 20)}`;
    const offered = await again(`/v3/scheduling/availability?configuration_id=${configurationId}&${window}`);
    assert.equal(offered.status, 200);
    const offeredStarts = new Set(offered.body.data.time_slots.map((slot: { start_time: number }) => slot.start_time));
    for (const event of events)
      assert.ok(!offeredStarts.has(event.when.start_time), `${event.when.start_time} is offered again`);
    assert.ok(offeredStarts.has(slotOf(attempted + 5)), 'later slots are still offered');
    const fresh = await again(`/v3/scheduling/bookings?configuration_id=${configurationId}`, {
      method: 'POST',
      body: {
        start_time: slotOf(attempted + 5),
        end_time: slotOf(attempted + 5) + SLOT,
        guest: guestOf(attempted + 5),
      },
    });
    assert.equal(fresh.status, 200, JSON.stringify(fresh.body));
    assert.equal((await again(`/v3/scheduling/bookings/${fresh.body.data.booking_id}`)).body.data.status, 'booked');
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
});
