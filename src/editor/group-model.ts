/**
 * Group configurations (classes with seats), DOM-free: the configuration's fields, a new session
 * (once or weekly), and their checks. The sessions themselves are group events of the API.
 */
import type { GroupConfigurationInput, GroupEventInput } from '../contract/admin.js';
import { isIsoDate, isValidTimeZone } from '../contract/validators.js';
import type { Problems } from './model.js';
import { wallClock } from '../time/zone.js';

export interface GroupForm {
  name: string;
  /** The title a session gets when it names none. */
  title: string;
  calendar: string;
  capacity: string;
}

export interface SessionForm {
  title: string;
  date: string;
  start: string;
  duration: string;
  zone: string;
  /** Blank: the configuration's default. */
  capacity: string;
  /** How many weeks in a row; 1 is a single session. */
  weeks: string;
}

const WALL_CLOCK = /^([01]?\d|2[0-3]):[0-5]\d$/;

export const toGroupForm = (config: GroupConfigurationInput | null, calendar: string): GroupForm => ({
  name: config?.name ?? '',
  title: config?.group_booking.title ?? '',
  calendar: config?.group_booking.calendar_id ?? calendar,
  capacity: String(config?.group_booking.default_capacity ?? 10),
});

/** The configuration the form describes, over `base`: what the form does not show is kept. */
export function toGroupConfiguration(form: GroupForm, base: GroupConfigurationInput | null): GroupConfigurationInput {
  const { title: _title, ...booking } = base?.group_booking ?? { calendar_id: form.calendar };
  return {
    ...base,
    type: 'group',
    name: form.name.trim(),
    group_booking: {
      ...booking,
      calendar_id: form.calendar,
      default_capacity: Number(form.capacity),
      ...(form.title.trim() && { title: form.title.trim() }),
    },
  };
}

export function validateGroup(form: GroupForm): Problems {
  const problems: Problems = {};
  if (!form.name.trim()) problems['group.name'] = ['required'];
  if (!form.calendar) problems['group.calendar'] = ['required'];
  const capacity = Number(form.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500)
    problems['group.capacity'] = ['wholeBetween', { min: 1, max: 500 }];
  return problems;
}

export function validateSession(form: SessionForm): Problems {
  const problems: Problems = {};
  const whole = (id: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
      problems[id] = ['wholeBetween', { min, max }];
  };
  if (!form.title.trim()) problems['session.title'] = ['required'];
  if (!isIsoDate(form.date)) problems['session.date'] = ['badDate'];
  if (!WALL_CLOCK.test(form.start)) problems['session.start'] = ['clock'];
  whole('session.duration', form.duration, 5, 1440);
  if (form.capacity.trim()) whole('session.capacity', form.capacity, 1, 500);
  whole('session.weeks', form.weeks, 1, 104);
  if (!isValidTimeZone(form.zone.trim())) problems['session.zone'] = ['badZone'];
  return problems;
}

/** The zone's offset from UTC at an instant, in seconds (what its wall clock reads minus UTC's). */
const offsetAt = (epochSec: number, zone: string): number => wallClock(epochSec, zone) - epochSec;

/**
 * The instant a wall-clock time of a day has in a zone (a time skipped by daylight saving moves
 * forward, as calendars do).
 */
export function wallTimeToEpoch(date: string, clock: string, zone: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  const wall =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hours, minutes) / 1000;
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

/** A session as the API takes it: a weekly series when it repeats (RRULE, developer.nylas.com group events). */
export function sessionInput(form: SessionForm, calendarId: string): GroupEventInput {
  const zone = form.zone.trim();
  const start = wallTimeToEpoch(form.date, form.start, zone);
  const weeks = Number(form.weeks);
  return {
    title: form.title.trim(),
    calendar_id: calendarId,
    // Blank: the configuration's default seats.
    ...(form.capacity.trim() && { capacity: Number(form.capacity) }),
    when: { start_time: start, end_time: start + Number(form.duration) * 60, start_timezone: zone, end_timezone: zone },
    ...(weeks > 1 && { recurrence: [`RRULE:FREQ=WEEKLY;COUNT=${weeks}`] }),
  };
}
