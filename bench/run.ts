/**
 * `npm run bench` (after the build): every benchmark in one run, then a Markdown report on
 * stdout, also written into docs/performance.md between its figure markers; SVG charts in
 * docs/bench/ (the README shows them) and the raw numbers in bench/results/latest.json (not committed).
 *
 * Timings are medians; ratios compare numbers measured in the same run. Nothing here fails on a
 * time (machine noise is real): the exit code is non-zero only when a benchmark could not run.
 *
 *   npm run bench                    build, then all benchmarks
 *   npx tsx bench/run.ts --only engine,http,api   (skip the build and some benchmarks)
 *   npx tsx bench/run.ts --only widget --compare /tmp/before   (another build of dist/scheduler-widget/,
 *                                    e.g. main's, loaded cold interleaved with this one)
 *   npx tsx bench/run.ts --only widget --cold-loads 40   (more cold loads of each page than COLD_LOADS)
 *
 * Stages: engine, http, calendars, widget, editor, nylas, api. A stage that fails is named in the
 * report and the others still run.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { startApiProcess as startApiProcessUntyped } from '../test/support/api-process.mjs';
import { runApiBench, type ApiResults } from './api.js';
import { defer, interrupted, stopAll, stopOnSignals } from './cleanup.js';
import { runCalendarsBench, type CalendarsResults } from './calendars.js';
import { writeCharts } from './charts.js';
import { runEditorBench, type EditorResults } from './editor.js';
import { runEngineBench, type EngineResults } from './engine.js';
import { runHttpAvailabilityBench, type HttpAvailabilityResults } from './http-availability.js';
import { describeMachine, machineHeader, type Machine } from './machine.js';
import { runNylasBench, type NylasResults } from './nylas.js';
import { renderReport } from './report.js';
import { COLD_LOADS, runWidgetBench, type WidgetResults } from './widget.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');
const CHARTS = join(ROOT, 'docs', 'bench');
const PERFORMANCE_PAGE = join(ROOT, 'docs', 'performance.md');
const FIGURES_START = '<!-- figures: written by bench/run.ts -->';
const FIGURES_END = '<!-- end of figures -->';
const STAGES = ['engine', 'http', 'calendars', 'widget', 'editor', 'nylas', 'api'] as const;
type Stage = (typeof STAGES)[number];

type ApiProcess = { url: string; apiKey: string; stop: () => void };
const startApiProcess = startApiProcessUntyped as (options?: {
  seed?: string;
  extraArgs?: string[];
}) => Promise<ApiProcess>;

export interface BenchResults {
  machine: Machine;
  loadAverageAfter: number[];
  durationS: number;
  engine?: EngineResults;
  http?: HttpAvailabilityResults;
  calendars?: CalendarsResults;
  widget?: WidgetResults;
  editor?: EditorResults;
  nylas?: NylasResults;
  api?: ApiResults;
  /** The stages this run was asked for. */
  stages: Stage[];
  errors: Record<string, string>;
}

stopOnSignals();

/** The API in a child process, rate limiting off, fresh database, demo seed. */
async function withApi<T>(use: (api: ApiProcess) => Promise<T>): Promise<T> {
  const api = await startApiProcess({ seed: 'demo', extraArgs: ['--rate-limit', 'off'] });
  const stop = defer(api.stop);
  try {
    return await use(api);
  } finally {
    await stop();
  }
}

/** The value given with `--name`, if any. */
const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
};

