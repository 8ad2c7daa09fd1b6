// Prints the gzip and brotli bytes of every file of the folder a site owner uploads, and fails when
// what a guest needs before the first bookable time (the script-tag entry and the chunks it imports
// statically, read from Vite's manifest) is over the gzip budget. Bytes are deterministic, so unlike
// timings this budget may fail CI. The chunks loaded later (after choosing a time, the popup, the
// week layout) and the one-file copy are listed with their sizes. Then the organizer's editor
// (dist/scheduler-editor/): every script of its folder, and their gzip total against its goal.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 20 * 1024;
const FOLDER = 'dist/scheduler-widget';
const manifest = JSON.parse(readFileSync(`${FOLDER}/.vite/manifest.json`, 'utf8'));
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);

/** The entry's file and every chunk it imports statically, transitively. */
function firstLoad(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) firstLoad(imported, seen);
  return seen;
}
const first = [...firstLoad(entryKey)].map((key) => manifest[key].file);
const later = Object.values(manifest)
  .map((chunk) => chunk.file)
  .filter((file) => !first.includes(file));

const sizes = (file, folder = FOLDER) => {
  const bytes = readFileSync(`${folder}/${file}`);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const line = (file, note, folder = FOLDER) => {
  const { raw, gzip, brotli } = sizes(file, folder);
  console.log(`${folder}/${file}: ${raw} B raw, ${gzip} B gzip, ${brotli} B brotli ${note}`);
  return gzip;
};

let firstGzip = 0;
for (const file of first) firstGzip += line(file, '(before the first bookable time)');
for (const file of later) line(file, '(chunk, loaded when needed)');
line('scheduler-widget.iife.js', '(the one-file copy: every chunk inlined)');
const within = firstGzip <= BUDGET_GZIP;
console.log(`Before the first bookable time: ${firstGzip} B gzip, ${within ? 'within' : 'OVER'} the ${BUDGET_GZIP} B budget`);

// The editor, all of it: its entry, its chunks and the widget its preview shows (the widget's
// language files beside them are listed apart: the preview loads one at most). Nylas's
// <nylas-scheduler-editor> is 616 KB gzip.
const EDITOR_FOLDER = 'dist/scheduler-editor';
const EDITOR_GOAL_GZIP = 60 * 1024;
const editorFiles = readdirSync(EDITOR_FOLDER).filter((file) => file.endsWith('.js'));
let editorGzip = 0;
for (const file of editorFiles) editorGzip += line(file, '(editor)', EDITOR_FOLDER);
const languagesGzip = readdirSync(`${EDITOR_FOLDER}/locales`).reduce(
  (sum, file) => sum + sizes(file, `${EDITOR_FOLDER}/locales`).gzip,
  0,
);
const editorWithin = editorGzip <= EDITOR_GOAL_GZIP;
console.log(
  `The editor, every chunk: ${editorGzip} B gzip, ${editorWithin ? 'within' : 'OVER'} the ${EDITOR_GOAL_GZIP} B goal ` +
    `(Nylas's editor: 616 KB gzip); the preview's 11 language files: ${languagesGzip} B gzip more`,
);
process.exit(within && editorWithin ? 0 : 1);
