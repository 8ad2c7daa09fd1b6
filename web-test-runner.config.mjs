import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { callApi, startApiProcess } from './test/support/api-process.mjs';
import { refusedPortUrl, startFaultProxy } from './test/support/fault-proxy.mjs';

// Every widget test talks to the real local API over HTTP, on its own origin (so CORS is real too).
const api = await startApiProcess({ extraArgs: ['--rate-limit', 'off'] });
const proxy = await startFaultProxy(api.url);
const refusedUrl = await refusedPortUrl();

/** Server commands the browser tests call through `executeServerCommand`. */
function schedulerApiCommands() {
  return {
    name: 'scheduler-api-commands',
    async executeCommand({ command, payload }) {
      if (command === 'api-url') return api.url;
      if (command === 'api') return callApi(api, payload);
      if (command === 'fault-proxy-url') return proxy.url;
      if (command === 'refused-url') return refusedUrl;
      if (command === 'faults') {
        proxy.setRules(payload);
        return true;
      }
      if (command === 'fault-log') return proxy.log();
      return undefined;
    },
  };
}

export default {
  files: ['test/widget/**/*.test.ts'],
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
