// Prints the gzip and brotli sizes of what a guest downloads, and fails over the gzip budget.
// Bytes are deterministic, so unlike timings this budget may fail CI. The budget is the one-file
// script's (what a guest needs up to the first bookable time); its parts, loaded from beside it
// when the browser is idle, are listed with it.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 20 * 1024;
const SCRIPT = 'dist/scheduler-widget.iife.js';
const parts = readdirSync('dist/parts')
  .filter((name) => name.endsWith('.js'))
  .map((name) => `dist/parts/${name}`);

let failed = false;
for (const file of [SCRIPT, ...parts]) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budgeted = file === SCRIPT;
  const verdict = budgeted ? (gzip <= BUDGET_GZIP ? `within ${BUDGET_GZIP} B budget` : `OVER ${BUDGET_GZIP} B budget`) : '(part, loaded when idle)';
  console.log(`${file}: ${bytes.length} B raw, ${gzip} B gzip, ${brotli} B brotli ${verdict}`);
  if (budgeted && gzip > BUDGET_GZIP) failed = true;
}
process.exit(failed ? 1 : 0);
