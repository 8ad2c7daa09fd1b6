// The package as an app meets it (run after `npm run build`): `npm pack`, the tarball installed into
// a new project whose sources are the README's snippets, built with Vite, type-checked with
// `tsc --strict`, run in Chromium and imported in Node. Also prints what an app pays, in gzip bytes,
// for the client alone and for the element.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/static-server.mjs';

const repo = resolve(import.meta.dirname, '../..');
/** What the app itself uses besides the package (its own dependencies, linked from this checkout). */
const APP_DEPENDENCIES = ['react', '@types/react', 'vue'];

let work: string;
let project: string;
let browser: Browser;
const sites: Array<Awaited<ReturnType<typeof serveStatic>>> = [];

/** The code blocks of the README and docs/embedding.md marked `<!-- consumer-project: <path> -->`, by path. */
function readmeSources(): Map<string, string> {
  const readme = ['README.md', 'docs/embedding.md'].map((file) => readFileSync(join(repo, file), 'utf8')).join('\n');
  return new Map(
    [...readme.matchAll(/<!-- consumer-project: (\S+) -->\n+```\w+\n([\s\S]*?)\n```/g)].map(([, path, code]) => [
      path!,
      code!,
    ]),
  );
}

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
};

/** Builds one page of the project with Vite; resolves to its output folder and its JavaScript's gzip size. */
async function buildPage(name: string): Promise<{ outDir: string; gzip: number; code: string }> {
  const outDir = join(work, `dist-${name}`);
  await build({
    root: project,
    configFile: false,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(project, `${name}.html`) } },
  });
  const scripts = readdirSync(join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
  const code = scripts.map((file) => readFileSync(join(outDir, 'assets', file), 'utf8')).join('\n');
  const gzip = scripts.reduce(
    (sum, file) => sum + gzipSync(readFileSync(join(outDir, 'assets', file)), { level: 9 }).length,
    0,
  );
  return { outDir, gzip, code };
}

async function openBuilt(outDir: string, name: string) {
  const site = await serveStatic({ root: outDir });
  sites.push(site);
  const page = await browser.newPage();
  const missing: string[] = [];
  page.on('response', (response) => response.status() === 404 && missing.push(response.url()));
  await page.goto(`${site.url}/${name}.html`);
  return { page, missing };
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'scheduler-package-'));
  project = join(work, 'app');
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }),
  ) as Array<{ filename: string }>;

  // What `npm install <tarball>` does, without the network: the tarball unpacked into node_modules,
  // and each dependency the package declares (plus the app's own) linked from this checkout. A
  // dependency the package uses but does not declare would fail to resolve below.
  const installed = join(project, 'node_modules', 'scheduler-widget');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, packed!.filename), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of [...Object.keys(manifest.dependencies), ...APP_DEPENDENCIES]) {
    mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), join(project, 'node_modules', name));
  }

  const sources = readmeSources();
  assert.deepEqual([...sources.keys()].sort(), ['src/BookCall.tsx', 'src/client.ts', 'src/main.ts', 'src/vue.ts']);
  for (const [path, code] of sources) write(path, code);
  write('src/element.ts', "import 'scheduler-widget/define';\n");
  write(
    'package.json',
    JSON.stringify({
      name: 'app',
      private: true,
      type: 'module',
      dependencies: { 'scheduler-widget': `file:${packed!.filename}` },
    }),
  );
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        noEmit: true,
        types: [],
      },
      include: ['src'],
    }),
  );
  const page = (
    script: string,
    body: string,
  ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,"></head>
<body>${body}<script type="module" src="/src/${script}"></script></body></html>`;
  // The widget's API is a port that refuses connections: these pages test loading, not booking.
  write(
    'main.html',
    page(
      'main.ts',
      '<scheduler-widget configuration-id="YOUR_CONFIGURATION_ID" api-url="http://127.0.0.1:9"></scheduler-widget>',
    ),
  );
  write('client.html', page('client.ts', '<button id="check">Check</button><scheduler-widget></scheduler-widget>'));
  write('element.html', page('element.ts', '<scheduler-widget></scheduler-widget>'));

  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await Promise.all(sites.map((site) => site.close()));
  if (work) rmSync(work, { recursive: true, force: true });
});

test('package: the README snippets (npm, client, React, Vue) type-check under tsc --strict against the packed types', () => {
  const tsc = join(repo, 'node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc --strict failed:\n${(error as { stdout: string }).stdout}`);
  }
});

