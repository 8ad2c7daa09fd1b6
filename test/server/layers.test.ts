/**
 * The one layering claim an import rule cannot check (the rest are in .dependency-cruiser.cjs): a
 * route reaches the store only through the operations it calls with `contextOf(deps)`, never by
 * reading `deps.store` itself.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const routes = fileURLToPath(new URL('../../server/routes/', import.meta.url));

test('no route module reads the store', () => {
  const files = readdirSync(routes).filter((file) => file.endsWith('.ts'));
  assert.ok(files.length >= 10, `the route modules: ${files.join(', ')}`);
  for (const file of files) {
    const source = readFileSync(join(routes, file), 'utf8');
    const line = source.split('\n').findIndex((text) => /\bstore\b/.test(text));
    assert.equal(line, -1, `server/routes/${file}:${line + 1} names the store; call an operation instead`);
  }
});
