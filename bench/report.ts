/** The Markdown report of a bench run (stdout; the README's performance section). */
import type { BenchResults } from './run.js';
import { EVENTS, PARTICIPANTS } from './engine.js';
import { PHASES, type InteractionTiming } from './widget.js';
import { fmt } from './stats.js';

/** One 60 Hz frame. */
export const FRAME_MS = 1000 / 60;
/** Heap growth below this is measurement noise (GC timing, allocation-site bookkeeping). */
export const MEMORY_NOISE_KB = 16;

const yes = (ok: boolean) => (ok ? '✅ yes' : '❌ no');
const ms = (x: number | undefined) => `${fmt(x)} ms`;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function interaction(t: InteractionTiming): string {
  return (
    `${ms(t.paint.median)} (double rAF); first frame ends at ${ms(t.nextFrame.median)}; ` +
    `work ${ms(t.work.median)} (DOM ${ms(t.dom.median)} + rendering ${ms(t.render.median)})`
  );
}

export function renderReport(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push('## Performance');
  out.push('');
  out.push(
    `Measured with \`npm run bench\` on ${m.cpu} (${m.cores} cores, ${m.ramGiB} GiB RAM), Node ${m.node}, ${r.widget ? `Chromium ${r.widget.chromium}` : m.chromium} headless; ` +
      `load average ${m.loadAverage[0]} at start${r.widget ? `; widget script ${r.widget.script.bytes} B (sha256 ${r.widget.script.sha256}…)` : ''}. ` +
      'Medians; ratios compare numbers from the same run. Times vary between machines and runs: the goals are a guide, not a CI gate.',
  );
  out.push('');
  out.push(row(['Area', 'What is measured', 'Result (median)', 'Goal', 'Met']));
  out.push(row(['---', '---', '---', '---', '---']));

  const w = r.widget;
  if (w) {
    const c = w.cold;
    out.push(row(['Widget cold load', `navigation start → first bookable time painted (new context, cache off, n=${c.widget.n})`, ms(c.widget.median), '—', '']));
    out.push(row(['LIMIT (bare page)', `navigation start → the same 2 responses fetched in parallel, written to the DOM, painted (n=${c.limit.n})`, ms(c.limit.median), '—', '']));
    out.push(row(['Widget vs limit', 'ratio of the two medians above', `${fmt(c.ratio)}×`, '≤ 1.5×', yes(c.ratio <= 1.5)]));
    out.push(
      row([
        'LIMIT with Intl',
        `the limit page, but grouping and labelling times with Intl (first use initialises ICU) (n=${c.limitIntl.n})`,
        `${ms(c.limitIntl.median)} (widget ${fmt(c.ratioIntl)}× this)`,
        '—',
        '',
      ]),
    );
    const frameGoal = 'one frame: work ≤ 16.7 ms, so the result is in the first frame after the click';
    out.push(row(['Select a day', `click → that day's times painted, warm (n=${w.daySelect.paint.n})`, interaction(w.daySelect), frameGoal, yes(w.daySelect.work.median <= FRAME_MS)]));
    out.push(row(['Next month', `click → month painted, prefetched (n=${w.nextMonth.paint.n})`, interaction(w.nextMonth), frameGoal, yes(w.nextMonth.work.median <= FRAME_MS)]));
    out.push(row(['Previous month', `click → month painted, cached (n=${w.previousMonth.paint.n})`, interaction(w.previousMonth), '—', '']));
    const mem = w.memory;
    out.push(
      row([
        'Memory',
        `JS heap after ${mem.switches} month switches vs before, after forced GC`,
        `${fmt(mem.growthKB, 1)} KB (page objects ${fmt(mem.pageObjectsGrowthKB, 1)} KB; next ${mem.switches}: ${fmt(mem.secondBatchGrowthKB, 1)} KB; noise ${fmt(mem.noiseKB, 1)} KB)`,
        `no growth beyond noise (≤ ${MEMORY_NOISE_KB} KB of page objects)`,
        yes(mem.pageObjectsGrowthKB <= MEMORY_NOISE_KB),
      ]),
    );
  }
  const e = r.engine;
  if (e) {
    out.push(row(['Engine', '10 participants, 10k busy events, 60 days of 30-min slots, per call', ms(e.tenByTenK), '< 20 ms', yes(e.tenByTenK < 20)]));
    out.push(row(['Engine', '10× the events → time, worst ratio over 1/10/50 participants', `${fmt(e.worstGrowth)}×`, '≤ 12×', yes(e.worstGrowth <= 12)]));
  }
  const a = r.api;
  if (a) {
    for (const l of [a.availability7d, a.availability30d, a.bookings]) {
      const statuses = Object.entries(l.statuses).map(([code, n]) => `${n}×${code}`).join(', ');
      out.push(
        row([
          'API',
          `${l.name}, ${l.connections} connections, ${fmt(l.durationS, 1)} s`,
          `${fmt(l.rps, 0)} req/s, p50 ${ms(l.latencyMs.p50)}, p99 ${ms(l.latencyMs.p99)}; ${l.non2xx} non-2xx` +
            `${l.conflicts409 !== undefined ? ` (409 slot refused: ${l.conflicts409})` : ''}${l.errors ? `, ${l.errors} socket errors` : ''} [${statuses}]`,
          '—',
          '',
        ]),
      );
    }
  }

  out.push('');
  out.push(
    [
      '- Cold loads: each in a new browser context with the HTTP cache off, widget and limit pages interleaved; time from navigation start to a double `requestAnimationFrame` after the first `button.slot` is in the DOM.',
      '- Interactions: `click()` dispatched in the page; "double rAF" is the time to the second animation frame after the result is in the DOM (a painted frame is guaranteed by then, so it includes one extra frame by construction); "first frame ends" is rAF + a task after the result, i.e. the end of the first frame that shows it, including the wait for vsync; "work" is the main thread time the widget needs (DOM update + that frame\'s style, layout and paint).',
      '- Memory: `gc()` and CDP `HeapProfiler.collectGarbage` before each reading of `Runtime.getHeapUsage`; heap snapshots split the growth into page objects, V8 code (JIT) and browser-bounded performance-timeline entries.',
      '- Engine: `computeAvailability` in-process, median of ≥ 15 calls after warm-up, busy events of 30–120 min in working hours from a seeded PRNG (dense: slot counts show how much stays free).',
      '- API: autocannon in the bench process, the API in a child process (`--rate-limit off`, WAL SQLite on local disk); bookings each take a distinct free 5-minute slot of a 24/7 configuration.',
    ].join('\n'),
  );

  if (e) {
    out.push('');
    out.push(`Engine, collective, ms per call (median; zones ${e.window.zones.join(', ')}, window from ${e.window.start.slice(0, 10)}, ${e.window.days} days):`);
    out.push('');
    out.push(row(['Participants \\ busy events', ...EVENTS.map((n) => `${n / 1000}k`), '1k→10k', '10k→100k']));
    out.push(row(['---', ...EVENTS.map(() => '---:'), '---:', '---:']));
    for (const p of PARTICIPANTS) {
      const g = e.growth.find((x) => x.participants === p)!;
      out.push(
        row([
          String(p),
          ...EVENTS.map((n) => {
            const cell = e.cells.find((c) => c.participants === p && c.events === n)!;
            return `${fmt(cell.time.median)} (${cell.slots} slots)`;
          }),
          `${fmt(g.from1kTo10k)}×`,
          `${fmt(g.from10kTo100k)}×`,
        ]),
      );
    }
    out.push('');
    out.push(
      `Also: round-robin (max-availability) 10×10k ${ms(e.extras.roundRobin10x10k.median)}; collective 10×10k with the wall-time memo cleared before each call ${ms(e.extras.coldCache10x10k.median)}.`,
    );
  }

  if (w) {
    out.push('');
    out.push('Cold load, critical path (median of each span, ms):');
    out.push('');
    out.push(row(['Span', 'Widget', 'Limit', 'Limit with Intl']));
    out.push(row(['---', '---:', '---:', '---:']));
    for (const p of PHASES) {
      out.push(row([p, fmt(w.phaseMedians.widget[p]), fmt(w.phaseMedians.limit[p]), fmt(w.phaseMedians.limitIntl[p])]));
    }
    out.push('');
    out.push(`Typical widget load (the one at the median), requests in order (ms from navigation start):`);
    out.push('');
    out.push('```');
    for (const x of w.typicalWidgetLoad.waterfall) out.push(`${fmt(x.start).padStart(7)} → ${fmt(x.end).padStart(7)}  ${x.name}`);
    const mm = w.typicalWidgetLoad.milestones;
    out.push(
      `shadow root ${fmt(mm.shadowAttached as number)}, DOMContentLoaded ${fmt(mm.domContentLoaded as number)}, first slot in DOM ${fmt(mm.firstSlotDom as number)}, painted ${fmt(mm.firstSlotPainted as number)}`,
    );
    out.push('```');
  }
  return out.join('\n');
}
