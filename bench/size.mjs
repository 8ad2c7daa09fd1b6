// Prints the gzip and brotli bytes of every file of the folder a site owner uploads, and fails when
// what a guest needs before the first bookable time (the script-tag entry and the chunks it imports
// statically, read from Vite's manifest) is over the gzip budget. Bytes are deterministic, so unlike
// timings this budget may fail CI. The chunks loaded later (after choosing a time, the popup, the
// week layout) and the one-file copy are listed with their sizes.
import { readFileSync } from 'node:fs';
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

const sizes = (file) => {
  const bytes = readFileSync(`${FOLDER}/${file}`);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const line = (file, note) => {
  const { raw, gzip, brotli } = sizes(file);
  console.log(`${FOLDER}/${file}: ${raw} B raw, ${gzip} B gzip, ${brotli} B brotli ${note}`);
  return gzip;
};

let firstGzip = 0;
for (const file of first) firstGzip += line(file, '(before the first bookable time)');
for (const file of later) line(file, '(chunk, loaded when needed)');
line('scheduler-widget.iife.js', '(the one-file copy: every chunk inlined)');
const within = firstGzip <= BUDGET_GZIP;
console.log(`Before the first bookable time: ${firstGzip} B gzip, ${within ? 'within' : 'OVER'} the ${BUDGET_GZIP} B budget`);
process.exit(within ? 0 : 1);
