import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import minifyLiterals from 'rollup-plugin-html-literals';
import { localSchedulerApi } from './server/demo-backend.js';

const here = import.meta.dirname;

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

// `vite build` makes the ES modules for bundlers, one file per source module so that a bundler keeps
// only what an app imports: `index.js` (side-effect-free) and `define.js` (registers the tag), Lit
// left to the app's bundler so it is shared, unminified (the app minifies). `vite build --mode iife`
// makes the one classic script (Lit included, minified) and the language files beside it.
export default defineConfig(({ mode }) => ({
  root: resolve(here, 'demo'),
  publicDir: false,
  server: { port: 5173, fs: { allow: [here] } },
  plugins: [
    localSchedulerApi(resolve(here, '.data/demo.sqlite')),
    { ...minifyLiterals({ include: ['src/**/*.ts'] }), apply: 'build' },
    guardInternalProperties(),
    mode === 'iife' && languageFiles(),
  ],
  // The classic script has no import.meta: its own URL is the running <script>'s src.
  define: mode === 'iife' ? { 'import.meta.url': '(document.currentScript?.src || location.href)' } : {},
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: mode !== 'iife',
    target: 'es2022',
    minify: mode === 'iife' ? 'terser' : false,
    terserOptions: {
      ecma: 2022,
      compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, toplevel: true, keep_fargs: false },
      mangle: { properties: { regex: new RegExp(`^(${INTERNAL_PROPERTIES.join('|')})$`) } },
      // Pure ASCII (other characters as \u escapes), so the text is right whatever charset the page declares.
      format: { ascii_only: true },
    },
    sourcemap: true,
    reportCompressedSize: false,
    lib: {
      entry: mode === 'iife' ? resolve(here, 'src/define.ts') : [resolve(here, 'src/index.ts'), resolve(here, 'src/define.ts'), ...locales],
      name: 'SchedulerWidget',
      formats: mode === 'iife' ? ['iife'] : ['es'],
      fileName: (format, name) => (format === 'iife' ? 'scheduler-widget.iife.js' : `${name}.js`),
    },
    rollupOptions: {
      external: mode === 'iife' ? [] : [/^lit(\/|$)/, /^@lit\//],
      output: mode === 'iife' ? {} : { preserveModules: true, preserveModulesRoot: resolve(here, 'src') },
    },
  },
}));
