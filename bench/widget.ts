/**
 * The built widget (the folder dist/scheduler-widget/, its module entry) in headless Chromium against the local API on
 * loopback with the demo seed:
 * - cold load: navigation start → first bookable time painted, each load in a new browser
 *   context with the HTTP cache disabled; beside it, in the same run and interleaved, the LIMIT:
 *   a bare page that fetches the same two responses in parallel and writes them into the DOM;
 * - interactions on a warm page: a click on an available day → its times painted; next month
 *   (prefetched) → painted;
 * - memory: total used JS heap after 200 month switches vs before, then after 200 more, each
 *   after forced GC.
 *
 * In-page code is passed as strings (tsx would otherwise inject helpers the page lacks).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { ORGANIZER_GRANT_ID, PUBLIC_CONFIGURATION_ID } from '../server/seed.js';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { serveStatic } from '../test/support/static-server.mjs';
import { defer } from './cleanup.js';
import { summarize, type Summary } from './stats.js';

export const COLD_LOADS = 15;
/**
 * A second set of cold loads over an emulated network with this round trip (a guest on another
 * continent, or on mobile): loopback answers in a few ms, so it hides how much of the widget's
 * work before the data overlaps a real network wait.
 */
export const NETWORK_LATENCY_MS = 100;
const COLD_WARMUP = 2;
export const DAY_CLICKS = 24;
export const MONTH_SWITCHES_TIMED = 24;
export const MEMORY_SWITCHES = 200;
const TIMEZONE = 'Europe/London';
const LOCALE = 'en-GB';
const TIMEOUT = 20_000;

export interface Milestones {
  /** performance.now() values (ms since navigation start) of one load. */
  [name: string]: number | null;
}

export interface WaterfallEntry {
  name: string;
  start: number;
  end: number;
}

export interface ColdLoad {
  total: number;
  milestones: Milestones;
  waterfall: WaterfallEntry[];
  /** Consecutive spans of the critical path, ms (see PHASES). */
  phases: Record<string, number>;
  /** The widget's render after the data, split (see RENDER_PHASES); absent for the limit pages. */
  renderPhases?: Record<string, number>;
}

/** The critical path of a cold load, in order; the spans add up to the total. */
export const PHASES = [
  'HTML response',
  'script download',
  'before the requests (parse, run, upgrade)',
  'network (both responses)',
  'render after the data',
  'to the painted frame',
] as const;

/**
 * The widget's render after the data (the span 'render after the data' above), split at the flow's
 * events: the answers read and the times grouped by day in the guest's zone until the first day is
 * selected ('scheduler-date-select', fired just before the render), then Lit's render of the
 * schedule into the DOM; then the browser's style, layout and paint (the span after it).
 */
export const RENDER_PHASES = [
  'answers read, times grouped by day, first day selected',
  'Lit renders the schedule (calendar, times, summary)',
  'style, layout, paint (to the painted frame)',
] as const;

export interface InteractionTiming {
  /** Click dispatch → the first rAF after the DOM shows the result (waiting for the frame). */
  frameStart: Summary;
  /** That rAF → end of that frame's main-thread work (style, layout, paint): the rendering cost. */
  render: Summary;
  /** dom + render per click: the main-thread work the result needs; ≤ one frame means it lands in the first frame. */
  work: Summary;
  /** Click dispatch → the DOM shows the result (MutationObserver). */
  dom: Summary;
  /** Click dispatch → end of the first frame that contains the result (rAF, then a task). */
  nextFrame: Summary;
  /** Click dispatch → second rAF after the result is in the DOM (a frame has been painted). */
  paint: Summary;
  /** Clicks whose result was in the DOM when the first animation frame after the click began. */
  inFirstFrame: number;
}

export interface MemoryResult {
  switches: number;
  /** CDP Runtime.getHeapUsage().usedSize after forced GC, bytes: two baselines, after 200, after 400. */
  usedBytes: { baselineA: number; baselineB: number; after: number; afterSecondBatch: number };
  /** performance.memory.usedJSHeapSize (precise-memory-info), bytes, same points. */
  perfMemoryBytes: { baseline: number; after: number; afterSecondBatch: number };
  /** usedSize after 200 switches minus before. */
  growthKB: number;
  /** usedSize after 400 minus after 200: steady state. */
  secondBatchGrowthKB: number;
  /** |difference| of the two baselines (nothing done between them). */
  noiseKB: number;
  /** Heap-snapshot self sizes, after 200 minus before, by who holds them (KB). */
  attributionKB: Record<string, number>;
  /** Same, after 400 minus after 200. */
  secondBatchAttributionKB: Record<string, number>;
  /** The heap snapshot's "page objects" share of growthKB (a hint where it went, not the verdict), KB. */
  pageObjectsGrowthKB: number;
  domCounters: {
    before: Record<string, number>;
    after: Record<string, number>;
    afterSecondBatch: Record<string, number>;
  };
}

