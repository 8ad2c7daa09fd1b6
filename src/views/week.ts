/**
 * Week layout (`layout="week"`, a part): seven day columns of times, Cal.com's weekly view, with the
 * month calendar's keyboard model. The times are the flow's months (fetched once each, through its
 * cache), read for the days the week shows, in the guest's zone.
 *
 * Emits no style attributes (strict CSP); its `styles` are adopted into the element's shadow root when it loads (`getPart`). Hooks:
 *   .week        part="week"             the whole week
 *   .cal-head    part="week-header"      previous week, the week's dates, next week
 *   .cal-title   part="week-title"       the week's dates (id="week-title", aria-live="polite")
 *   .cal-nav     part="nav-button"       previous / next week; out of the booking window aria-disabled="true"
 *   .week-grid   part="week-grid"        the <table role="grid">, a column per day; aria-busy while a month loads
 *   th           part="week-day"         a day's weekday and date; with `today` (aria-current="date")
 *   .slot        part="slot"             a time (a button in a gridcell), aria-pressed when chosen
 *   .slot        part="no-times"         the one cell of a day without times (aria-disabled); with `loading`
 *                                        while its month is fetched
 * Keyboard: one tab stop in the grid (roving tabindex). ArrowLeft/Right the day before/after (mirrored in
 * right-to-left languages) keeping the row, ArrowUp/Down the time before/after, Home/End the first/last
 * day of the week, PageUp/PageDown a week back/on; Enter or Space chooses a time.
 */

import { css, html, nothing, type TemplateResult } from 'lit';
import type { TimeSlot } from '../contract/guest.js';
// Bundled into the part from their own modules (the script provides none of `time/index.ts`).
import { formatDayLong } from '../time/format.js';
import { dtf } from '../time/intl.js';
import { addDays, clampKey, keyToMs, monthOf, weekdayOf } from '../time/keys.js';
import { firstDayOfWeek } from '../time/locale.js';
import { renderNotice } from './common.js';
import type { ViewActions, ViewContext } from './context.js';
import { isSameTime, slotText } from './slot-text.js';

export const styles = css`
  .week {
    grid-column: 1/-1;
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .week-scroll {
    overflow-x: auto;
  }
  .week-grid {
    width: 100%;
    min-width: 38em;
    table-layout: fixed;
    border-spacing: calc(var(--_space)/2);
  }
  .week-grid th {
    padding-bottom: calc(var(--_space)/2);
  }
  .week-grid th b {
    display: block;
    font-size: 1.4em;
    color: var(--_text);
  }
  .week-grid th[aria-current] b {
    color: var(--_accent);
  }
  .week-grid td {
    padding: 0;
    vertical-align: top;
  }
  .week-grid .slot {
    padding: calc(var(--_space)/2) 2px;
    font-size: 0.9em;
  }
  .week-grid .slot[aria-disabled] {
    color: var(--_muted);
    border: 1px dashed var(--_border);
    font-weight: 400;
  }
  .week-grid [part~=loading] {
    background: var(--_surface);
  }
`;

/** A position in the grid: a day, and a row of its times (kept when moving to a day with fewer, so it comes back). */
export interface WeekCell {
  day: string;
  row: number;
}

export interface WeekBounds {
  /** 0 = Sunday … 6 = Saturday. */
  firstDayOfWeek: number;
  /** The first and last day the keyboard may reach. */
  first: string;
  last: string;
  /** How many cells the current day has (its times, or the one "no times" cell). */
  rows: number;
}

/** The first day of the week `day` is in. */
export const weekStart = (day: string, firstDay: number): string =>
  addDays(day, -((weekdayOf(day) - firstDay + 7) % 7));

/**
 * The cell key `key` (a KeyboardEvent.key) moves `from` to, or null when it is no grid key: ArrowLeft/Right
 * ±1 day (mirrored when `rtl`), ArrowUp/Down ±1 row within the day, Home/End the week's first/last day,
 * PageUp/PageDown ±7 days. The day is kept within [first, last].
 */
