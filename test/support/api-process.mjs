// Starts the real local Scheduler API as a child process on a free loopback port with a fresh
// database, for browser tests and benchmarks. Resolves once it prints "listening on <url>".
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * `clock`: { pinnedMs, originMs } runs the API on the tests' pinned clock (pinned-clock.mjs).
 * `nodeArgs`: options for node itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not allow).
 * @param {{ seed?: string, extraArgs?: string[], nodeArgs?: string[], clock?: { pinnedMs: number, originMs: number } }} [options]
 */
export async function startApiProcess({ seed = 'demo', extraArgs = [], nodeArgs = [], clock } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'scheduler-api-'));
  const apiKey = `test-${randomUUID()}`;
  const preload = clock ? ['--import', './test/support/pinned-clock.mjs'] : [];
  const args = [
    ...nodeArgs,
    '--import',
    'tsx',
    ...preload,
    'server/main.ts',
    '--port',
    '0',
    '--db',
    join(dir, 'api.sqlite'),
    ...extraArgs,
  ];
  if (seed) args.push('--seed', seed);
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      SCHEDULER_API_KEY: apiKey,
      ...(clock && { SCHEDULER_TEST_CLOCK: `${clock.pinnedMs},${clock.originMs}` }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`local API did not start:\n${out}`)), 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`local API exited with ${code}:\n${out}`)));
  });
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return { url, apiKey, stop, child };
}

/** Calls the local API as an app's backend would (with the API key). */
/** @param {{url: string, apiKey: string}} api @param {{method?: string, path: string, body?: unknown}} request */
export async function callApi({ url, apiKey }, { method = 'GET', path, body }) {
  const response = await fetch(new URL(path, url), {
    method,
    headers: {
      Authorization: `Bearer ${apiKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
