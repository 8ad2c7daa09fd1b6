import { html, nothing, type TemplateResult } from 'lit';
import { isGroupSlot } from '../contract/group.js';
import { renderPart } from '../lazy/index.js';
import {
  firstDayOfWeek,
  formatDayLong,
  formatMonthTitle,
  monthOf,
  timeZoneNames,
  zoneOffsetLabel,
} from '../time/index.js';
import { renderCalendar } from './calendar.js';
import { renderNotice, renderSummary } from './common.js';
import type { ViewContext } from './context.js';
import { isSameTime, slotText } from './slot-text.js';

/** The date and time step: month calendar beside the chosen day's times, or (`layout="week"`, a part) a week of times. */
export function renderSchedule(ctx: ViewContext): TemplateResult {
  const { state, flow, t, locale } = ctx;
  const { month, today, lastDay } = ctx.schedule;
  const calendar = renderCalendar(
    {
      ...state,
      today,
      available: month?.byDay ?? new Set(),
      loading: month?.status !== 'ready',
      minMonth: monthOf(today),
      maxMonth: monthOf(lastDay),
      locale,
      firstDayOfWeek: firstDayOfWeek(locale),
      t,
    },
    flow,
  );
  const week = ctx.host.layout == 'week' && renderPart('week', ctx, (part) => part.renderWeek(ctx));
  // `existing` (the booking being moved) is there in reschedule mode only.
  return html`${renderSummary(ctx, 2, state.existing)}
    ${renderNotice(ctx, state.notice)}
    <div class="panels">
      ${week || html`<section part="calendar-panel" aria-label=${t('selectDate')}>${calendar}</section>`}
      <section class="slots" part="slots-panel">${week ? nothing : (renderEmptyMonth(ctx) ?? renderSlots(ctx))}${renderTimeZonePicker(ctx)}</section>
    </div>`;
}

/** A month without times: said where the times would be, with the way on. */
function renderEmptyMonth({ state, flow, schedule: { month }, t, locale }: ViewContext): TemplateResult | undefined {
  if (month?.status !== 'ready' || month.byDay.size) return;
  const next = state.nextMonthWithTimes;
  return html`<div class="empty" part="empty-month" role="status">
    <p>${t('noTimesInMonth', { month: formatMonthTitle(state.month, locale) })}</p>
    ${
      next === undefined
        ? html`<p class="muted">${t('checkingMonths')}</p>`
        : next
          ? html`<button type="button" class="link" part="button next-available" @click=${() => flow.showMonth(next)}>
            ${t('goToMonth', { month: formatMonthTitle(next, locale) })}
          </button>`
          : html`<p class="muted">${t('noTimesAtAll')}</p>`
    }
  </div>`;
}

function renderSlots(ctx: ViewContext): TemplateResult {
  const {
    state,
    flow,
    schedule: { slots },
    t,
    locale,
  } = ctx;
  const day = state.selectedDay;
  if (!day || !slots.length) return html`<h3>${t('selectTime')}</h3>`;
  const dayLabel = formatDayLong(day, locale);
  return html`<h3 id="slots-heading">${t('timesFor', { date: dayLabel })}</h3>
    <ul class="slot-list ${isGroupSlot(slots[0]) ? 'group' : ''}" part="slot-list" aria-labelledby="slots-heading">
      ${slots.map((slot) => {
        const [time, ...session] = slotText(ctx, slot);
        // Rescheduling: the booked time, marked among the day's.
        const booked = isSameTime(slot, state.existing);
        if (booked) session.push(t('bookedTime'));
        return html`<li>
          <button
            type="button"
            class="slot"
            part="slot"
            aria-pressed=${String(isSameTime(slot, state.slot))}
            aria-current=${booked ? 'true' : nothing}
            aria-label=${t('slotName', { time: [time, ...session].join(' '), date: dayLabel, zone: state.timeZone })}
            @click=${() => flow.selectSlot(slot)}
          >
            ${time}${session.map((text) => html` <small>${text}</small>`)}
          </button>
        </li>`;
      })}
    </ul>`;
}

/** The ~420 zone suggestions are made when the picker is first focused, not on every first paint. */
function fillZones(event: FocusEvent): void {
  const list = (event.target as HTMLInputElement).list;
  if (list && !list.childElementCount) list.append(...timeZoneNames().map((zone) => new Option('', zone)));
}

function renderTimeZonePicker({ state, flow, t, locale }: ViewContext): TemplateResult {
  const offset = zoneOffsetLabel(state.timeZone, Math.floor(Date.now() / 1000), locale);
  // While typing, only a whole zone name applies (a picked suggestion); on change, what else a guest
  // may type (a city, "Pacific Time", "PST") is read by a module loaded then (src/time/zone-names.ts),
  // and anything it does not understand is said so (until the next change), the times unchanged.
  const apply = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const typed = input.value;
    const show = (zone?: string) => {
      if (input.value !== typed) return; // typed again meanwhile
      input.nextElementSibling!.nextElementSibling!.textContent = zone ? '' : t('zoneUnknown', { zone: typed });
      input.ariaInvalid = zone ? null : 'true';
      if (zone) {
        input.value = zone;
        flow.setTimeZone(zone);
      }
    };
    if (timeZoneNames().includes(typed)) show(typed);
    else if (event.type === 'change')
      import('../time/zone-names.js').then(
        (names) => show(names.zoneNamed(typed, locale)),
        () => {},
      );
  };
  return html`<div class="tz" part="timezone">
    <label for="tz">${t('timeZone')} <span class="muted">(${offset})</span></label>
    <input
      id="tz"
      part="timezone-input"
      list="tz-list"
      autocomplete="off"
      spellcheck="false"
      aria-describedby="tz-error"
      .value=${state.timeZone}
      @change=${apply}
      @input=${apply}
      @focus=${fillZones}
    />
    <datalist id="tz-list"></datalist>
    <p id="tz-error" class="field-error" part="field-error" role="status"></p>
  </div>`;
}