export interface WidgetResults {
  chromium: string;
  /** The measured build of dist/scheduler-widget/scheduler-widget.js. */
  script: { bytes: number; sha256: string };
  timezone: string;
  availabilityWindow: { start: string; end: string };
  cold: {
    widget: Summary;
    limit: Summary;
    /** widget median / limit median: the goal's ratio. */
    ratio: number;
    /** The limit page again, but labelling times with Intl (local zone and locale) as any real UI must. */
    limitIntl: Summary;
    ratioIntl: number;
    widgetLoads: ColdLoad[];
    limitLoads: ColdLoad[];
    limitIntlLoads: ColdLoad[];
    /** Widget and limit again, interleaved, each request delayed by NETWORK_LATENCY_MS. */
    overNetwork: { latencyMs: number; widget: Summary; limit: Summary; ratio: number };
    /** Another build's cold loads, interleaved with these (WidgetBenchOptions.compareDir). */
    compare?: {
      dir: string;
      loopback: Summary;
      overNetwork: Summary;
      phaseMedians: Record<string, number>;
      /** Median over rounds of this build's load time / the compared build's in the same round. */
      pairedRatio: { loopback: number; overNetwork: number };
    };
    /** The Intl limit page with its code in a script file: the floor for a script tag. */
    limitScript: { loopback: Summary; overNetwork: Summary };
  };
  /** Milestones of the widget load whose total is the median (the typical waterfall). */
  typicalWidgetLoad: ColdLoad;
  typicalLimitLoad: ColdLoad;
  /** Medians across widget loads, per milestone. */
  widgetMilestoneMedians: Record<string, number>;
  /** Median of each critical-path span across loads. */
  phaseMedians: {
    widget: Record<string, number>;
    limit: Record<string, number>;
    limitIntl: Record<string, number>;
    limitScript: Record<string, number>;
  };
  /** Median of each part of the widget's render after the data (RENDER_PHASES). */
  renderPhaseMedians: Record<string, number>;
  requestOrder: string[];
  daySelect: InteractionTiming;
  nextMonth: InteractionTiming;
  previousMonth: InteractionTiming;
  memory: MemoryResult;
  /** Popup mode: click on the trigger → first time painted in the modal, after a hover and without. */
  popup: { hovered: Summary; direct: Summary };
}

// ---------------------------------------------------------------- in-page code

/**
 * Installed before any page script of both pages: `window.__bench` collects milestones and
 * `window.__benchDone` resolves once the first slot is painted (so Node awaits it with one
 * evaluate instead of polling the page while it loads).
 */
const BASE_PROBE = `(() => {
  let done;
  window.__benchDone = new Promise((resolve) => { done = resolve; });
  window.__bench = { shadowAttached: null, fetchStart: null, settingsApplied: null, firstDaySelected: null, firstSlotDom: null, firstSlotPainted: null };
  window.__benchSlotInDom = () => {
    const b = window.__bench;
    b.firstSlotDom = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { b.firstSlotPainted = performance.now(); done(); }));
  };
})();`;

/**
 * The widget page's extra probe: watches the widget's shadow root (hooked at attachShadow) with
 * a MutationObserver; when the first `button.slot` is in it, records the time and, after a
 * double rAF (a frame has been painted since), the paint time.
 */
const WIDGET_PROBE = `(() => {
  const b = window.__bench;
  // The flow's events mark where the render after the data begins (they fire just before it).
  document.addEventListener('scheduler-ready', () => { b.settingsApplied ??= performance.now(); }, true);
  document.addEventListener('scheduler-date-select', () => { b.firstDaySelected ??= performance.now(); }, true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === 'scheduler-widget' && b.shadowAttached === null) {
      b.shadowAttached = performance.now();
      const mo = new MutationObserver(() => {
        if (b.firstSlotDom !== null || !root.querySelector('button.slot')) return;
        mo.disconnect();
        window.__benchSlotInDom();
      });
      mo.observe(root, { childList: true, subtree: true });
    }
    return root;
  };
})();`;

/**
 * Interaction helpers on a loaded widget page:
 * __benchAct(selector, doneKind, arg) clicks the element (in the shadow root) and resolves with
 * { dom, nextFrame, paint } in ms from the click dispatch.
 */
