/**
 * Small SVG charts from a bench run, written by hand (no library, no service) into
 * docs/bench/ for the README:
 * - cold-load.svg: every cold load of the widget and of the bare-fetch limit pages, side by side,
 *   one dot per load, the median as a bar; vs-nylas.svg the same for the widget and Nylas's element;
 * - availability.svg: one availability request's time against the busy events it reads, log axes,
 *   over HTTP (busy time kept, and right after a write) and the engine alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpAvailabilityResults } from './http-availability.js';
import type { EngineResults } from './engine.js';
import { median } from './stats.js';

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
const COLORS = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#64748b', '#db2777'];
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const r1 = (x: number) => Math.round(x * 10) / 10;

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT}>`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-weight="600">${esc(title)}</text>`,
    ...body,
    '</svg>\n',
  ].join('\n');
}

/** Round tick values for a linear axis from 0 to at least `max`. */
function linearTicks(max: number): number[] {
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => max / s <= 8) ?? 1000;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step / 2; t += step) ticks.push(t);
  return ticks;
}

/** Cold loads: a row per page, a dot per load, the median as a bar and a label. */
export function coldLoadChart(series: Array<{ name: string; loads: number[] }>): string {
  const width = 640;
  const left = 150;
  const right = 70;
  const rowHeight = 44;
  const top = 34;
  const plotHeight = series.length * rowHeight;
  const max = Math.max(...series.flatMap((s) => s.loads));
  const ticks = linearTicks(max);
  const end = ticks.at(-1)!;
  const x = (ms: number) => r1(left + (ms / end) * (width - left - right));
  const body: string[] = [];
  for (const tick of ticks) {
    body.push(`<line x1="${x(tick)}" y1="${top}" x2="${x(tick)}" y2="${top + plotHeight}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${x(tick)}" y="${top + plotHeight + 16}" text-anchor="middle" fill="#475569">${tick}</text>`);
  }
  body.push(
    `<text x="${r1((left + width - right) / 2)}" y="${top + plotHeight + 34}" text-anchor="middle" fill="#475569">ms from navigation start to the first bookable time painted</text>`,
  );
  series.forEach(({ name, loads }, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const color = COLORS[i % COLORS.length]!;
    const mid = median(loads);
    body.push(`<text x="${left - 10}" y="${y + 4}" text-anchor="end">${esc(name)}</text>`);
    loads.forEach((ms, j) => {
      // A small fixed vertical spread (by order) keeps equal times apart.
      const dy = ((j % 5) - 2) * 3;
      body.push(`<circle cx="${x(ms)}" cy="${y + dy}" r="3" fill="${color}" fill-opacity="0.55"/>`);
    });
    body.push(`<line x1="${x(mid)}" y1="${y - 13}" x2="${x(mid)}" y2="${y + 13}" stroke="${color}" stroke-width="3"/>`);
    body.push(`<text x="${width - right + 8}" y="${y + 4}" fill="${color}">${mid.toFixed(0)} ms</text>`);
  });
  return svg(
    width,
    top + plotHeight + 44,
    `Cold loads (n=${series[0]?.loads.length ?? 0} each, interleaved); bar: median`,
    body,
  );
}