test(
  'package: built with Vite, the side-effect-free entry defines nothing and bundles neither element nor Lit',
  { timeout: 30_000 },
  async (t) => {
    const client = await buildPage('client');
    const element = await buildPage('element');
    t.diagnostic(
      `an app pays ${client.gzip} B gzip for the client alone, ${element.gzip} B gzip for the element (Lit included)`,
    );
    assert.ok(!client.code.includes('customElements'), 'no element definition in the client-only bundle');
    assert.ok(!/LitElement|lit-html/.test(client.code), 'no Lit in the client-only bundle');
    assert.ok(client.gzip < element.gzip / 4, `client ${client.gzip} B vs element ${element.gzip} B`);

    const { page } = await openBuilt(client.outDir, 'client');
    assert.equal(await page.evaluate(() => typeof window.customElements.get('scheduler-widget')), 'undefined');
    await page.close();
    const defined = await openBuilt(element.outDir, 'element');
    await defined.page.waitForFunction(() => customElements.get('scheduler-widget') !== undefined);
    assert.equal(
      await defined.page.evaluate(() => document.querySelector('scheduler-widget')!.shadowRoot !== null),
      true,
      'the element upgraded',
    );
    await defined.page.close();
  },
);

test(
  'package: under Vite, a language imported and handed over shows German, and no language file is fetched',
  { timeout: 30_000 },
  async () => {
    const main = await buildPage('main');
    const { page, missing } = await openBuilt(main.outDir, 'main');
    const lang = await page.waitForFunction(() =>
      document.querySelector('scheduler-widget')?.shadowRoot?.querySelector('.root')?.getAttribute('lang'),
    );
    assert.equal(await lang.jsonValue(), 'de');
    // The API refuses connections, so the widget shows its error; in German, like its dates would be.
    await page.waitForFunction(() =>
      document.querySelector('scheduler-widget')!.shadowRoot!.querySelector('[part~="error"]'),
    );
    const text = await page.evaluate(() => document.querySelector('scheduler-widget')!.shadowRoot!.textContent!);
    const { default: de } = await import('../../src/i18n/locales/de.js');
    assert.ok(text.includes(de.strings.retry), `German error text: ${text.trim()}`);
    assert.deepEqual(missing, [], 'nothing was missing (no /assets/…/locales/de.js)');
    await page.close();
  },
);

test('package: in Node, the side-effect-free entry registers nothing; define registers only in Lit’s shim; package.json is exported', () => {
  const script = `
    const before = globalThis.customElements;
    const entry = await import('scheduler-widget');
    const afterEntry = globalThis.customElements?.get('scheduler-widget');
    await import('scheduler-widget/define');
    const { default: manifest } = await import('scheduler-widget/package.json', { with: { type: 'json' } });
    console.log(JSON.stringify({
      hadRegistry: before !== undefined,
      exports: Object.keys(entry).sort(),
      definedByEntry: afterEntry !== undefined,
      definedByDefine: globalThis.customElements?.get('scheduler-widget') === entry.SchedulerWidget,
      version: manifest.version,
    }));`;
  const result = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' }),
  );
  assert.equal(result.hadRegistry, false);
  assert.deepEqual(result.exports, [
    'ApiError',
    'DEFAULT_API_URL',
    'SchedulerClient',
    'SchedulerWidget',
    'cancelBooking',
    'confirmBooking',
    'createBooking',
    'decodeBookingRef',
    'isSlotTaken',
    'rescheduleBooking',
  ]);
  assert.equal(result.definedByEntry, false, 'importing scheduler-widget registers nothing');
  assert.equal(result.definedByDefine, true, 'scheduler-widget/define registers the tag (in Lit’s server shim)');
  assert.equal(result.version, JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
});
