/** The Markdown report of a bench run (stdout; the README's performance section). */
import type { BenchResults } from './run.js';
import { CALENDAR_AVAILABILITY_GOAL_MS, CALENDAR_GROWTH_GOAL } from './calendars.js';
import { EDITOR_GOAL_GZIP_KB, NYLAS_EDITOR_GZIP_KB } from './editor.js';
import { EVENTS, PARTICIPANTS } from './engine.js';
import { HTTP_GOAL_MS, PEOPLE } from './http-availability.js';
import { NYLAS_SPEEDUP_GOAL } from './nylas.js';
import { PHASES, RENDER_PHASES, type InteractionTiming } from './widget.js';
import { fmt } from './stats.js';

/** One 60 Hz frame. */
export const FRAME_MS = 1000 / 60;
/** One availability answer should cost less than this, warm or cold. */
export const ENGINE_GOAL_MS = 20;
/** The widget's cold first bookable time against the bare-fetch limit. */
export const COLD_RATIO_GOAL = 1.25;
/**
 * Total retained heap may grow this much over 200 month switches: one leaked month of times
 * (~30 slot objects and their labels, several KB) per switch would add hundreds of KB.
 */
export const MEMORY_GROWTH_KB = 16;

const yes = (ok: boolean) => (ok ? '✅ yes' : '❌ no');
const ms = (x: number | undefined) => `${fmt(x)} ms`;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

/** The result is in the first frame after every click, and that frame ends within one frame time. */
const inOneFrame = (t: InteractionTiming): boolean =>
  t.inFirstFrame === t.nextFrame.n && t.nextFrame.median <= FRAME_MS;

