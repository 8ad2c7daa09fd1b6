/**
 * The self-hosted owner builds nothing: the local API serves the repository's own build of the
 * widget and the editor (after `npm run build`, which `npm test` runs before these tests).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../server/helpers.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

for (const entry of ['scheduler-widget/scheduler-widget.js', 'scheduler-editor/scheduler-editor.js']) {
  test(`by default the API serves the built ${entry}`, async () => {
    const answer = await fetch(new URL(`/${entry}`, server.url));
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /javascript/);
    assert.equal(await answer.text(), readFileSync(join(dist, entry), 'utf8'));
  });
}