function selected(): Stage[] {
  const at = process.argv.indexOf('--only');
  if (at === -1) return [...STAGES];
  const asked = (process.argv[at + 1] ?? '').split(',');
  const unknown = asked.filter((name) => !(STAGES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`unknown stage ${unknown.join(', ')}: the stages are ${STAGES.join(', ')}`);
  return STAGES.filter((name) => asked.includes(name));
}

/**
 * The report replaces what is between the page's figure markers: figures come from a run, never by
 * hand. Formatted as `npm run lint` checks it, so that a run leaves the page lint-clean.
 */
async function writeFiguresInto(page: string, report: string): Promise<void> {
  const text = readFileSync(page, 'utf8');
  const start = text.indexOf(FIGURES_START);
  const end = text.indexOf(FIGURES_END);
  if (start === -1 || end < start) throw new Error(`${page} has no ${FIGURES_START} … ${FIGURES_END} section`);
  const updated = `${text.slice(0, start + FIGURES_START.length)}\n\n${report}\n\n${text.slice(end)}`;
  writeFileSync(page, await format(updated, { ...(await resolveConfig(page)), filepath: page }));
}

async function main(): Promise<number> {
  const started = performance.now();
  const machine = describeMachine();
  const log = (line: string) => console.error(line);
  console.log(machineHeader(machine));
  if (machine.loadAverage[0]! > machine.cores) {
    console.log(
      `(warning: load average ${machine.loadAverage[0]} is above the ${machine.cores} cores: other work is running, expect noise)`,
    );
  }
  const only = selected();
  const results: BenchResults = { machine, loadAverageAfter: [], durationS: 0, stages: only, errors: {} };

  const stage = async <K extends Stage>(name: K, run: () => Promise<NonNullable<BenchResults[K]>>) => {
    if (!only.includes(name)) return;
    const t0 = performance.now();
    log(`[bench] ${name}…`);
    try {
      results[name] = (await run()) as BenchResults[K];
    } catch (error) {
      results.errors[name] = (error as Error).stack ?? String(error);
      log(`[bench] ${name} failed: ${(error as Error).message}`);
    }
    log(`[bench] ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };

  // The engine first, on a quiet process; then the browser; then the API under load.
  await stage('engine', async () => runEngineBench(log));
  await stage('http', () => runHttpAvailabilityBench(log));
  await stage('calendars', () => runCalendarsBench(log));
  const widgetDir = join(ROOT, 'dist/scheduler-widget');
  const widgetOptions = {
    distDir: widgetDir,
    compareDir: option('compare'),
    coldLoads: Number(option('cold-loads') ?? COLD_LOADS),
    log,
  };
  await stage('widget', () =>
    withApi((api) => runWidgetBench({ apiUrl: api.url, apiKey: api.apiKey, ...widgetOptions })),
  );
  const editorDir = join(ROOT, 'dist/scheduler-editor');
  await stage('editor', () =>
    withApi((api) => runEditorBench({ apiUrl: api.url, apiKey: api.apiKey, distDir: editorDir, log })),
  );
  await stage('nylas', () => withApi((api) => runNylasBench({ apiUrl: api.url, widgetDir, log })));
  await stage('api', () => withApi((api) => runApiBench(api, log)));

  if (interrupted()) return 130;
  results.durationS = Math.round((performance.now() - started) / 100) / 10;
  results.loadAverageAfter = (await import('node:os')).loadavg().map((x) => Math.round(x * 100) / 100);
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  const cold = results.widget?.cold;
  const charts = writeCharts(CHARTS, {
    ...(cold && {
      cold: [
        { name: 'widget', loads: cold.widgetLoads.map((l) => l.total) },
        { name: 'limit (bare fetch)', loads: cold.limitLoads.map((l) => l.total) },
        { name: 'limit with Intl', loads: cold.limitIntlLoads.map((l) => l.total) },
      ],
    }),
    ...(results.http && { http: results.http }),
    ...(results.engine && { engine: results.engine }),
    ...(results.nylas && {
      nylas: [
        { name: 'widget', loads: results.nylas.widgetLoads },
        { name: `Nylas ${results.nylas.version}`, loads: results.nylas.nylasLoads },
      ],
    }),
  });
  const report = renderReport(results);
  await writeFiguresInto(PERFORMANCE_PAGE, report);
  console.log('');
  console.log(report);
  if (charts.length) console.log(`\nCharts: ${charts.map((path) => path.slice(ROOT.length + 1)).join(', ')}`);
  console.log(
    `\nRaw results: ${join('bench', 'results', 'latest.json')} (${results.durationS} s in all; load average after ${results.loadAverageAfter.join(' ')})`,
  );
  for (const [name, error] of Object.entries(results.errors)) console.log(`\n${name} FAILED:\n${error}`);
  return Object.keys(results.errors).length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  await stopAll();
}
process.exit(code);
