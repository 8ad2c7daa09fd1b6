/**
 * The built components served by the API over HTTP: from a folder of files this test writes (as
 * `npm run build` lays them out). test/e2e/served-build.test.ts serves the repository's own build.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assetFolders, IMMUTABLE, REVALIDATED } from '../../server/http/assets.js';
import { assertError, startTestServer, type TestServer } from './helpers.js';

const dist = mkdtempSync(join(tmpdir(), 'assets-'));
const files: Record<string, string> = {
  'scheduler-widget/scheduler-widget.js': 'export const entry = 1;',
  'scheduler-widget/scheduler-widget.js.map': '{"version":3}',
  'scheduler-widget/details-C7mq_s-5.js': 'export const chunk = 1;',
  'scheduler-widget/locales/de.js': 'export default {};',
  'secret.txt': 'outside the served folders',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dist, path)), { recursive: true });
  writeFileSync(join(dist, path), text);
}

let server: TestServer;
before(async () => {
  server = await startTestServer({ assets: assetFolders(dist), corsOrigins: ['https://shop.example'] });
});
after(async () => {
  await server.stop();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(new URL(path, server.url), { method, headers });

describe('the widget folder', () => {
  test('the entry: JavaScript, revalidated after five minutes, with the CORS of the API', async () => {
    const answer = await get('/scheduler-widget/scheduler-widget.js', { Origin: 'https://shop.example' });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(answer.headers.get('cache-control'), REVALIDATED);
    assert.equal(answer.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await answer.text(), files['scheduler-widget/scheduler-widget.js']);
    const other = await get('/scheduler-widget/scheduler-widget.js', { Origin: 'https://elsewhere.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  test('hashed chunks are cached for a year; language files and maps are not hashed', async () => {
    const chunk = await get('/scheduler-widget/details-C7mq_s-5.js');
    assert.equal(chunk.headers.get('cache-control'), IMMUTABLE);
    assert.equal(await chunk.text(), files['scheduler-widget/details-C7mq_s-5.js']);
    const locale = await get('/scheduler-widget/locales/de.js');
    assert.equal(locale.headers.get('cache-control'), REVALIDATED);
    assert.equal(locale.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const map = await get('/scheduler-widget/scheduler-widget.js.map');
    assert.equal(map.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(map.headers.get('cache-control'), REVALIDATED);
  });

  test('an unchanged file answers 304 to its ETag; HEAD answers the headers alone', async () => {
    const first = await get('/scheduler-widget/scheduler-widget.js');
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    const again = await get('/scheduler-widget/scheduler-widget.js', { 'If-None-Match': etag });
    assert.equal(again.status, 304);
    const head = await get('/scheduler-widget/scheduler-widget.js', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('cache-control'), REVALIDATED);
    assert.equal(await head.text(), '');
  });

  test('missing files, folders, paths out of the folder and a missing editor build: 404 in the envelope', async () => {
    for (const path of [
      '/scheduler-widget/nothing.js',
      '/scheduler-widget/locales',
      '/scheduler-widget/..%2fsecret.txt',
      '/scheduler-widget/%2e%2e/secret.txt',
      '/scheduler-widget/%E0%A4%A',
      '/scheduler-editor/scheduler-editor.js',
    ]) {
      const answer = await get(path);
      const body = await answer.json();
      assertError({ status: answer.status, headers: answer.headers, body }, 404, 'not_found_error');
    }
  });
});
