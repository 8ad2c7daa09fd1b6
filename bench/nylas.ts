/**
 * The widget against Nylas's own `<nylas-scheduling>` (@nylas/web-elements, its CDN build from
 * node_modules) on the same local API and configuration: cold first bookable time of each, every
 * load in a new browser context with the HTTP cache off, the two interleaved in alternating order.
 * Nylas's element is pointed at the API with `scheduler-api-url` and `configuration-id`
 * (https://developer.nylas.com/docs/reference/ui/scheduling/); its first time is a
 * `button[part~="ntp__timeslot"]` in `<nylas-timeslot-picker>`'s shadow root, inside its own.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { PUBLIC_CONFIGURATION_ID } from '../server/seed.js';
import { shadowProbe, withBrowserAndSites } from './browser.js';
import { summarize, type Summary } from './stats.js';
import { coldLoad, widgetPage } from './widget.js';

export const NYLAS_LOADS = 7;
/** The widget's first bookable time should come this many times sooner than Nylas's. */
export const NYLAS_SPEEDUP_GOAL = 10;

export interface NylasResults {
  version: string;
  widget: Summary;
  nylas: Summary;
  widgetLoads: number[];
  nylasLoads: number[];
  /** nylas / widget medians. */
  speedup: number;
}

const FIRST_TIME = `document.querySelector('nylas-scheduling')?.shadowRoot
  ?.querySelector('nylas-timeslot-picker')?.shadowRoot?.querySelector('button[part~="ntp__timeslot"]')`;

function nylasPage(apiUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nylas cold load</title>
<script>${shadowProbe(FIRST_TIME)}</script>
<script type="module" src="/nylas-web-elements.esm.js"></script></head>
<body><main><nylas-scheduling configuration-id="${PUBLIC_CONFIGURATION_ID}" scheduler-api-url="${apiUrl}">
</nylas-scheduling></main></body></html>`;
}

export async function runNylasBench(options: {
  apiUrl: string;
  widgetDir: string;
  log: (line: string) => void;
}): Promise<NylasResults> {
  const { apiUrl, widgetDir, log } = options;
  // The package exports no ./package.json: its root is found from its main entry (dist/index.cjs.js).
  const distDir = dirname(createRequire(import.meta.url).resolve('@nylas/web-elements'));
  const packageJson = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string };
  const version = packageJson.version;
  const nylasDir = join(distDir, 'nylas-web-elements');
  const folders: Array<{ root: string; pages: Record<string, string> }> = [
    { root: widgetDir, pages: { '/widget.html': widgetPage(apiUrl) } },
    { root: nylasDir, pages: { '/nylas.html': nylasPage(apiUrl) } },
  ];
  const loads = await withBrowserAndSites(folders, async (browser, [widgetSite, nylasSite]) => {
    const load = async (kind: 'widget' | 'nylas') =>
      kind === 'widget'
        ? (await coldLoad(browser, `${widgetSite!.url}/widget.html`, true)).total
        : (await coldLoad(browser, `${nylasSite!.url}/nylas.html`, false)).total;
    await load('widget');
    await load('nylas');
    const out = { widget: [] as number[], nylas: [] as number[] };
    for (let i = 0; i < NYLAS_LOADS; i++) {
      for (const kind of i % 2 ? (['nylas', 'widget'] as const) : (['widget', 'nylas'] as const)) {
        out[kind].push(await load(kind));
      }
    }
    return out;
  });
  const widget = summarize(loads.widget);
  const nylas = summarize(loads.nylas);
  const speedup = nylas.median / widget.median;
  log(
    `  cold first bookable time: widget ${widget.median.toFixed(1)} ms vs Nylas's element ${version} ` +
      `${nylas.median.toFixed(1)} ms (${speedup.toFixed(2)}× faster), medians of ${widget.n}`,
  );
  return { version, widget, nylas, widgetLoads: loads.widget, nylasLoads: loads.nylas, speedup };
}
