import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import MagicString from 'magic-string';
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
  'activateDay',
  'activeDay',
  'applyPrefill',
  'rebook',
  'busy',
  'byDay',
  'cancellationReason',
  'client',
  'decide',
  'emailLanguage',
  'existing',
  'failWrite',
  'heldEvent',
  'firstDayOfWeek',
  'forgetErrors',
  'loadMonth',
  'maxMonth',
  'minMonth',
  'monthState',
  'nextMonthWithTimes',
  'nextWithTimes',
  'outcome',
  'prefetch',
  'ref',
  'retryable',
  'selectDay',
  'selectSlot',
  'scheduleView',
  'selectedDay',
  'setTimeZone',
  'settings',
  'showMonth',
  'slotUnavailable',
  'updateForm',
  'again',
  'shown',
  'wanted',
  'warm',
];

/** `whole`: a script-tag build (names shortened), holding the whole widget, so every listed name must occur in it. */
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
        if (found)
          this.error(`${chunk.fileName}: "${found[1]}" occurs as a string; remove it from INTERNAL_PROPERTIES`);
        for (const name of unused) if (asProperty(name).test(code)) unused.delete(name);
        return null;
      },
    },
    generateBundle(_options, bundle) {
      // A chunk's exports are read as properties of its module namespace (`(await import(…)).name`), which the renaming would shorten and the export would not.
      for (const chunk of whole ? Object.values(bundle) : []) {
        const exported =
          chunk.type === 'chunk' ? chunk.exports.filter((name) => INTERNAL_PROPERTIES.includes(name)) : [];
        if (exported.length)
          this.error(
            `${chunk.fileName} exports ${exported.join(', ')}, listed in INTERNAL_PROPERTIES: remove them there`,
          );
      }
      if (whole && unused.size)
        this.error(
          `INTERNAL_PROPERTIES lists names no code uses as a property: ${[...unused].join(', ')}; rename or remove them there`,
        );
    },
  };
}

/**
 * Vite keeps `@__PURE__` annotations in a library's ES output for the app's minifier; the
 * script-tag files are final, nothing minifies them after, so the annotations go (with the map kept).
 */