function interaction(t: InteractionTiming): string {
  return (
    `in the first frame after ${t.inFirstFrame}/${t.nextFrame.n} clicks; that frame ends at ${ms(t.nextFrame.median)}; ${ms(t.paint.median)} (double rAF); ` +
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
      `load average ${m.loadAverage[0]} at start, ${r.loadAverageAfter[0]} at the end${
        Math.max(m.loadAverage[0]!, r.loadAverageAfter[0] ?? 0) > m.cores
          ? ` (above the ${m.cores} cores: other work was running, expect noise)`
          : ''
      }${r.widget ? `; widget script ${r.widget.script.bytes} B (sha256 ${r.widget.script.sha256}…)` : ''}. ` +
      'Medians; ratios compare numbers from the same run. Times vary between machines and runs: the goals are a guide, not a CI gate.',
  );
  out.push('');
  out.push(row(['Area', 'What is measured', 'Result (median)', 'Goal', 'Met']));
  out.push(row(['---', '---', '---', '---', '---']));

  const w = r.widget;
  if (w) {
    const c = w.cold;
    out.push(
      row([
        'Widget cold load',
        `navigation start → first bookable time painted (new context, cache off, n=${c.widget.n})`,
        ms(c.widget.median),
        '—',
        '',
      ]),
    );
    out.push(
      row([
        'LIMIT (bare page)',
        `navigation start → the same 2 responses fetched in parallel, written to the DOM, painted (n=${c.limit.n})`,
        ms(c.limit.median),
        '—',
        '',
      ]),
    );
    out.push(
      row([
        'Widget vs limit',
        'ratio of the two medians above',
        `${fmt(c.ratio)}×`,
        `≤ ${COLD_RATIO_GOAL}×`,
        yes(c.ratio <= COLD_RATIO_GOAL),
      ]),
    );
    const n = c.overNetwork;
    out.push(
      row([
        `The same over a ${n.latencyMs} ms round trip`,
        `widget and limit again, interleaved, every request (page, script, API) delayed by ${n.latencyMs} ms (CDP network emulation) (n=${n.widget.n} each)`,
        `${ms(n.widget.median)} vs ${ms(n.limit.median)}: ${fmt(n.ratio)}×`,
        `≤ ${COLD_RATIO_GOAL}×`,
        yes(n.ratio <= COLD_RATIO_GOAL),
      ]),
    );
    out.push(
      row([
        'LIMIT with Intl',
        `the limit page, but grouping and labelling times with Intl (first use initialises ICU) (n=${c.limitIntl.n})`,
        `${ms(c.limitIntl.median)} (widget ${fmt(c.ratioIntl)}× this)`,
        '—',
        '',
      ]),
    );
    const script = c.limitScript;
    out.push(
      row([
        'LIMIT from a script file',
        `the Intl limit page with its code in a file of its own, as any script tag must load (n=${script.loopback.n})`,
        `${ms(script.loopback.median)} (widget ${fmt(c.widget.median / script.loopback.median)}× this); over ${n.latencyMs} ms ` +
          `${ms(script.overNetwork.median)} (widget ${fmt(n.widget.median / script.overNetwork.median)}× this)`,
        `≤ ${COLD_RATIO_GOAL}×`,
        `${yes(c.widget.median / script.loopback.median <= COLD_RATIO_GOAL)}; over ${n.latencyMs} ms ` +
          yes(n.widget.median / script.overNetwork.median <= COLD_RATIO_GOAL),
      ]),
    );
    if (c.compare) {
      const k = c.compare;
      out.push(
        row([
          'Compared build',
          `${k.dir}, loaded cold interleaved with this one (n=${k.loopback.n})`,
          `${ms(k.loopback.median)}; over ${n.latencyMs} ms ${ms(k.overNetwork.median)}. This build / it, median of the ` +
            `rounds: ${fmt(k.pairedRatio.loopback)} on loopback, ${fmt(k.pairedRatio.overNetwork)} over ${n.latencyMs} ms`,
          '—',
          '',
        ]),
      );
    }
    out.push(
      row([
        'Render after the data',
        `both answers in → first time painted, split: ${RENDER_PHASES.map((p) => `${p} ${ms(w.renderPhaseMedians[p])}`).join('; ')}`,
        ms(RENDER_PHASES.reduce((sum, p) => sum + w.renderPhaseMedians[p]!, 0)),
        '—',
        '',
      ]),
    );
    out.push(
      row([
        'Popup',
        `click on the trigger → first time painted in the modal, new context, cache off (n=${w.popup.hovered.n} each)`,
        `after a 300 ms hover ${ms(w.popup.hovered.median)}; no hover ${ms(w.popup.direct.median)}`,
        '—',
        '',
      ]),
    );
    const frameGoal = `one frame: every click's result is in the first frame after it, and that frame is painted ≤ ${fmt(FRAME_MS)} ms after the click (median)`;
    out.push(
      row([
        'Select a day',
        `click → that day's times painted, warm (n=${w.daySelect.paint.n})`,
        interaction(w.daySelect),
        frameGoal,
        yes(inOneFrame(w.daySelect)),
      ]),
    );
    out.push(
      row([
        'Next month',
        `click → month painted, prefetched (n=${w.nextMonth.paint.n})`,
        interaction(w.nextMonth),
        frameGoal,
        yes(inOneFrame(w.nextMonth)),
      ]),
    );
    out.push(
      row([
        'Previous month',
        `click → month painted, cached (n=${w.previousMonth.paint.n})`,
        interaction(w.previousMonth),
        '—',
        '',
      ]),
    );
    const mem = w.memory;
    out.push(
      row([
        'Memory',
        `total used JS heap after forced GC: after ${mem.switches} month switches vs before, then the next ${mem.switches}`,
        `first ${mem.switches}: ${fmt(mem.growthKB, 1)} KB; next ${mem.switches}: ${fmt(mem.secondBatchGrowthKB, 1)} KB; noise ${fmt(mem.noiseKB, 1)} KB (heap snapshot: page objects ${fmt(mem.pageObjectsGrowthKB, 1)} KB of the first)`,
        `≤ ${MEMORY_GROWTH_KB} KB per ${mem.switches} switches`,
        `first ${yes(mem.growthKB <= MEMORY_GROWTH_KB)}; next ${yes(mem.secondBatchGrowthKB <= MEMORY_GROWTH_KB)}`,
      ]),
    );
  }
  const ed = r.editor;
  if (ed) {
    out.push(
      row([
        'Editor cold load',
        `navigation start → the first configuration opened (clicked as soon as listed) → the form's first input painted (new context, cache off, n=${ed.cold.n})`,
        ms(ed.cold.median),
        '—',
        '',
      ]),
    );
    const kb = ed.bytes.gzip / 1024;
    out.push(
      row([
        'Editor bytes',
        `every script of dist/scheduler-editor/ (${ed.bytes.files} files: entry, chunks, the preview's widget), gzip -9`,
        `${fmt(kb, 1)} KB (Nylas's editor: ${NYLAS_EDITOR_GZIP_KB} KB)`,
        `≤ ${EDITOR_GOAL_GZIP_KB} KB`,
        yes(kb <= EDITOR_GOAL_GZIP_KB),
      ]),
    );
  }
  const ny = r.nylas;
  if (ny) {
    out.push(
      row([
        'Widget vs Nylas',
        `cold first bookable time of the widget and of Nylas's \`<nylas-scheduling>\` (@nylas/web-elements ${ny.version}) on the same API and configuration, interleaved (n=${ny.widget.n} each)`,
        `${ms(ny.widget.median)} vs ${ms(ny.nylas.median)}: ${fmt(ny.speedup)}× faster`,
        `≥ ${NYLAS_SPEEDUP_GOAL}× faster`,
        yes(ny.speedup >= NYLAS_SPEEDUP_GOAL),
      ]),
    );
  }
  const e = r.engine;
  if (e) {
    for (const cell of e.realistic) {
      out.push(
        row([
          'Engine',
          `${cell.name} (${cell.method}), ${cell.meetingsPerWorkday} meetings per working day each (${cell.events} busy events), 60 days of 30-min slots → ${cell.slots} slots, per call`,
          `warm ${ms(cell.warm.median)}; cold ${ms(cell.cold.median)}`,
          `< ${ENGINE_GOAL_MS} ms warm and cold`,
          `warm ${yes(cell.warm.median < ENGINE_GOAL_MS)}; cold ${yes(cell.cold.median < ENGINE_GOAL_MS)}`,
        ]),
      );
    }
    out.push(
      row([
        'Engine',
        '10× the events → time, worst ratio over 1/10/50 participants',
        `${fmt(e.worstGrowth)}×`,
        '≤ 12×',
        yes(e.worstGrowth <= 12),
      ]),
    );
  }
  const h = r.http;
  if (h) {
    const method = (m: string) => (m === 'collective' ? 'collective' : 'round-robin');
    for (const cell of h.cells.filter((c) => c.events === 10_000)) {
      const p = cell.profile;
      out.push(
        row([
          'HTTP availability',
          `${method(cell.method)}, ${PEOPLE} people, ${cell.events / 1000}k busy events in the database, ${h.days} days (${cell.slots} slots, ${cell.bytes} B), one GET over loopback (n=${cell.http.n})`,
          `${ms(cell.http.median)}; right after a write ${ms(cell.afterWrite.median)}. Profile: db ${ms(p.dbMs)} (after a write ${ms(p.dbAfterWriteMs)}), engine ${ms(p.engineMs)}, JSON ${ms(p.jsonMs)}, HTTP and the rest ${ms(p.restMs)}`,
          `≤ ${HTTP_GOAL_MS} ms`,
          `${yes(cell.http.median <= HTTP_GOAL_MS)}; after a write ${yes(cell.afterWrite.median <= HTTP_GOAL_MS)}`,
        ]),
      );
    }
    const growth = (step: 'afterWrite' | 'http') => {
      const at = (m: string, e: number) => h.cells.find((c) => c.method === m && c.events === e)![step].median;
      return Math.max(
        ...[...new Set(h.cells.map((c) => c.method))].flatMap((m) => [
          at(m, 10_000) / at(m, 1_000),
          at(m, 100_000) / at(m, 10_000),
        ]),
      );
    };
    out.push(
      row([
        'HTTP availability',
        '10× the events → time, worst of 1k→10k and 10k→100k, both methods',
        `${fmt(growth('http'))}×; after a write ${fmt(growth('afterWrite'))}×`,
        '≤ 12×',
        `${yes(growth('http') <= 12)}; after a write ${yes(growth('afterWrite') <= 12)}`,
      ]),
    );
    out.push(
      row([
        'HTTP group availability',
        `${h.group.series} weekly series over ${h.group.days} days, a seat taken on each (${h.group.slots} slots), one GET (n=${h.group.http.n})`,
        ms(h.group.http.median),
        `≤ ${HTTP_GOAL_MS} ms`,
        yes(h.group.http.median <= HTTP_GOAL_MS),
      ]),
    );
  }
  const cal = r.calendars;
  if (cal) {
    const av = cal.availability;
    out.push(
      row([
        'Calendars: availability',
        'one organizer, 30 days of 30-min slots, one GET over loopback, interleaved: no connected calendar vs an ICS feed of 1k and of 10k events synced into the store (n=' +
          `${av.events10k.n})`,
        `none ${ms(av.none.median)}; 1k ${ms(av.events1k.median)}; 10k ${ms(av.events10k.median)}`,
        `≤ ${CALENDAR_AVAILABILITY_GOAL_MS} ms with 10k`,
        yes(av.events10k.median <= CALENDAR_AVAILABILITY_GOAL_MS),
      ]),
    );
    out.push(
      row([
        'Calendars: growth',
        '10× the synced events → time (10k vs 1k)',
        `${fmt(cal.growth)}×`,
        `≤ ${CALENDAR_GROWTH_GOAL}×`,
        yes(cal.growth <= CALENDAR_GROWTH_GOAL),
      ]),
    );
    const dav = cal.caldav;
    out.push(
      row([
        'Calendars: sync',
        'connecting a calendar (its first read into the store); CalDAV: Radicale, discovery + sync-collection + multiget, then rounds of the periodic sync',
        `ICS 1k ${ms(cal.icsSyncMs.events1k)}; ICS 10k ${ms(cal.icsSyncMs.events10k)}` +
          (dav
            ? `; CalDAV 1k ${ms(dav.firstSyncMs)}, a round with nothing changed ${ms(dav.unchangedRoundMs)}, one event changed ${ms(dav.oneChangedRoundMs)}`
            : `; CalDAV skipped: ${cal.caldavSkipped}`),
        '—',
        '',
      ]),
    );
    if (dav) {
      const b = dav.bookingMs;
      out.push(
        row([
          'Calendars: server down',
          `the organizer's CalDAV server refusing connections or hanging: a booking (re-checks the calendar, waits ≤ ${dav.bookingWaitMs} ms) and availability (last good copy), median of 5 bookings and of ${cal.availability.none.n} GETs`,
          `booking: no calendar ${ms(b.noCalendar)}, reachable ${ms(b.reachable)}, refused ${ms(b.refused)}, hanging ${ms(b.hanging)}; availability: reachable ${ms(dav.availabilityMs)}, refused ${ms(dav.availabilityWhileDownMs.refused)}, hanging ${ms(dav.availabilityWhileDownMs.hanging)}`,
          `booking ≤ ${dav.bookingWaitMs} ms + a reachable booking`,
          yes(Math.max(b.refused, b.hanging) <= dav.bookingWaitMs + b.reachable),
        ]),
      );
    }
  }
  const a = r.api;
  if (a) {
    for (const l of [a.availability7d, a.availability30d, a.bookings]) {
      const statuses = Object.entries(l.statuses)
        .map(([code, n]) => `${n}×${code}`)
        .join(', ');
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

  for (const [stage, error] of Object.entries(r.errors)) {
    out.push(
      row([
        `Stage \`${stage}\``,
        'could not run (the other stages did; the error is printed after the report)',
        `FAILED: ${error.split('\n')[0]!.replace(/\|/g, '\\|')}`,
        '—',
        '❌ not measured',
      ]),
    );
  }
  out.push('');
  out.push(
    [
      `- Stages run: ${r.stages.join(', ')}.`,
      '- Cold loads: each in a new browser context with the HTTP cache off, widget and limit pages interleaved; time from navigation start to a double `requestAnimationFrame` after the first `button.slot` is in the DOM.',
      '- Interactions: `click()` dispatched in the page; "in the first frame" counts clicks whose result is in the DOM when the first `requestAnimationFrame` callback after the click runs (so that frame renders it); "that frame ends" is rAF + a task after the result, i.e. the end of the main-thread work (style, layout, paint) of the first frame that shows it, including the wait for vsync: the verdict; "double rAF" is the second animation frame after the result (one extra frame by construction); "work" is the main thread time the widget needs (DOM update + that frame\'s style, layout and paint), shown, not judged.',
      '- Memory: `gc()` and CDP `HeapProfiler.collectGarbage` (three rounds) before each reading of CDP `Runtime.getHeapUsage().usedSize`, the total retained JS heap: the verdict; the first batch includes one-time growth (JIT code, caches), the next batch is the steady state. Heap snapshots split the growth by holder (page objects, V8 code, browser-bounded performance-timeline entries) as a hint only.',
      '- Engine: `computeAvailability` in-process, median of ≥ 15 calls after warm-up, busy events of 30–120 min in working hours from a seeded PRNG. The headline rows are realistic calendars (a few meetings a day, hundreds of slots offered); "cold" clears the wall-time memo before each call (a fresh process, or a window and zones not asked for before), "warm" keeps it. The grid below is a stress test whose dense cells are booked solid (their slot counts show it).',
      '- HTTP availability: the API in the bench process (pinned clock, fresh database), 10 people in four zones with busy events of 30–120 min in working hours (as the engine\'s), stored as calendar events; median of 25 GETs after 5. "Right after a write": before each GET, a new event that makes all 10 people busy (as a collective booking\'s does), patched into the busy time kept in memory. Profile: each part timed alone in-process; "HTTP and the rest" is the request\'s time minus the parts.',
      '- API: autocannon in the bench process, the API in a child process (`--rate-limit off`, WAL SQLite on local disk); bookings each take a distinct free 5-minute slot of a 24/7 configuration.',
    ].join('\n'),
  );

  if (e) {
    out.push('');
    out.push(
      `Engine stress grid (booked solid from 10k events on), collective, ms per call (median; zones ${e.window.zones.join(', ')}, window from ${e.window.start.slice(0, 10)}, ${e.window.days} days):`,
    );
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
    out.push('HTTP availability, all sizes (ms per GET, median):');
    out.push('');
    out.push(
      row([
        'Method',
        'Busy events',
        'GET',
        'GET after a write',
        'db',
        'db after a write',
        'engine',
        'JSON',
        'HTTP and the rest',
      ]),
    );
    out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const c of r.http?.cells ?? []) {
      const p = c.profile;
      out.push(
        row([
          c.method,
          `${c.events / 1000}k`,
          fmt(c.http.median),
          fmt(c.afterWrite.median),
          fmt(p.dbMs),
          fmt(p.dbAfterWriteMs),
          fmt(p.engineMs),
          fmt(p.jsonMs),
          fmt(p.restMs),
        ]),
      );
    }
    out.push('');
    out.push(`Typical widget load (the one at the median), requests in order (ms from navigation start):`);
    out.push('');
    out.push('```');
    for (const x of w.typicalWidgetLoad.waterfall)
      out.push(`${fmt(x.start).padStart(7)} → ${fmt(x.end).padStart(7)}  ${x.name}`);
    const mm = w.typicalWidgetLoad.milestones;
    out.push(
      `shadow root ${fmt(mm.shadowAttached as number)}, DOMContentLoaded ${fmt(mm.domContentLoaded as number)}, first slot in DOM ${fmt(mm.firstSlotDom as number)}, painted ${fmt(mm.firstSlotPainted as number)}`,
    );
    out.push('```');
  }
  return out.join('\n');
}