const INTERACTION_HELPERS = `(() => {
  const root = () => document.querySelector('scheduler-widget').shadowRoot;
  const shownMonth = () => root().querySelector('td[data-day]')?.dataset.day.slice(0, 7) ?? null;
  const heading = () => root().querySelector('#slots-heading')?.textContent ?? null;
  window.__benchState = () => ({
    month: shownMonth(),
    available: [...root().querySelectorAll('td.day.is-available')].map((td) => td.dataset.day),
    selected: root().querySelector('td.day.is-selected')?.dataset.day ?? null,
    nextDisabled: root().querySelector('.cal-next')?.getAttribute('aria-disabled') === 'true',
    prevDisabled: root().querySelector('.cal-prev')?.getAttribute('aria-disabled') === 'true',
    loading: !!root().querySelector('.cal-grid.is-loading'),
  });
  window.__benchSwitch = async (count) => {
    for (let i = 0; i < count; i++) {
      const s = window.__benchState();
      const forward = i % 2 === 0 ? !s.nextDisabled : s.prevDisabled;
      await window.__benchAct(forward ? '.cal-next' : '.cal-prev', 'month');
    }
  };
  window.__benchAct = (selector, kind) => new Promise((resolve, reject) => {
    const r = root();
    const el = r.querySelector(selector);
    if (!el) return reject(new Error('no element ' + selector));
    let done;
    if (kind === 'day') {
      const day = el.dataset.day;
      const before = heading();
      done = () => {
        const td = r.querySelector('td[data-day="' + day + '"]');
        return td?.getAttribute('aria-selected') === 'true' && !!r.querySelector('ul.slot-list button.slot') && heading() !== before;
      };
    } else {
      const from = shownMonth();
      done = () => {
        const m = shownMonth();
        if (m === from || r.querySelector('.cal-grid.is-loading')) return false;
        // The new month's first day with times is selected and its times are listed (or it has none).
        return !r.querySelector('td.day.is-available') ||
          (!!r.querySelector('td.day.is-selected[data-day^="' + m + '"]') && !!r.querySelector('ul.slot-list button.slot'));
      };
    }
    let t0 = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      mo.disconnect();
      const dom = performance.now() - t0;
      let nextFrame = null;
      requestAnimationFrame(() => {
        const frameStart = performance.now() - t0;
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { nextFrame = performance.now() - t0; ch.port1.close(); };
        ch.port2.postMessage(0);
        requestAnimationFrame(() => { clearTimeout(timer); resolve({ dom, frameStart, nextFrame, paint: performance.now() - t0, inFirstFrame }); });
      });
    };
    const mo = new MutationObserver(() => { if (done()) finish(); });
    mo.observe(r, { childList: true, subtree: true, attributes: true, characterData: true });
    const timer = setTimeout(() => { if (!finished) { mo.disconnect(); reject(new Error('timeout waiting for ' + kind)); } }, ${TIMEOUT});
    // The first frame after the click: does it already hold the result?
    let inFirstFrame = false;
    requestAnimationFrame(() => { inFirstFrame = finished; });
    t0 = performance.now();
    el.click();
    if (done()) finish();
  });
})();`;

/** Milestones of a load, from Resource/Navigation/Paint Timing and the probe. */
const COLLECT = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paints = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
  const short = (url) => {
    const u = new URL(url);
    if (u.pathname.endsWith('/availability')) return 'availability ' + u.searchParams.get('start_time') + '..' + u.searchParams.get('end_time');
    return u.pathname.split('/').pop() || u.pathname;
  };
  const resources = performance.getEntriesByType('resource').map((e) => ({ name: short(e.name), url: e.name, start: e.startTime, end: e.responseEnd }));
  return {
    milestones: {
      htmlResponseEnd: nav ? nav.responseEnd : null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      load: nav ? nav.loadEventEnd : null,
      firstPaint: paints['first-paint'] ?? null,
      firstContentfulPaint: paints['first-contentful-paint'] ?? null,
      ...window.__bench,
    },
    resources,
  };
})()`;

// ---------------------------------------------------------------- pages

export function widgetPage(apiUrl: string, folder = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Widget cold load</title>
<script type="module" src="${folder}/scheduler-widget.js"></script></head>
<body><main><scheduler-widget configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${apiUrl}"></scheduler-widget></main></body></html>`;
}

/** A popup widget opened by a link of the page (`display="popup"`). */
function popupPage(apiUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Popup</title>
<script type="module" src="/scheduler-widget.js"></script></head>
<body><main><p><a href="#book" data-scheduler-open="popup">Book a call</a></p>
<scheduler-widget id="popup" display="popup" configuration-id="${PUBLIC_CONFIGURATION_ID}" api-url="${apiUrl}"></scheduler-widget></main></body></html>`;
}

// A string, as all in-page code here: the bench runs under tsx, whose helpers a function would carry.
const CLICK_TO_FIRST_POPUP_SLOT = `new Promise((resolve) => {
  const widget = document.getElementById('popup');
  const start = performance.now();
  const check = () => {
    if (widget.shadowRoot && widget.shadowRoot.querySelector('dialog[open] button.slot')) {
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
    } else requestAnimationFrame(check);
  };
  document.querySelector('[data-scheduler-open]').click();
  check();
})`;

/** How long a person's pointer rests on a link before the click (a typical hover-to-click time). */
const HOVER_DWELL_MS = 300;
const POPUP_OPENS = 15;

/**
 * Popup mode, each on a fresh page with the cache off: the milliseconds from the click on the
 * trigger to the first time painted in the modal, after the pointer rested on the trigger for
 * HOVER_DWELL_MS (the requests and the popup part start on hover), and without a hover (a click
 * straight away: a keyboard user's Enter on a focused link also warms it on focus).
 */
export async function measurePopup(browser: Browser, url: string): Promise<{ hovered: Summary; direct: Summary }> {
  const once = async (hover: boolean): Promise<number> => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      await disableCache(context, page);
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      const link = page.getByRole('link', { name: 'Book a call' });
      const box = (await link.boundingBox())!;
      if (hover) {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.waitForTimeout(HOVER_DWELL_MS);
      }
      // Clicked in the page, timed to the double-rAF after the first time is in the open modal.
      return (await page.evaluate(CLICK_TO_FIRST_POPUP_SLOT)) as number;
    } finally {
      await context.close();
    }
  };
  const hovered: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < POPUP_OPENS; i++) {
    hovered.push(await once(true));
    direct.push(await once(false));
  }
  return { hovered: summarize(hovered), direct: summarize(direct) };
}

/**
 * The LIMIT: no widget script; fetches the same two responses as the widget (ui-settings and
 * the first month of availability, same query, same fetch options) in parallel and writes the
 * title and the first day's times into the DOM (as buttons), then records the double-rAF paint
 * time. The times are labelled without Intl (UTC hh:mm): the first Intl.DateTimeFormat of a page
 * initialises ICU, tens of ms or more, which is not part of the floor. With `intl`, the same page
 * groups and labels the times with Intl in the browser's zone and locale, as a real UI must.
 * The Intl variant also runs from a script file of the page's origin (`limit-script`): the floor
 * for anything a page adds with a script tag, which waits for one more response than inline code.
 */
function limitScript(apiUrl: string, monthEnd: number, intl: boolean): string {
  const dayOf = intl
    ? `((day) => (s) => day.format(s * 1000))(new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }))`
    : `(s) => Math.floor(s / 86400)`;
  const label = intl
    ? `((time) => (s) => time.format(s * 1000))(new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }))`
    : `(s) => new Date(s * 1000).toISOString().slice(11, 16)`;
  return `(async () => {
  const b = window.__bench;
  const base = ${JSON.stringify(apiUrl)} + '/v3/scheduling/';
  const id = ${JSON.stringify(PUBLIC_CONFIGURATION_ID)};
  const start = Math.floor(Date.now() / 60000) * 60;
  const init = { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-store' };
  b.fetchStart = performance.now();
  const [settings, availability] = await Promise.all([
    fetch(base + 'ui-settings?configuration_id=' + id, init).then((r) => r.json()),
    fetch(base + 'availability?start_time=' + start + '&end_time=${monthEnd}&configuration_id=' + id, init).then((r) => r.json()),
  ]);
  const out = document.getElementById('out');
  const h = document.createElement('h2');
  h.textContent = settings.data.event_booking.title;
  const slots = availability.data.time_slots;
  const dayOf = ${dayOf};
  const label = ${label};
  const first = slots.length ? dayOf(slots[0].start_time) : null;
  const ul = document.createElement('ul');
  for (const slot of slots) {
    if (dayOf(slot.start_time) !== first) break;
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.className = 'slot';
    button.textContent = label(slot.start_time);
    li.append(button);
    ul.append(li);
  }
  out.append(h, ul);
  window.__benchSlotInDom();
})();`;
}

/** The limit page: its script inline, or (`src`) from that URL, one more request as a script tag costs. */
function limitPage(script: string, src?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Limit</title>
${src ? `<script type="module" src="${src}"></script>` : ''}</head>
<body><main id="out"></main>${src ? '' : `<script>${script}</script>`}</body></html>`;
}

