// Prints the gzip and brotli sizes of what a guest downloads, and fails over the gzip budget.
// Bytes are deterministic, so unlike timings this budget may fail CI.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 20 * 1024;
const files = ['dist/scheduler-widget.iife.js'];

let failed = false;
for (const file of files) {
  const bytes = readFileSync(file);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budgeted = file.endsWith('.iife.js');
  const verdict = budgeted ? (gzip <= BUDGET_GZIP ? `within ${BUDGET_GZIP} B budget` : `OVER ${BUDGET_GZIP} B budget`) : '(Lit not included)';
  console.log(`${file}: ${bytes.length} B raw, ${gzip} B gzip, ${brotli} B brotli ${verdict}`);
  if (budgeted && gzip > BUDGET_GZIP) failed = true;
}
process.exit(failed ? 1 : 0);
