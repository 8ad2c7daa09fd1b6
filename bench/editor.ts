/**
 * The organizer's `<scheduler-editor>` (dist/scheduler-editor/, as a site owner uploads it) against
 * the local API with the demo seed:
 * - cold load to an editable form: each load in a new browser context with the HTTP cache off,
 *   navigation start → the first (non-group) configuration of the list opened (clicked in the page
 *   the moment its Edit button is in the DOM) → the form's first input in the DOM and painted;
 * - bytes: every script of the folder (entry, chunks, the preview's widget), gzip level 9, as
 *   `npm run size` counts them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ORGANIZER_GRANT_ID } from '../server/seed.js';
import { shadowProbe, withBrowserAndSites } from './browser.js';
import { summarize, type Summary } from './stats.js';
import { coldLoad } from './widget.js';

export const EDITOR_LOADS = 9;
const EDITOR_WARMUP = 2;
/** The editor's scripts, all of them, gzip. */
export const EDITOR_GOAL_GZIP_KB = 60;
/** Nylas's `<nylas-scheduler-editor>`, gzip, for comparison. */
export const NYLAS_EDITOR_GZIP_KB = 616;

export interface EditorResults {
  cold: Summary;
  loads: number[];
  bytes: { gzip: number; files: number };
}

const EDITOR_ROOT = `document.querySelector('scheduler-editor')?.shadowRoot`;
const PROBE = shadowProbe(
  `${EDITOR_ROOT}?.querySelector('form input')`,
  // A group configuration (no Duplicate button) opens the group view: the first other one is opened.
  `const item = [...(${EDITOR_ROOT}?.querySelectorAll('ul[part="list"] li') ?? [])]
      .find((li) => li.querySelector('button[aria-label^="Duplicate: "]'));
    const edit = item?.querySelector('button[aria-label^="Edit: "]');
    if (edit && !window.__benchEditClicked) { window.__benchEditClicked = true; edit.click(); }`,
);

/** The API key stands in for the organizer's token on a named grant (loopback only; never on a real page). */
function editorPage(apiUrl: string, apiKey: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Editor cold load</title>
<script>${PROBE}</script>
<script type="module" src="/scheduler-editor.js"></script></head>
<body><main><scheduler-editor api-url="${apiUrl}" access-token="${apiKey}" grant-id="${ORGANIZER_GRANT_ID}">
</scheduler-editor></main></body></html>`;
}

export function editorBytes(distDir: string): EditorResults['bytes'] {
  const files = readdirSync(distDir).filter((file) => file.endsWith('.js'));
  const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length, 0);
  return { gzip, files: files.length };
}

export async function runEditorBench(options: {
  apiUrl: string;
  apiKey: string;
  distDir: string;
  log: (line: string) => void;
}): Promise<EditorResults> {
  const { apiUrl, apiKey, distDir, log } = options;
  const bytes = editorBytes(distDir);
  log(`  editor scripts: ${bytes.files} files, ${bytes.gzip} B gzip`);
  const pages = { '/editor.html': editorPage(apiUrl, apiKey) };
  const loads = await withBrowserAndSites([{ root: distDir, pages }], async (browser, [site]) => {
    const url = `${site!.url}/editor.html`;
    for (let i = 0; i < EDITOR_WARMUP; i++) await coldLoad(browser, url, false);
    const out: number[] = [];
    for (let i = 0; i < EDITOR_LOADS; i++) out.push((await coldLoad(browser, url, false)).total);
    return out;
  });
  const cold = summarize(loads);
  log(`  editor cold load to an editable form: ${cold.median.toFixed(1)} ms, median of ${cold.n}`);
  return { cold, loads, bytes };
}