// ---------------------------------------------------------------- runs

/** `promise`, or a rejection after TIMEOUT (page.evaluate has no timeout of its own). */
async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT} ms waiting for ${what}`)), TIMEOUT);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ timezoneId: TIMEZONE, locale: LOCALE, viewport: { width: 1024, height: 768 } });
}

async function disableCache(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return cdp;
}

interface Collected {
  milestones: Milestones;
  resources: Array<{ name: string; url: string; start: number; end: number }>;
}

export async function coldLoad(
  browser: Browser,
  url: string,
  probe: boolean,
  requests?: string[],
  latencyMs = 0,
): Promise<ColdLoad & { urls: string[] }> {
  const context = await newContext(browser);
  try {
    await context.addInitScript({ content: BASE_PROBE });
    if (probe) await context.addInitScript({ content: WIDGET_PROBE });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const cdp = await disableCache(context, page);
    if (latencyMs)
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: latencyMs,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    if (requests) page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await withTimeout(page.evaluate('window.__benchDone'), 'the first slot to be painted');
    } catch (error) {
      // Say what the page shows instead (e.g. a month without bookable times near a month's end).
      const shown = await page
        .evaluate(
          `(document.querySelector('scheduler-widget')?.shadowRoot ?? document.body).textContent.replace(/\\s+/g, ' ').slice(0, 300)`,
        )
        .catch(() => '?');
      throw new Error(`${(error as Error).message} on ${url}; the page shows: ${String(shown)}`, {
        cause: error,
      });
    }
    const { milestones, resources } = (await page.evaluate(COLLECT)) as Collected;
    return {
      total: milestones.firstSlotPainted as number,
      milestones,
      waterfall: resources.map(({ name, start, end }) => ({ name, start, end })),
      phases: phasesOf(milestones, resources),
      ...(probe && { renderPhases: renderPhasesOf(milestones, resources) }),
      urls: resources.map((r) => r.url),
    };
  } finally {
    await context.close();
  }
}

/** Splits a load at: HTML end, script end, first API request, both responses in, slot in DOM, painted. */
function phasesOf(m: Milestones, resources: Collected['resources']): Record<string, number> {
  const html = m.htmlResponseEnd ?? 0;
  const script = resources.find((r) => r.url.endsWith('.js'));
  const api = resources
    .filter((r) => r.url.includes('/ui-settings') || r.url.includes('/availability'))
    .sort((a, b) => a.start - b.start);
  // The two first-load requests: ui-settings and the first availability (a prefetch comes later).
  const firstTwo = [
    api.find((r) => r.url.includes('/ui-settings')),
    api.find((r) => r.url.includes('/availability')),
  ].filter((r): r is Collected['resources'][number] => r !== undefined);
  const scriptEnd = script ? script.end : html;
  const fetchStart = Math.min(...firstTwo.map((r) => r.start));
  const dataEnd = Math.max(...firstTwo.map((r) => r.end));
  const dom = (m.firstSlotDom as number) ?? NaN;
  const painted = (m.firstSlotPainted as number) ?? NaN;
  const spans = [html, scriptEnd - html, fetchStart - scriptEnd, dataEnd - fetchStart, dom - dataEnd, painted - dom];
  return Object.fromEntries(PHASES.map((name, i) => [name, spans[i]!]));
}

/** The widget's render after the data: both answers in → first day selected → slot in DOM → painted. */
function renderPhasesOf(m: Milestones, resources: Collected['resources']): Record<string, number> {
  const api = resources
    .filter((r) => r.url.includes('/ui-settings') || r.url.includes('/availability'))
    .sort((a, b) => a.start - b.start);
  const dataEnd = Math.max(
    ...[api.find((r) => r.url.includes('/ui-settings')), api.find((r) => r.url.includes('/availability'))].map(
      (r) => r?.end ?? NaN,
    ),
  );
  const selected = (m.firstDaySelected as number) ?? NaN;
  const dom = (m.firstSlotDom as number) ?? NaN;
  const spans = [selected - dataEnd, dom - selected, (m.firstSlotPainted as number) - dom];
  return Object.fromEntries(RENDER_PHASES.map((name, i) => [name, spans[i]!]));
}

interface Sample {
  dom: number;
  frameStart: number;
  nextFrame: number;
  paint: number;
  inFirstFrame: boolean;
}

async function measureInteractions(
  page: Page,
  selector: string,
  kind: 'day' | 'month',
  count: number,
): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      (await page.evaluate(`window.__benchAct(${JSON.stringify(selector)}, ${JSON.stringify(kind)})`)) as Sample,
    );
  }
  return out;
}

const timing = (samples: Sample[]): InteractionTiming => ({
  frameStart: summarize(samples.map((s) => s.frameStart)),
  render: summarize(samples.map((s) => s.nextFrame - s.frameStart)),
  work: summarize(samples.map((s) => s.dom + s.nextFrame - s.frameStart)),
  dom: summarize(samples.map((s) => s.dom)),
  nextFrame: summarize(samples.map((s) => s.nextFrame)),
  paint: summarize(samples.map((s) => s.paint)),
  inFirstFrame: samples.filter((s) => s.inFirstFrame).length,
});

interface BenchState {
  month: string;
  available: string[];
  selected: string | null;
  nextDisabled: boolean;
  prevDisabled: boolean;
  loading: boolean;
}

async function collectGarbage(page: Page, cdp: CDPSession): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await page.evaluate('gc()');
    await cdp.send('HeapProfiler.collectGarbage');
  }
}

async function heapAfterGc(
  page: Page,
  cdp: CDPSession,
): Promise<{ used: number; perf: number; counters: Record<string, number> }> {
  await collectGarbage(page, cdp);
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const perf = (await page.evaluate('performance.memory.usedJSHeapSize')) as number;
  const counters = (await cdp.send('Memory.getDOMCounters')) as Record<string, number>;
  return { used: usage.usedSize, perf, counters };
}

/** Browser-owned entries whose buffers the browser bounds (performance timeline). */
const TIMELINE =
  /^(LayoutShift|LayoutShiftAttribution|DOMRectReadOnly|PerformanceLongAnimationFrameTiming|PerformanceScriptTiming|blink::ScriptTimingInfo|PerformanceEventTiming|PerformanceElementTiming|LargestContentfulPaint)$/;

function category(type: string, name: string): string {
  if (type === 'code') return 'V8 code and feedback (JIT)';
  if (TIMELINE.test(name)) return 'performance timeline entries (browser-bounded)';
  if (name.startsWith('system / ') || type === 'hidden' || type === 'synthetic') return 'V8 internals (caches, tables)';
  return 'page objects (JS and DOM)';
}

/** A heap snapshot's self sizes summed by category (bytes). */
async function heapByCategory(page: Page, cdp: CDPSession): Promise<Record<string, number>> {
  await collectGarbage(page, cdp);
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => void chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [ti, ni, si] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const out: Record<string, number> = {};
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const key = category(types[snapshot.nodes[i + ti]!]!, snapshot.strings[snapshot.nodes[i + ni]!] ?? '');
    out[key] = (out[key] ?? 0) + snapshot.nodes[i + si]!;
  }
  return out;
}

const diffKB = (before: Record<string, number>, after: Record<string, number>): Record<string, number> =>
  Object.fromEntries(
    [...new Set([...Object.keys(before), ...Object.keys(after)])].map((k) => [
      k,
      Math.round(((after[k] ?? 0) - (before[k] ?? 0)) / 102.4) / 10,
    ]),
  );

/** Next/previous alternating (whichever way is open), each switch awaited until painted. */
async function switchMonths(page: Page, count: number): Promise<void> {
  await page.evaluate(`window.__benchSwitch(${count})`);
}

const SCRIPT = 'scheduler-widget.js';

/** The built entry; waits up to 60 s for it while a concurrent build has emptied dist/. */
async function readBuiltScript(path: string): Promise<string> {
  const until = Date.now() + 60_000;
  for (;;) {
    let problem = 'empty';
    try {
      const text = await readFile(path, 'utf8');
      if (text.length > 0) return text;
    } catch (error) {
      problem = (error as Error).message;
    }
    if (Date.now() > until) throw new Error(`${path} is missing: run npm run build first (${problem})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export interface WidgetBenchOptions {
  apiUrl: string;
  /** To widen the public configuration's booking window (see `spanTwoMonths`). */
  apiKey: string;
  distDir: string;
  /**
   * Another build's folder (e.g. main's, before a change), served from the same origin under
   * COMPARE_PATH and loaded cold interleaved with the widget's loads: a change's effect measured
   * under the same machine noise.
   */
  compareDir?: string;
  /** Cold loads of each page (default COLD_LOADS): more to tell a small change from the noise. */
  coldLoads?: number;
  log?: (line: string) => void;
}

