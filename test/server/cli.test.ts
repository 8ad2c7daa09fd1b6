import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PUBLIC_CONFIGURATION_ID } from '../../server/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'scheduler-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const env = { ...process.env };
delete env.SCHEDULER_API_KEY;

/** Runs the CLI; resolves when it exits, or (with `untilListening`) once it prints the listening line. */
function run(args: string[], options: { env?: NodeJS.ProcessEnv; untilListening?: boolean; pinned?: boolean } = {}) {
  // `pinned`: the API's clock starts at the top of a minute (test/support/pinned-clock.mjs), so a
  // per-minute limit cannot reset mid-test whenever it runs.
  const clock = options.pinned ? ['--import', './test/support/pinned-clock.mjs'] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...clock, 'server/main.ts', ...args], {
    env: {
      ...(options.env ?? env),
      ...(options.pinned && { SCHEDULER_TEST_CLOCK: `${Date.UTC(2030, 0, 7, 10, 0, 0)},${Date.now()}` }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}\n${stdout}\n${stderr}`)));
  });
  listening.catch(() => undefined); // only awaited by the tests that expect a start
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

test('prints the generated key, the seeded ids and the listening line; stops on SIGTERM', async () => {
  const cli = run(['--port', '0', '--db', join(dir, 'a.sqlite'), '--seed', 'demo']);
  const url = await cli.listening;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const { stdout } = cli.output();
  const key = /^API key \(dev, generated\): (\S+)$/m.exec(stdout)?.[1];
  assert.ok(key);
  assert.match(stdout, new RegExp(`^seed public-configuration ${PUBLIC_CONFIGURATION_ID} intro-call$`, 'm'));
  for (const name of [
    'private-configuration',
    'round-robin-configuration',
    'confirmation-configuration',
    'organizer-grant',
  ]) {
    assert.match(stdout, new RegExp(`^seed ${name} [0-9a-f-]{36}`, 'm'));
  }
  assert.ok(stdout.trimEnd().endsWith(`listening on ${url}`), 'the listening line comes last');

  const answer = await fetch(`${url}/v3/grants/ada@demo.test/scheduling/configurations`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  assert.equal(answer.status, 200);

  cli.child.kill('SIGTERM');
  assert.equal(await cli.exited, 0);
});

test('uses SCHEDULER_API_KEY and prints no key', async () => {
  const cli = run(['--port', '0', '--db', join(dir, 'b.sqlite')], { env: { ...env, SCHEDULER_API_KEY: 'from-env' } });
  const url = await cli.listening;
  assert.doesNotMatch(cli.output().stdout, /API key/);
  const answer = await fetch(`${url}/v3/grants/x@example.com/calendars`, {
    headers: { Authorization: 'Bearer from-env' },
  });
  assert.equal(answer.status, 200);
  cli.child.kill('SIGINT');
  assert.equal(await cli.exited, 0);
});

test('refuses a non-loopback host without SCHEDULER_API_KEY, and bad flags', async () => {
  const exposed = run(['--port', '0', '--db', join(dir, 'c.sqlite'), '--host', '0.0.0.0']);
  assert.equal(await exposed.exited, 1);
  assert.match(exposed.output().stderr, /SCHEDULER_API_KEY/);
  assert.doesNotMatch(exposed.output().stdout, /listening/);

  const flags = [
    ['--port', 'abc'],
    ['--seed', 'lots'],
    ['--rate-limit', 'on'],
    ['--rate-limit', '300/60'],
    ['--bogus'],
  ];
  const runs = flags.map((args) => run([...args, '--db', join(dir, 'd.sqlite')]));
  for (const [i, bad] of runs.entries()) {
    assert.equal(await bad.exited, 1, flags[i]!.join(' '));
    assert.match(bad.output().stderr, /usage:/);
  }
});

test('--rate-limit availability=<n>,bookings=<n> sets the per-address limits (429 with Retry-After); --help documents it', async () => {
  const help = run(['--help']);
  assert.equal(await help.exited, 0);
  assert.match(help.output().stdout, /--rate-limit off \| availability=<n>,bookings=<n>/);
  assert.match(help.output().stdout, /requests per minute per client address/);

  const cli = run(
    ['--port', '0', '--db', join(dir, 'e.sqlite'), '--seed', 'demo', '--rate-limit', 'availability=2,bookings=1'],
    { pinned: true },
  );
  const url = await cli.listening;
  try {
    const now = Math.floor(Date.UTC(2030, 0, 7, 10, 0, 0) / 1000);
    const availability = () =>
      fetch(
        `${url}/v3/scheduling/availability?configuration_id=${PUBLIC_CONFIGURATION_ID}&start_time=${now}&end_time=${now + 86400}`,
      );
    assert.equal((await availability()).status, 200);
    assert.equal((await availability()).status, 200);
    const refused = await availability();
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
    assert.equal(((await refused.json()) as { error: { type: string } }).error.type, 'rate_limit_error');

    const post = () =>
      fetch(`${url}/v3/scheduling/bookings?configuration_id=${PUBLIC_CONFIGURATION_ID}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
    assert.equal((await post()).status, 400);
    assert.equal((await post()).status, 429);
  } finally {
    cli.child.kill('SIGTERM');
    await cli.exited;
  }
});