export function nextWeekCell(key: string, from: WeekCell, bounds: WeekBounds, rtl = false): WeekCell | null {
  let { day } = from;
  let row = Math.min(from.row, bounds.rows - 1);
  const start = weekStart(day, bounds.firstDayOfWeek);
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowRight':
      day = addDays(day, (key === 'ArrowRight') !== rtl ? 1 : -1);
      row = from.row;
      break;
    case 'ArrowUp':
      row = Math.max(row - 1, 0);
      break;
    case 'ArrowDown':
      row = Math.min(row + 1, bounds.rows - 1);
      break;
    case 'Home':
    case 'End':
      day = addDays(start, key === 'Home' ? 0 : 6);
      row = from.row;
      break;
    case 'PageUp':
    case 'PageDown':
      day = addDays(day, key === 'PageUp' ? -7 : 7);
      row = from.row;
      break;
    default:
      return null;
  }
  return { day: clampKey(day, bounds.first, bounds.last), row };
}

/** Each widget's grid position, by its flow (a zone change starts again from the flow's day). */
const cursors = new WeakMap<ViewActions, WeekCell & { zone: string }>();

export function renderWeek(ctx: ViewContext): TemplateResult {
  const { state, flow, schedule, t, locale, host } = ctx;
  const { today, lastDay } = schedule;
  const { timeZone } = state;
  const firstDay = firstDayOfWeek(locale);
  const first = weekStart(today, firstDay);
  const last = addDays(weekStart(lastDay, firstDay), 6);
  let cursor = cursors.get(flow);
  if (cursor?.zone !== timeZone) cursor = { day: state.selectedDay ?? state.activeDay, row: 0, zone: timeZone };
  cursor.day = clampKey(cursor.day, first, last);
  cursors.set(flow, cursor);

  const start = weekStart(cursor.day, firstDay);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  /** The availability of the months of the week's days in the booking window, as fetched so far. */
  const months = new Map(
    days.filter((day) => day >= today && day <= lastDay).map((day) => [monthOf(day), flow.monthState(monthOf(day))]),
  );
  const entries = [...months];
  /** A day's times: none outside the booking window, `undefined` while its month is not known. */
  const times = days.map((day): TimeSlot[] | undefined => {
    if (!months.has(monthOf(day))) return [];
    const month = months.get(monthOf(day));
    return month?.status === 'ready' ? (month.byDay.get(day) ?? []) : undefined;
  });
  const loading = entries.some(([, entry]) => entry?.status !== 'ready' && entry?.status !== 'error');
  // A month the week reaches into is fetched through the flow's cache, after this render (a fetch announces itself).
  for (const [month, entry] of entries) if (!entry) queueMicrotask(() => void flow.loadMonth(month));
  // The flow tells of a failure in the month it shows; one in the week's other month is told here, with its retry.
  const [failed, failure] = (!state.notice && entries.find(([, entry]) => entry?.status === 'error')) || [];
  const rowsOf = (day: string): number => Math.max(times[days.indexOf(day)]?.length ?? 0, 1);
  const activeRow = Math.min(cursor.row, rowsOf(cursor.day) - 1);

  const range = dtf(locale, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  const weekName = (from: string): string => range.formatRange(keyToMs(from), keyToMs(addDays(from, 6)));

  /** Moves the grid's tab stop (into another month: the flow shows it, fetching it once). */
  const go = (cell: WeekCell): void => {
    cursors.set(flow, { ...cell, zone: timeZone });
    flow.activateDay(cell.day);
  };
  // While focus is in the grid it follows the tab stop: after a key, and when a month arrives under it.
  const root = host.shadowRoot!;
  if (root.activeElement?.closest('.week-grid')) {
    void host.updateComplete.then(() => root.querySelector<HTMLElement>('.week-grid [tabindex="0"]')?.focus());
  }

  const onKey = (event: KeyboardEvent): void => {
    const target = event.target as HTMLElement;
    if (!target.dataset.day || event.altKey || event.ctrlKey || event.metaKey) return;
    const rtl = getComputedStyle(target).direction === 'rtl';
    const next = nextWeekCell(
      event.key,
      cursor,
      { firstDayOfWeek: firstDay, first, last, rows: rowsOf(cursor.day) },
      rtl,
    );
    if (!next) return;
    event.preventDefault();
    go(next);
  };

  const nav = (delta: number, enabled: boolean, glyph: string): TemplateResult => html`<button
    type="button"
    class="cal-nav ${delta < 0 ? 'cal-prev' : 'cal-next'}"
    part="nav-button"
    aria-label=${weekName(addDays(start, delta))}
    aria-disabled=${String(!enabled)}
    @click=${() => enabled && go({ day: addDays(cursor.day, delta), row: cursor.row })}
  ><span aria-hidden="true">${glyph}</span></button>`;

  const header = (day: string): TemplateResult => {
    const isToday = day === today;
    return html`<th scope="col" part="week-day${isToday ? ' today' : ''}" aria-current=${isToday ? 'date' : nothing} aria-label=${[formatDayLong(day, locale), isToday ? t('today') : ''].filter(Boolean).join(', ')}>
      ${dtf(locale, { timeZone: 'UTC', weekday: 'short' }).format(keyToMs(day))}<b>${dtf(locale, { timeZone: 'UTC', day: 'numeric' }).format(keyToMs(day))}</b>
    </th>`;
  };

  // One button template for a time and for the "no times" cell, so the focused button stays when a day's month arrives.
  const cell = (day: string, list: TimeSlot[] | undefined, row: number): TemplateResult => {
    const slot = list?.[row];
    if (!slot && row) return html`<td role="gridcell"></td>`;
    const date = formatDayLong(day, locale);
    const [time, ...session] = slot ? slotText(ctx, slot) : [];
    return html`<td role="gridcell"><button
      type="button"
      class="slot"
      part="${slot ? 'slot' : list ? 'no-times' : 'no-times loading'}"
      data-day=${day}
      tabindex=${day === cursor.day && row === activeRow ? '0' : '-1'}
      aria-pressed=${slot ? String(isSameTime(slot, state.slot)) : nothing}
      aria-disabled=${slot ? nothing : 'true'}
      aria-label=${slot ? t('slotName', { time: [time, ...session].join(' '), date, zone: timeZone }) : list ? `${date}, ${t('unavailable')}` : date}
      @click=${() => {
        if (!slot) return;
        cursors.set(flow, { day, row, zone: timeZone });
        flow.selectSlot(slot);
      }}
    >${slot ? html`${time}${session.map((text) => html` <small>${text}</small>`)}` : list ? '–' : ''}</button></td>`;
  };

  const rows = Math.max(1, ...times.map((list) => list?.length ?? 0));
  return html`<div class="week" part="week">
    ${failed ? renderNotice(ctx, failure!.error!, () => void flow.loadMonth(failed)) : nothing}
    <div class="cal-head" part="week-header">
      ${nav(-7, start > first, '‹')}
      <div id="week-title" class="cal-title" part="week-title" aria-live="polite">${weekName(start)}</div>
      ${nav(7, addDays(start, 6) < lastDay, '›')}
    </div>
    <div class="week-scroll">
      <table role="grid" class="week-grid" part="week-grid" aria-labelledby="week-title" aria-busy=${String(loading)} @keydown=${onKey}>
        <thead>
          <tr>${days.map(header)}</tr>
        </thead>
        <tbody>
          ${Array.from({ length: rows }, (_, row) => html`<tr>${days.map((day, i) => cell(day, times[i], row))}</tr>`)}
        </tbody>
      </table>
    </div>
  </div>`;
}
