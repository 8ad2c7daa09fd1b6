/**
 * Month calendar: a render function (not an element) the host puts in its shadow root.
 *
 * Emits no styles and no style attributes (strict CSP); style these hooks:
 *   .cal            part="calendar"        the whole calendar
 *   .cal-head       part="calendar-header" previous button, month title, next button
 *   .cal-title      part="month-title"     the month name (id="cal-title", aria-live="polite")
 *   .cal-nav        part="nav-button"      previous / next; out of range: aria-disabled="true"
 *                   (not `disabled`, so focus stays on it); classes .cal-prev / .cal-next. The
 *                   ‹ › glyphs are text: mirror them in RTL (e.g. :host(:dir(rtl)) .cal-nav span)
 *   .cal-grid       part="grid"            the <table role="grid">; .is-loading + aria-busy="true"
 *                   while the month's availability is not known
 *   th              role="columnheader"    short weekday name (full name in aria-label / abbr)
 *   .day            part="day"             a <td role="gridcell"> per date, itself focusable:
 *                   tabindex="0" on the active day, -1 on the others; state classes and parts:
 *     .is-available   part="day available"    selectable
 *     .is-unavailable part="day unavailable"  aria-disabled="true" (still focusable)
 *     .is-selected    part="day selected"     aria-selected="true"
 *     .is-today       part="day today"        aria-current="date"
 *     .is-loading     part="day loading"      availability unknown (skeleton)
 *     .is-outside     part="day outside"      empty cell before the 1st / after the last day
 *                                             (no text, not focusable)
 * Focus after a keyboard move: the host re-renders and focuses `[part~="day"][tabindex="0"]`.
 */

import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/index.js';
import type { ViewActions } from './context.js';
import {
  addMonths,
  formatDayLong,
  formatDayNumber,
  formatMonthTitle,
  monthGrid,
  nextActiveDay,
  weekdayNames,
} from '../time/index.js';

export interface CalendarModel {
  /** Shown month 'YYYY-MM'. */
  month: string;
  /** The one cell with tabindex=0 (roving tabindex), in `month`. */
  activeDay: string;
  selectedDay: string | null;
  today: string;
  /** Selectable days; the others are aria-disabled but still reachable by keyboard. */
  available: { has(day: string): boolean };
  /** The month's availability is not known yet. */
  loading: boolean;
  minMonth: string;
  maxMonth: string;
  locale: string;
  /** 0 = Sunday … 6 = Saturday. */
  firstDayOfWeek: number;
  /** The widget's strings (previous/next month, available, unavailable, today). */
  t: Translate;
}

/** What the calendar asks for. */
export type CalendarHandlers = Pick<ViewActions, 'selectDay' | 'activateDay' | 'showMonth'>;

export function renderCalendar(model: CalendarModel, on: CalendarHandlers): TemplateResult {
  const { month, locale, t, loading } = model;
  const short = weekdayNames(locale, model.firstDayOfWeek, 'short');
  const long = weekdayNames(locale, model.firstDayOfWeek, 'long');
  const canPrev = month > model.minMonth;
  const canNext = month < model.maxMonth;

  const dayOf = (e: Event): string | undefined =>
    (e.target as HTMLElement).closest<HTMLElement>('[data-day]')?.dataset.day;

  const onKey = (e: KeyboardEvent): void => {
    const day = dayOf(e);
    if (!day || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (!loading && model.available.has(day)) on.selectDay(day);
      return;
    }
    const rtl = getComputedStyle(e.target as Element).direction === 'rtl';
    const next = nextActiveDay(e.key, day, model, { rtl, shift: e.shiftKey });
    if (next === null) return;
    e.preventDefault();
    if (next !== day) on.activateDay(next);
  };

  const onClick = (e: Event): void => {
    const day = dayOf(e);
    if (!day) return;
    if (day !== model.activeDay) on.activateDay(day);
    if (!loading && model.available.has(day)) on.selectDay(day);
  };

  const nav = (delta: number, enabled: boolean, label: string, glyph: string): TemplateResult => html`<button
    type="button"
    class="cal-nav ${delta < 0 ? 'cal-prev' : 'cal-next'}"
    part="nav-button"
    aria-label=${label}
    aria-disabled=${String(!enabled)}
    @click=${() => enabled && on.showMonth(addMonths(month, delta))}
  ><span aria-hidden="true">${glyph}</span></button>`;

  const cell = (day: string | null): TemplateResult => {
    if (!day) return html`<td role="gridcell" class="day is-outside" part="day outside"></td>`;
    const avail = !loading && model.available.has(day);
    const selected = day === model.selectedDay;
    const today = day === model.today;
    const state = [
      loading ? 'loading' : avail ? 'available' : 'unavailable',
      selected ? 'selected' : '',
      today ? 'today' : '',
    ].filter(Boolean);
    const name = [
      formatDayLong(day, locale),
      today ? t('today') : '',
      loading ? '' : t(avail ? 'available' : 'unavailable'),
    ]
      .filter(Boolean)
      .join(', ');
    return html`<td
      role="gridcell"
      class="day ${state.map((s) => `is-${s}`).join(' ')}"
      part="day ${state.join(' ')}"
      data-day=${day}
      tabindex=${day === model.activeDay ? '0' : '-1'}
      aria-selected=${String(selected)}
      aria-current=${today ? 'date' : nothing}
      aria-disabled=${loading || avail ? nothing : 'true'}
      aria-label=${name}
    >${formatDayNumber(day, locale)}</td>`;
  };

  return html`<div class="cal" part="calendar">
    <div class="cal-head" part="calendar-header">
      ${nav(-1, canPrev, t('previousMonth'), '‹')}
      <div id="cal-title" class="cal-title" part="month-title" aria-live="polite">${formatMonthTitle(month, locale)}</div>
      ${nav(1, canNext, t('nextMonth'), '›')}
    </div>
    <table
      role="grid"
      class="cal-grid${loading ? ' is-loading' : ''}"
      part="grid"
      aria-labelledby="cal-title"
      aria-busy=${String(loading)}
      @keydown=${onKey}
      @click=${onClick}
    >
      <thead>
        <tr>${short.map((s, i) => html`<th role="columnheader" scope="col" abbr=${long[i]!} aria-label=${long[i]!}>${s}</th>`)}</tr>
      </thead>
      <tbody>
        ${monthGrid(month, model.firstDayOfWeek).map((row) => html`<tr>${row.map(cell)}</tr>`)}
      </tbody>
    </table>
  </div>`;
}
