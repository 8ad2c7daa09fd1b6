import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
import minifyLiterals from 'rollup-plugin-html-literals';

const here = import.meta.dirname;

/**
 * `npm start`: the local Scheduler API mounted in the Vite dev server (one origin, seeded demo
 * data in `.data/demo.sqlite`), plus the demo page's own "backend" route that mints sessions for
 * the private configuration with the API key, so the browser only ever sees a session id.
 */
function localSchedulerApi(): Plugin {
  return {
    name: 'local-scheduler-api',
    apply: 'serve',
    async configureServer(server) {
      const { createNodeListener } = await import('./server/start.js');
      const { PRIVATE_CONFIGURATION_ID } = await import('./server/seed.js');
      const { encodeBookingRef } = await import('./src/contract/booking-ref.js');
      const api = await createNodeListener({ dbPath: resolve(here, '.data/demo.sqlite'), seed: 'demo' });

      server.httpServer?.once('close', () => api.store.close());
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        if (req.url?.startsWith('/v3/')) return api.listener(req, res);
        if (req.url === '/demo-backend/session' && req.method === 'POST') return void mintSession(req, res);
        if (req.url === '/demo-backend/pending') return listPending(res);
        next();
      });

      async function mintSession(req: IncomingMessage, res: ServerResponse) {
        const origin = `http://${req.headers.host}`;
        const answer = await fetch(`${origin}/v3/scheduling/sessions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${api.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ configuration_id: PRIVATE_CONFIGURATION_ID, time_to_live: 30 }),
        });
        const body = (await answer.json()) as { data?: { session_id: string } };
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ session_id: body.data?.session_id ?? null }));
      }

      /** The organizer's list: there is no API for it (Nylas has none), so the demo backend reads the store. */
      function listPending(res: ServerResponse) {
        const rows = api.store.db
          .prepare(`SELECT id, configuration_id, title, guest_name, start_time, organizer_salt FROM bookings WHERE status = 'pending' ORDER BY start_time`)
          .all() as Array<{ id: string; configuration_id: string; title: string; guest_name: string; start_time: number; organizer_salt: string }>;
        const pending = rows.map((row) => ({
          title: row.title,
          guest: row.guest_name,
          start_time: row.start_time,
          // The organizer's ref: the only one whose salt confirms or declines.
          booking_ref: encodeBookingRef({ configurationId: row.configuration_id, bookingId: row.id, salt: row.organizer_salt }),
        }));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(pending));
      }

      server.httpServer?.once('listening', () => {
        setTimeout(() => {
          const url = server.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
          console.log(`\n  Scheduler demo:    ${url}   (public booking page)`);
          console.log(`  Local API:         ${url}v3/…   API key: ${api.apiKey}`);
          console.log(`  Other demo pages:  private.html, round-robin.html, confirmation.html, group.html, organizer.html\n`);
        }, 50);
      });
    },
  };
}

/**
 * Property names the minifier may shorten: members of the booking flow, of its state and of the
 * views' context, used only inside the widget. None is public API (element, client, events, CSS),
 * a wire field, a string key (translations), nor a DOM, Intl or Lit name, so renaming every use
 * of each is safe; the guard below fails the build should one of them ever be used as a string
 * (a dynamic property access the renaming would miss). Terser itself also leaves alone the names
 * it knows from the DOM (e.g. `step`, `bounds`), so those are not listed.
 */
const INTERNAL_PROPERTIES = [
  'activateDay', 'activeDay', 'applyPrefill', 'busy', 'byDay', 'cancellationReason',
  'client', 'decide', 'emailLanguage', 'existing', 'firstDayOfWeek', 'flow', 'loadMonth',
  'maxMonth', 'minMonth', 'monthState', 'nextMonthWithTimes', 'outcome', 'prefetch', 'ref',
  'selectDay', 'selectedDay', 'selectSlot', 'setTimeZone', 'settings', 'showMonth', 'slotsOf',
  'updateForm',
];

function guardInternalProperties(): Plugin {
  const asString = new RegExp(`["'](${INTERNAL_PROPERTIES.join('|')})["']`);
  return {
    name: 'guard-internal-properties',
    apply: 'build',
    renderChunk: {
      order: 'pre',
      handler(code, chunk) {
        const found = asString.exec(code);
        if (found) this.error(`${chunk.fileName}: "${found[1]}" occurs as a string; remove it from INTERNAL_PROPERTIES`);
        return null;
      },
    },
  };
}

// Each language other than English is its own small module: loaded on demand from the `locales/`
// folder beside the script (the one-file build), or imported by an app (`scheduler-widget/locales/de.js`).
const locales = readdirSync(resolve(here, 'src/i18n/locales')).map((file) => resolve(here, 'src/i18n/locales', file));

/** The one-file build's language files: the `locales/` folder to upload beside the script. */
function languageFiles(): Plugin {
  return {
    name: 'language-files',
    apply: 'build',
    generateBundle() {
      for (const file of locales) this.emitFile({ type: 'asset', fileName: `locales/${basename(file)}`, source: readFileSync(file, 'utf8') });
    },
  };
}

/**
 * Views a guest needs only after choosing a time, kept out of the one-file script: each is built on
 * its own (`vite build --mode part-NAME`) as `parts/NAME.js` beside the script, an ES module whose
 * default export `register(require, exports)` wraps a CommonJS body. The script loads it and
 * answers `require` for `PART_IMPORTS` with its own modules (src/lazy/modules.script.ts), so there is
 * one Lit; everything else a part imports is bundled into it.
 */
const PARTS: Record<string, string> = { details: 'src/views/details.ts', outcomes: 'src/views/outcome.ts', popup: 'src/views/popup.ts' };
/** What a part takes from the script rather than bundling, by file: the name `require` is asked. */
const PART_IMPORTS: Record<string, string> = { lit: 'lit', 'src/time/index.ts': 'time', 'src/views/common.ts': 'common' };

/** A part's imports of `PART_IMPORTS` stay `require(name)` calls. */
function partImports(): Plugin {
  return {
    name: 'part-imports',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (PART_IMPORTS[source]) return { id: PART_IMPORTS[source], external: true };
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const name = resolved && PART_IMPORTS[resolved.id.slice(here.length + 1)];
      return name ? { id: name, external: true } : null;
    },
  };
}

/** In the one-file script, the parts' loader is the one that loads from beside the script. */
function scriptParts(): Plugin {
  const esLoader = resolve(here, 'src/lazy/modules.ts');
  return {
    name: 'script-parts',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === esLoader ? resolve(here, 'src/lazy/modules.script.ts') : null;
    },
  };
}

// `vite build` makes the ES modules for bundlers, one file per source module so that a bundler keeps
// only what an app imports: `index.js` (side-effect-free) and `define.js` (registers the tag), Lit
// left to the app's bundler so it is shared, unminified (the app minifies). `vite build --mode iife`
// makes the one classic script (Lit included, minified) and the language files beside it, and
// `vite build --mode part-NAME` each of its parts.
export default defineConfig(({ mode }) => {
  const part = mode.startsWith('part-') ? mode.slice('part-'.length) : null;
  const script = mode === 'iife' || !!part;
  return {
    root: resolve(here, 'demo'),
    publicDir: false,
    server: { port: 5173, fs: { allow: [here] } },
    plugins: [
      localSchedulerApi(),
      { ...minifyLiterals({ include: ['src/**/*.ts'] }), apply: 'build' },
      guardInternalProperties(),
      mode === 'iife' && languageFiles(),
      mode === 'iife' && scriptParts(),
      !!part && partImports(),
    ],
    // The classic script has no import.meta: its own URL is the running <script>'s src.
    define: mode === 'iife' ? { 'import.meta.url': '(document.currentScript?.src || location.href)' } : {},
    build: {
      outDir: resolve(here, 'dist'),
      emptyOutDir: mode === 'production',
      target: 'es2022',
      minify: script ? 'terser' : false,
      terserOptions: {
        ecma: 2022,
        module: !!part,
        compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, toplevel: true, keep_fargs: false },
        mangle: { properties: { regex: new RegExp(`^(${INTERNAL_PROPERTIES.join('|')})$`) } },
        // Parts share the flow's objects with the script: each name is shortened the same way in every file.
        nameCache: { props: { props: Object.fromEntries(INTERNAL_PROPERTIES.map((name, i) => [`$${name}`, `$${i.toString(36)}`])) } },
        // Pure ASCII (other characters as \u escapes), so the text is right whatever charset the page declares.
        format: { ascii_only: true },
      },
      sourcemap: true,
      reportCompressedSize: false,
      lib: {
        entry: part ? resolve(here, PARTS[part]!) : mode === 'iife' ? resolve(here, 'src/define.ts') : [resolve(here, 'src/index.ts'), resolve(here, 'src/define.ts'), ...locales],
        name: 'SchedulerWidget',
        formats: part ? ['cjs'] : mode === 'iife' ? ['iife'] : ['es'],
        fileName: (format, name) => (part ? `parts/${part}.js` : format === 'iife' ? 'scheduler-widget.iife.js' : `${name}.js`),
      },
      rollupOptions: {
        external: script ? [] : [/^lit(\/|$)/, /^@lit\//],
        output: part
          ? // The CommonJS body as the ES module's `register` function (minified after, so its names shrink too).
            { banner: 'export default function(require,exports){', footer: '}', generatedCode: { symbols: false } }
          : script
            ? {}
            : { preserveModules: true, preserveModulesRoot: resolve(here, 'src') },
      },
    },
  };
});