/** Log-log lines: time per request against busy events. */
export function availabilityChart(lines: Array<{ name: string; points: Array<[events: number, ms: number]> }>): string {
  const width = 640;
  const height = 360;
  const left = 60;
  const right = 190;
  const top = 34;
  const bottom = 50;
  const all = lines.flatMap((l) => l.points);
  const xs = all.map(([e]) => e);
  const ys = all.map(([, ms]) => ms).filter((ms) => ms > 0);
  const xLo = Math.floor(Math.log10(Math.min(...xs)));
  const xHi = Math.ceil(Math.log10(Math.max(...xs)));
  const yLo = Math.floor(Math.log10(Math.min(...ys)));
  const yHi = Math.ceil(Math.log10(Math.max(...ys)));
  const x = (events: number) => r1(left + ((Math.log10(events) - xLo) / (xHi - xLo || 1)) * (width - left - right));
  const y = (ms: number) =>
    r1(height - bottom - ((Math.log10(Math.max(ms, 10 ** yLo)) - yLo) / (yHi - yLo || 1)) * (height - top - bottom));
  const body: string[] = [];
  for (let p = xLo; p <= xHi; p++) {
    const v = 10 ** p;
    body.push(`<line x1="${x(v)}" y1="${top}" x2="${x(v)}" y2="${height - bottom}" stroke="#e5e7eb"/>`);
    body.push(
      `<text x="${x(v)}" y="${height - bottom + 16}" text-anchor="middle" fill="#475569">${v >= 1000 ? `${v / 1000}k` : v}</text>`,
    );
  }
  for (let p = yLo; p <= yHi; p++) {
    const v = 10 ** p;
    body.push(`<line x1="${left}" y1="${y(v)}" x2="${width - right}" y2="${y(v)}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end" fill="#475569">${v}</text>`);
  }
  body.push(
    `<text x="${r1((left + width - right) / 2)}" y="${height - 14}" text-anchor="middle" fill="#475569">busy events in all (10 people, 60 days)</text>`,
  );
  body.push(
    `<text x="14" y="${r1((top + height - bottom) / 2)}" text-anchor="middle" fill="#475569" transform="rotate(-90 14 ${r1((top + height - bottom) / 2)})">ms per request (median)</text>`,
  );
  lines.forEach(({ name, points }, i) => {
    const color = COLORS[i % COLORS.length]!;
    body.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([e, ms]) => `${x(e)},${y(ms)}`).join(' ')}"/>`,
    );
    for (const [e, ms] of points)
      body.push(
        `<circle cx="${x(e)}" cy="${y(ms)}" r="3.5" fill="${color}"><title>${esc(`${name}: ${e} events, ${ms.toFixed(2)} ms`)}</title></circle>`,
      );
    body.push(`<rect x="${width - right + 12}" y="${top + 6 + i * 20}" width="12" height="3" fill="${color}"/>`);
    body.push(`<text x="${width - right + 30}" y="${top + 11 + i * 20}">${esc(name)}</text>`);
  });
  return svg(width, height, 'Availability, 60 days of 30-min slots, against busy events (log axes)', body);
}

/** Writes both charts (those whose data the run has) into `dir`; returns the paths written. */
export function writeCharts(
  dir: string,
  data: {
    cold?: Array<{ name: string; loads: number[] }>;
    nylas?: Array<{ name: string; loads: number[] }>;
    http?: HttpAvailabilityResults;
    engine?: EngineResults;
  },
): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  if (data.cold) {
    writeFileSync(join(dir, 'cold-load.svg'), coldLoadChart(data.cold));
    written.push(join(dir, 'cold-load.svg'));
  }
  if (data.nylas) {
    writeFileSync(join(dir, 'vs-nylas.svg'), coldLoadChart(data.nylas));
    written.push(join(dir, 'vs-nylas.svg'));
  }
  if (data.http) {
    const method = (m: string) => (m === 'collective' ? 'collective' : 'round-robin');
    const lines: Array<{ name: string; points: Array<[number, number]> }> = [];
    for (const m of [...new Set(data.http.cells.map((c) => c.method))]) {
      const cells = data.http.cells.filter((c) => c.method === m).sort((a, b) => a.events - b.events);
      lines.push({ name: `HTTP ${method(m)}`, points: cells.map((c) => [c.events, c.http.median]) });
      lines.push({
        name: `HTTP ${method(m)}, after a write`,
        points: cells.map((c) => [c.events, c.afterWrite.median]),
      });
    }
    const engine = data.engine?.cells.filter((c) => c.participants === 10);
    if (engine?.length)
      lines.push({ name: 'engine alone, collective', points: engine.map((c) => [c.events, c.time.median]) });
    writeFileSync(join(dir, 'availability.svg'), availabilityChart(lines));
    written.push(join(dir, 'availability.svg'));
  }
  return written;
}