function withoutAnnotations(): Plugin {
  return {
    name: 'without-annotations',
    apply: 'build',
    renderChunk: {
      order: 'post',
      handler(code) {
        const text = new MagicString(code);
        for (const found of code.matchAll(/\/\*\s*[@#]__PURE__\s*\*\/\s*/g))
          text.remove(found.index, found.index + found[0].length);
        return text.hasChanged() ? { code: text.toString(), map: text.generateMap({ hires: true }) } : null;
      },
    },
  };
}

// Each language other than English is its own small module: loaded on demand from the `locales/`
// folder beside the script (the one-file build), or imported by an app (`scheduler-widget/locales/de.js`).
const locales = readdirSync(resolve(here, 'src/i18n/locales')).map((file) => resolve(here, 'src/i18n/locales', file));

/** The editor's languages (`src/editor/locales/`), chunks its build loads on demand. */
const editorLocales = resolve(here, 'src/editor/locales');

/** The one-file build's language files: the `locales/` folder to upload beside the script. */
function languageFiles(): Plugin {
  return {
    name: 'language-files',
    apply: 'build',
    generateBundle() {
      for (const file of locales)
        this.emitFile({ type: 'asset', fileName: `locales/${basename(file)}`, source: readFileSync(file, 'utf8') });
    },
  };
}

/** The folder a site owner uploads: the script-tag entry, its chunks and the language files. */
export const WIDGET_FOLDER = 'dist/scheduler-widget';
/** The organizer's editor, built the same way into its own folder (`vite build --mode editor`). */
export const EDITOR_FOLDER = 'dist/scheduler-editor';

// Three builds:
// - `vite build`: the ES modules for bundlers, one file per source module so that a bundler keeps
//   only what an app imports: `index.js` (side-effect-free) and `define.js` (registers the tag), Lit
//   left to the app's bundler so it is shared, unminified (the app minifies).
// - `vite build --mode script`: the folder to upload (WIDGET_FOLDER): `scheduler-widget.js`, the ES
//   module a page loads with `<script type="module">`, Lit included, minified; the steps after
//   choosing a time, the popup and the week layout as chunks it loads with native `import()`; the
//   language files in `locales/`.
// - `vite build --mode one-file`: the same widget as one classic script (`scheduler-widget.iife.js`
//   in that folder, every chunk inlined) for hosts that take a single file or pages that cannot
//   load modules.
// - `vite build --mode editor`: `<scheduler-editor>` in EDITOR_FOLDER, a script-tag entry like the
//   widget's with its own chunks (the form, the bookings, and the widget its preview shows, with the
//   widget's language files, and the editor's own languages in `editor-locales/`); the widget's own
//   folder is not touched. Names are not shortened: the
//   editor reads wire fields (`busy`, …) that the widget's list of internal names would rename.
export default defineConfig(({ mode }) => {
  const editor = mode === 'editor';
  const script = mode === 'script' || mode === 'one-file' || editor;
  return {
    root: resolve(here, 'demo'),
    publicDir: false,
    server: { port: 5173, fs: { allow: [here] } },
    plugins: [
      // The demo's database; the end-to-end test of the demo gives it a throwaway one.
      localSchedulerApi(process.env.SCHEDULER_DEMO_DB ?? resolve(here, '.data/demo.sqlite')),
      // White space between elements is collapsed to one space, never removed: "10:30 AM <small>your booking</small>" must read as the source does.
      {
        ...minifyLiterals({
          include: ['src/**/*.ts'],
          failOnError: true,
          options: { minifyOptions: { conservativeCollapse: true } },
        }),
        apply: 'build',
      },
      guardInternalProperties(script && !editor),
      (mode === 'script' || editor) && languageFiles(),
      script && withoutAnnotations(),
    ],
    // The classic script has no import.meta: its own URL is the running <script>'s src.
    define: mode === 'one-file' ? { 'import.meta.url': '(document.currentScript?.src || location.href)' } : {},
    build: {
      outDir: resolve(here, editor ? EDITOR_FOLDER : script ? WIDGET_FOLDER : 'dist'),
      emptyOutDir: mode !== 'one-file',
      target: 'es2022',
      minify: script ? 'terser' : false,
      terserOptions: {
        ecma: 2022,
        module: mode === 'script' || editor,
        compress: {
          passes: 3,
          pure_getters: true,
          unsafe: true,
          unsafe_arrows: true,
          unsafe_methods: true,
          toplevel: true,
          keep_fargs: false,
        },
        ...(!editor && {
          mangle: { properties: { regex: new RegExp(`^(${INTERNAL_PROPERTIES.join('|')})$`) } },
          // Chunks share the flow's objects with the entry: each name is shortened the same way in every file.
          nameCache: {
            props: {
              props: Object.fromEntries(INTERNAL_PROPERTIES.map((name, i) => [`$${name}`, `$${i.toString(36)}`])),
            },
          },
        }),
        // Pure ASCII (other characters as \u escapes), so the text is right whatever charset the page declares.
        format: { ascii_only: true, comments: false },
      },
      sourcemap: true,
      reportCompressedSize: false,
      // The size check (bench/size.mjs) reads which chunks the entry imports before the first bookable time.
      manifest: mode === 'script' || editor,
      modulePreload: false,
      lib: {
        entry: editor
          ? resolve(here, 'src/editor/define.ts')
          : script
            ? resolve(here, 'src/script.ts')
            : [resolve(here, 'src/index.ts'), resolve(here, 'src/define.ts'), ...locales],
        name: 'SchedulerWidget',
        formats: mode === 'one-file' ? ['iife'] : ['es'],
        fileName: (_format, name) =>
          mode === 'one-file'
            ? 'scheduler-widget.iife.js'
            : editor
              ? 'scheduler-editor.js'
              : script
                ? 'scheduler-widget.js'
                : `${name}.js`,
      },
      rollupOptions: {
        external: script ? [] : [/^lit(\/|$)/, /^@lit\//],
        // The entry may export more than define.ts does, so the modules it shares with its chunks stay in it: no extra request before the first time.
        preserveEntrySignatures: mode === 'script' || editor ? false : 'strict',
        output:
          mode === 'script' || editor
            ? {
                // The editor's languages in a folder of their own, apart from the widget's `locales/`.
                chunkFileNames: (chunk) =>
                  chunk.facadeModuleId?.startsWith(editorLocales)
                    ? 'editor-locales/[name]-[hash].js'
                    : '[name]-[hash].js',
                // What the steps after choosing a time share (their CSS, their English): one chunk of their own, kept out of the entry.
                codeSplitting: {
                  groups: [
                    {
                      name: 'steps',
                      includeDependenciesRecursively: false,
                      test: /src[\\/](views[\\/]step-styles|i18n[\\/]en-later)\.ts$/,
                    },
                  ],
                },
              }
            : mode === 'one-file'
              ? { inlineDynamicImports: true }
              : { preserveModules: true, preserveModulesRoot: resolve(here, 'src') },
      },
    },
  };
});
