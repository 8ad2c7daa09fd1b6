import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { callApi, startApiProcess } from './test/support/api-process.mjs';
import { refusedPortUrl, startFaultProxy } from './test/support/fault-proxy.mjs';
import { radicaleWeek } from './test/support/radicale-week.mjs';
import { startStrictServer } from './test/support/strict-server.mjs';

// One pinned clock for the local API and the test pages (test/support/pinned-clock.mjs): every run
// starts at the same instant, so no test depends on today's date or on when in the hour it runs.
// The 31st of a month at 10:00:05 UTC: month ends are exercised, and a slot starting at the next
// half hour stays bookable for the whole run.
const clock = { pinnedMs: Date.UTC(2030, 0, 31, 10, 0, 5), originMs: Date.now() };

// Every widget test talks to the real local API over HTTP, on its own origin (so CORS is real too),
// directly or through the strict Nylas-shaped server in front of it.
const api = await startApiProcess({ extraArgs: ['--rate-limit', 'off'], clock });
const strict = await startStrictServer(api.url);
const proxy = await startFaultProxy(api.url);
const refusedUrl = await refusedPortUrl();
// A real CalDAV server (Debian's radicale) holding an organizer's calendar, started on first use.
const calendarWeek = radicaleWeek(api);

/** Server commands the browser tests call through `executeServerCommand`. */
function schedulerApiCommands() {
  return {
    name: 'scheduler-api-commands',
    async executeCommand({ command, payload }) {
      if (command === 'api-url') return payload === 'strict' ? strict.url : api.url;
      if (command === 'strict-stripped') return strict.stripped();
      if (command === 'strict-variant') return strict.setVariant(payload ?? {}) ?? true;
      if (command === 'api') return callApi(api, payload);
      // The editor's tests sign in with the API key, which the local API takes on `/v3/grants/{grant_id}/…`.
      if (command === 'api-key') return api.apiKey;
      if (command === 'fault-proxy-url') return proxy.url;
      if (command === 'refused-url') return refusedUrl;
      if (command === 'faults') {
        proxy.setRules(payload);
        return true;
      }
      if (command === 'fault-log') return proxy.log();
      if (command === 'radicale-week') return calendarWeek.setUp();
      return undefined;
    },
    async serverStop() {
      await calendarWeek.stop();
    },
  };
}

const testRunnerHtml = (importMap) => (testFramework) => `<html><body>
    ${importMap ? `<script type="importmap">${JSON.stringify({ imports: importMap })}</script>` : ''}
    <script type="module">
      import { pinClock } from '/test/support/pinned-clock.mjs';
      pinClock(${clock.pinnedMs}, ${clock.originMs});
    </script>
    <script type="module" src="${testFramework}"></script>
  </body></html>`;

// Each test file runs twice: against the sources, and against the built folder a site owner uploads
// (dist/scheduler-widget/, made by `npm run build`): there every test's `import '…/src/define.js'` (served as src/define.ts) is
// mapped to the built entry, so its chunks, its minified names and its language files are what the
// flows and their failures run on.
const files = 'test/widget/**/*.test.ts';
const editorFiles = 'test/editor/**/*.test.ts';
export default {
  groups: [
    { name: 'sources', files, testRunnerHtml: testRunnerHtml(null) },
    {
      name: 'built',
      files,
      testRunnerHtml: testRunnerHtml({ '/src/define.ts': '/dist/scheduler-widget/scheduler-widget.js' }),
    },
    // `<scheduler-editor>` (test/editor/), against the sources and against its built folder (dist/scheduler-editor/).
    { name: 'editor', files: editorFiles, testRunnerHtml: testRunnerHtml(null) },
    {
      name: 'editor-built',
      files: editorFiles,
      testRunnerHtml: testRunnerHtml({ '/src/editor/define.ts': '/dist/scheduler-editor/scheduler-editor.js' }),
    },
  ],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), schedulerApiCommands()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
};