const COMPARE_PATH = '/compare';

/** Every file under `dir` as a page of the static site, under `prefix`. */
async function filesAsPages(dir: string, prefix: string): Promise<Record<string, Buffer>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const files = names.map((entry) => join(entry.parentPath, entry.name));
  const read = files.map(async (file) => [`${prefix}/${relative(dir, file)}`, await readFile(file)] as const);
  return Object.fromEntries(await Promise.all(read));
}

/** Days in the booking window that always reach into a second month, whatever the day (and notice). */
const TWO_MONTHS_OF_DAYS = 62;

/**
 * Month switches need two bookable months, and the demo's 30-day window is one month on some days
 * (from the 1st of a 31-day month): the benchmark widens it, keeping the rest of the configuration.
 */
async function spanTwoMonths(apiUrl: string, apiKey: string): Promise<void> {
  const url = `${apiUrl}/v3/grants/${ORGANIZER_GRANT_ID}/scheduling/configurations/${PUBLIC_CONFIGURATION_ID}`;
  const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  const current = (await (await fetch(url, { headers })).json()) as { data: { scheduler: Record<string, unknown> } };
  // The demo seed's links are page-relative, which a PUT refuses (http(s) URLs only); the bench
  // never follows them, so they are left out.
  const kept = Object.entries(current.data.scheduler).filter(([key]) => !key.endsWith('_url'));
  const scheduler = { ...Object.fromEntries(kept), available_days_in_future: TWO_MONTHS_OF_DAYS };
  const answer = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ scheduler }) });
  if (!answer.ok) throw new Error(`the booking window was not widened: ${answer.status} ${await answer.text()}`);
}

