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
 * of each is safe. Terser itself also leaves alone the names it knows from the DOM (e.g. `step`,
 * `bounds`), so those are not listed. The guard below keeps the list true: the build fails should
 * one of them be used as a string (a dynamic property access the renaming would miss), or be no
 * longer a property anywhere (renamed or removed, so the list would silently stop shortening it).
 */
const INTERNAL_PROPERTIES = [
  'activateDay', 'activeDay', 'applyPrefill', 'rebook', 'busy', 'byDay', 'cancellationReason',
  'client', 'decide', 'decideBooking', 'emailLanguage', 'existing', 'failWrite', 'heldEvent', 'submitBooking',
  'firstDayOfWeek', 'forgetErrors', 'loadMonth', 'maxMonth', 'minMonth', 'monthState',
  'nextMonthWithTimes', 'nextWithTimes', 'outcome', 'prefetch', 'ref', 'retryable', 'selectDay', 'selectSlot',
  'scheduleView', 'selectedDay', 'setTimeZone', 'settings', 'showMonth', 'slotUnavailable',
  'updateForm',
];

/** `whole`: the build holds the whole widget (the one-file script), so every listed name must occur in it. */
function guardInternalProperties(whole: boolean): Plugin {
  const asString = new RegExp(`["'](${INTERNAL_PROPERTIES.join('|')})["']`);
  // `.name`, `name(` or `name:` (member, method, key), or a shorthand `{ name }`.
  const asProperty = (name: string) => new RegExp(`\\.${name}\\b|\\b${name}\\s*[(:]|[{,]\\s*${name}\\s*[,}]`);
  let unused: Set<string>;
  return {
    name: 'guard-internal-properties',
    apply: 'build',
    renderStart() {
      unused = new Set(INTERNAL_PROPERTIES);
    },
    renderChunk: {
      order: 'pre',
      handler(code, chunk) {
        const found = asString.exec(code);
        if (found) this.error(`${chunk.fileName}: "${found[1]}" occurs as a string; remove it from INTERNAL_PROPERTIES`);
        for (const name of unused) if (asProperty(name).test(code)) unused.delete(name);
        return null;
      },
    },
    generateBundle() {
      if (whole && unused.size) this.error(`INTERNAL_PROPERTIES lists names no code uses as a property: ${[...unused].join(', ')}; rename or remove them there`);
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
 * Views a guest needs only after choosing a time, or only in some embeddings (popup, week layout), kept out of the one-file script: each is built on
 * its own (`vite build --mode part-NAME`) as `parts/NAME.js` beside the script, an ES module whose
 * default export `register(require, exports)` wraps a CommonJS body. The script loads it and
 * answers `require` for `PART_IMPORTS` with its own modules (src/lazy/modules.script.ts), so there is
 * one Lit; everything else a part imports is bundled into it.
 */
const PARTS: Record<string, string> = { details: 'src/lazy/details.part.ts', outcomes: 'src/lazy/outcomes.part.ts', popup: 'src/views/popup.ts', week: 'src/views/week.ts' };
/** What a part takes from the script rather than bundling, by file: the name `require` is asked. */
const PART_IMPORTS: Record<string, string> = { lit: 'lit', 'src/views/common.ts': 'common', 'src/api/errors.ts': 'errors' };

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

/**
 * In the one-file script, the parts' loader is the one that loads from beside the script, and the
 * flow's writes are the parts' (only the steps in parts write).
 */
function scriptParts(): Plugin {
  const swapped: Record<string, string> = {
    [resolve(here, 'src/lazy/modules.ts')]: resolve(here, 'src/lazy/modules.script.ts'),
    [resolve(here, 'src/flow/writes.ts')]: resolve(here, 'src/lazy/writes.script.ts'),
  };
  return {
    name: 'script-parts',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && swapped[resolved.id]) ?? null;
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
      localSchedulerApi(resolve(here, '.data/demo.sqlite')),
      { ...minifyLiterals({ include: ['src/**/*.ts'] }), apply: 'build' },
      guardInternalProperties(mode === 'iife'),
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