export async function runWidgetBench(options: WidgetBenchOptions): Promise<WidgetResults> {
  const { apiUrl, apiKey, distDir, compareDir, coldLoads = COLD_LOADS, log = () => {} } = options;
  let browser: Browser | undefined;
  let site: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  let closeSite: (() => Promise<void>) | undefined;
  try {
    // The entry must be there (a concurrent build empties dist/ for a while); the folder is served as uploaded.
    const script = await readBuiltScript(join(distDir, SCRIPT));
    await spanTwoMonths(apiUrl, apiKey);
    // The limit page needs the widget's month window: learn it from a first widget load.
    // Files served from memory, as a CDN would, and as the compared build is: a disk read per
    // request (slow on a busy machine) is not the widget's time.
    const pages: Record<string, string | Buffer> = {
      ...(await filesAsPages(distDir, '')),
      '/widget.html': widgetPage(apiUrl),
      '/popup.html': popupPage(apiUrl),
    };
    if (compareDir) {
      Object.assign(pages, await filesAsPages(compareDir, COMPARE_PATH));
      pages['/compare.html'] = widgetPage(apiUrl, COMPARE_PATH);
    }
    site = await serveStatic({ root: distDir, pages });
    const served = site;
    closeSite = defer(() => served.close());
    // Launched after the site so that a signal closes it first (stops run newest first).
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...chromiumArgs, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
    });
    const launched = browser;
    closeBrowser = defer(() => launched.close());
    const requestOrder: string[] = [];
    const first = await coldLoad(browser, `${site.url}/widget.html`, true, requestOrder);
    const monthUrl = first.urls.find((u) => u.includes('/availability'));
    if (!monthUrl) throw new Error('the widget asked for no availability');
    const monthEnd = Number(new URL(monthUrl).searchParams.get('end_time'));
    const monthStart = Number(new URL(monthUrl).searchParams.get('start_time'));
    pages['/limit.html'] = limitPage(limitScript(apiUrl, monthEnd, false));
    pages['/limit-intl.html'] = limitPage(limitScript(apiUrl, monthEnd, true));
    pages['/limit-script.js'] = limitScript(apiUrl, monthEnd, true);
    pages['/limit-script.html'] = limitPage('', '/limit-script.js');

    // ---- cold loads, the pages interleaved in rotating order (same noise), after warm-up loads
    type Kind = 'widget' | 'limit' | 'limit-intl' | 'limit-script' | 'compare';
    const kinds: Kind[] = ['widget', 'limit', 'limit-intl', 'limit-script'];
    if (compareDir) kinds.push('compare');
    const load = (kind: Kind, latencyMs?: number) =>
      coldLoad(browser!, `${site!.url}/${kind}.html`, kind === 'widget' || kind === 'compare', undefined, latencyMs);
    for (let i = 0; i < COLD_WARMUP; i++) {
      for (const kind of kinds) await load(kind);
    }
    const loads = Object.fromEntries(kinds.map((kind) => [kind, []])) as unknown as Record<Kind, ColdLoad[]>;
    for (let i = 0; i < coldLoads; i++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length]!;
        const { urls: _urls, ...timed } = await load(kind);
        loads[kind].push(timed);
      }
    }
    const { widget: widgetLoads, limit: limitLoads, 'limit-intl': limitIntlLoads } = loads;
    const slowKinds = kinds.filter((kind) => kind !== 'limit-intl');
    const slow = Object.fromEntries(kinds.map((kind) => [kind, []])) as unknown as Record<Kind, number[]>;
    for (let i = 0; i < coldLoads; i++) {
      for (let k = 0; k < slowKinds.length; k++) {
        const kind = slowKinds[(i + k) % slowKinds.length]!;
        slow[kind].push((await load(kind, NETWORK_LATENCY_MS)).total);
      }
    }
    const [slowWidget, slowLimit] = [summarize(slow.widget), summarize(slow.limit)];
    const overNetwork = {
      latencyMs: NETWORK_LATENCY_MS,
      widget: slowWidget,
      limit: slowLimit,
      ratio: slowWidget.median / slowLimit.median,
    };
    const limitScriptTimes = {
      loopback: summarize(loads['limit-script'].map((l) => l.total)),
      overNetwork: summarize(slow['limit-script']),
    };
    log(
      `  limit from a script file: ${limitScriptTimes.loopback.median.toFixed(1)} ms on loopback, ` +
        `${limitScriptTimes.overNetwork.median.toFixed(1)} ms over a ${NETWORK_LATENCY_MS} ms round trip`,
    );
    // Each round's widget load over the compared build's of the same round: paired, so a busy spell hits both.
    const paired = (ours: number[], theirs: number[]) => summarize(ours.map((t, i) => t / theirs[i]!)).median;
    const compare = compareDir
      ? {
          dir: compareDir,
          loopback: summarize(loads.compare.map((l) => l.total)),
          overNetwork: summarize(slow.compare),
          phaseMedians: Object.fromEntries(
            PHASES.map((p) => [p, summarize(loads.compare.map((l) => l.phases[p]!)).median]),
          ),
          pairedRatio: {
            loopback: paired(
              widgetLoads.map((l) => l.total),
              loads.compare.map((l) => l.total),
            ),
            overNetwork: paired(slow.widget, slow.compare),
          },
        }
      : undefined;
    if (compare) {
      log(
        `  compared build (${compareDir}): ${compare.loopback.median.toFixed(1)} ms on loopback, ` +
          `${compare.overNetwork.median.toFixed(1)} ms over a ${NETWORK_LATENCY_MS} ms round trip; this build / it, ` +
          `median of the rounds: ${compare.pairedRatio.loopback.toFixed(3)} on loopback, ` +
          `${compare.pairedRatio.overNetwork.toFixed(3)} over the network`,
      );
    }
    const widget = summarize(widgetLoads.map((l) => l.total));
    const limit = summarize(limitLoads.map((l) => l.total));
    const limitIntl = summarize(limitIntlLoads.map((l) => l.total));
    log(
      `  widget cold load ${widget.median.toFixed(1)} ms vs limit ${limit.median.toFixed(1)} ms ` +
        `(with Intl ${limitIntl.median.toFixed(1)} ms), median of ${widget.n}; ` +
        `over a ${NETWORK_LATENCY_MS} ms round trip ${overNetwork.widget.median.toFixed(1)} ms vs ${overNetwork.limit.median.toFixed(1)} ms (${overNetwork.ratio.toFixed(2)}×)`,
    );
    const typical = (loads: ColdLoad[], s: Summary) =>
      loads.reduce((best, l) => (Math.abs(l.total - s.median) < Math.abs(best.total - s.median) ? l : best), loads[0]!);
    const widgetMilestoneMedians: Record<string, number> = {};
    for (const key of Object.keys(widgetLoads[0]!.milestones)) {
      const values = widgetLoads.map((l) => l.milestones[key]).filter((v): v is number => typeof v === 'number');
      if (values.length) widgetMilestoneMedians[key] = summarize(values).median;
    }

    const phaseMedians = {
      widget: Object.fromEntries(PHASES.map((p) => [p, summarize(widgetLoads.map((l) => l.phases[p]!)).median])),
      limit: Object.fromEntries(PHASES.map((p) => [p, summarize(limitLoads.map((l) => l.phases[p]!)).median])),
      limitIntl: Object.fromEntries(PHASES.map((p) => [p, summarize(limitIntlLoads.map((l) => l.phases[p]!)).median])),
      limitScript: Object.fromEntries(
        PHASES.map((p) => [p, summarize(loads['limit-script'].map((l) => l.phases[p]!)).median]),
      ),
    };

    const renderPhaseMedians = Object.fromEntries(
      RENDER_PHASES.map((p) => [p, summarize(widgetLoads.map((l) => l.renderPhases![p]!)).median]),
    );
    log(
      `  render after the data: ${RENDER_PHASES.map((p) => `${p} ${renderPhaseMedians[p]!.toFixed(1)} ms`).join('; ')}`,
    );

    // ---- warm interactions on one page
    const context = await newContext(browser);
    try {
      await context.addInitScript({ content: BASE_PROBE });
      await context.addInitScript({ content: WIDGET_PROBE });
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const cdp = await disableCache(context, page);
      await page.goto(`${site.url}/widget.html`);
      await withTimeout(page.evaluate('window.__benchDone'), 'the first slot to be painted');
      // Idle: the prefetch of the next month has happened.
      await page.waitForLoadState('networkidle', { timeout: TIMEOUT });
      await page.evaluate(INTERACTION_HELPERS);
      await page.waitForTimeout(300);

      const state = (await page.evaluate('window.__benchState()')) as BenchState;
      // Days to click in turn: every available day of the shown month, never the selected one twice in a row.
      let days = state.available;
      if (days.length < 2 && !state.nextDisabled) {
        await switchMonths(page, 1);
        days = ((await page.evaluate('window.__benchState()')) as BenchState).available;
      }
      if (days.length < 2) throw new Error(`need two available days to alternate, got ${JSON.stringify(days)}`);
      const order = [...days.filter((d) => d !== state.selected), ...days.filter((d) => d === state.selected)];
      const daySamples: Sample[] = [];
      for (let i = 0; i < DAY_CLICKS; i++) {
        const day = order[i % order.length]!;
        daySamples.push(...(await measureInteractions(page, `td.day[data-day="${day}"]`, 'day', 1)));
      }
      const daySelect = timing(daySamples);

      // Back to the first month, then next (prefetched) / previous (cached) pairs.
      let s = (await page.evaluate('window.__benchState()')) as BenchState;
      while (!s.prevDisabled) {
        await page.evaluate(`window.__benchAct('.cal-prev', 'month')`);
        s = (await page.evaluate('window.__benchState()')) as BenchState;
      }
      if (s.nextDisabled) throw new Error('only one month is bookable: nothing to switch to');
      const nextSamples: Sample[] = [];
      const prevSamples: Sample[] = [];
      for (let i = 0; i < MONTH_SWITCHES_TIMED; i++) {
        nextSamples.push(...(await measureInteractions(page, '.cal-next', 'month', 1)));
        prevSamples.push(...(await measureInteractions(page, '.cal-prev', 'month', 1)));
      }
      const nextMonth = timing(nextSamples);
      const previousMonth = timing(prevSamples);
      log(
        `  day click → painted ${daySelect.paint.median.toFixed(1)} ms; next month → painted ${nextMonth.paint.median.toFixed(1)} ms`,
      );

      // ---- memory over month switches
      const b1 = await heapAfterGc(page, cdp);
      await page.waitForTimeout(500);
      const b2 = await heapAfterGc(page, cdp);
      const h0 = await heapByCategory(page, cdp);
      await switchMonths(page, MEMORY_SWITCHES);
      const a1 = await heapAfterGc(page, cdp);
      const h1 = await heapByCategory(page, cdp);
      await switchMonths(page, MEMORY_SWITCHES);
      const a2 = await heapAfterGc(page, cdp);
      const h2 = await heapByCategory(page, cdp);
      const attributionKB = diffKB(h0, h1);
      const memory: MemoryResult = {
        switches: MEMORY_SWITCHES,
        usedBytes: { baselineA: b1.used, baselineB: b2.used, after: a1.used, afterSecondBatch: a2.used },
        perfMemoryBytes: { baseline: b2.perf, after: a1.perf, afterSecondBatch: a2.perf },
        growthKB: (a1.used - b2.used) / 1024,
        secondBatchGrowthKB: (a2.used - a1.used) / 1024,
        noiseKB: Math.abs(b2.used - b1.used) / 1024,
        attributionKB,
        secondBatchAttributionKB: diffKB(h1, h2),
        pageObjectsGrowthKB: attributionKB['page objects (JS and DOM)'] ?? 0,
        domCounters: { before: b2.counters, after: a1.counters, afterSecondBatch: a2.counters },
      };
      log(
        `  memory after ${MEMORY_SWITCHES} month switches: ${memory.growthKB.toFixed(1)} KB (page objects ${memory.pageObjectsGrowthKB} KB; ` +
          `next ${MEMORY_SWITCHES}: ${memory.secondBatchGrowthKB.toFixed(1)} KB)`,
      );

      const popup = await measurePopup(browser, `${site.url}/popup.html`);
      log(
        `  popup: click → first time painted ${popup.hovered.median.toFixed(1)} ms after a ${HOVER_DWELL_MS} ms hover, ${popup.direct.median.toFixed(1)} ms without`,
      );

      return {
        popup,
        chromium: browser.version(),
        script: {
          bytes: Buffer.byteLength(script),
          sha256: createHash('sha256').update(script).digest('hex').slice(0, 16),
        },
        timezone: TIMEZONE,
        availabilityWindow: {
          start: new Date(monthStart * 1000).toISOString(),
          end: new Date(monthEnd * 1000).toISOString(),
        },
        cold: {
          widget,
          limit,
          ratio: widget.median / limit.median,
          limitIntl,
          ratioIntl: widget.median / limitIntl.median,
          widgetLoads,
          limitLoads,
          limitIntlLoads,
          overNetwork,
          limitScript: limitScriptTimes,
          compare,
        },
        typicalWidgetLoad: typical(widgetLoads, widget),
        typicalLimitLoad: typical(limitLoads, limit),
        widgetMilestoneMedians,
        phaseMedians,
        renderPhaseMedians,
        requestOrder,
        daySelect,
        nextMonth,
        previousMonth,
        memory,
      };
    } finally {
      await context.close();
    }
  } finally {
    await closeBrowser?.();
    await closeSite?.();
  }
}
