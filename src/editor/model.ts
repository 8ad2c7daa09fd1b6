/**
 * The editor's form, DOM-free: a configuration as the fields an organizer edits, back to the
 * configuration (everything the form does not show is kept as it was), and the checks that give
 * each field its message before anything is sent.
 */
import type {
  AvailabilityMethod,
  ConfigurationInput,
  OpenHours,
  Participant,
  SpecificTimeAvailability,
  Weekday,
} from '../contract/admin.js';
import {
  ADDITIONAL_FIELD_TYPES,
  type AdditionalField,
  type AdditionalFieldType,
  type BookingType,
} from '../contract/guest.js';
import { isIsoDate, isValidTimeZone } from '../contract/validators.js';
import type { EditorStringKey } from './strings.js';

export interface HoursRow {
  on: boolean;
  start: string;
  end: string;
}

export interface HostRow {
  name: string;
  email: string;
  organizer: boolean;
}

export interface OverrideRow {
  date: string;
  start: string;
  end: string;
}

export interface FieldRow {
  key: string;
  label: string;
  type: AdditionalFieldType;
  required: boolean;
  /** One option a line. */
  options: string;
  pattern: string;
  default: string;
}

export interface ReminderRow {
  type: 'email' | 'webhook';
  minutes: string;
  recipient: 'all' | 'host' | 'guest';
  subject: string;
}

export interface EditorForm {
  name: string;
  title: string;
  description: string;
  location: string;
  duration: string;
  interval: string;
  bookingType: BookingType;
  method: AvailabilityMethod;
  hosts: HostRow[];
  /** The organizer's calendars checked for conflicts; the first also takes the bookings. */
  calendars: string[];
  zone: string;
  /** Index = weekday, 0 = Sunday. */
  week: HoursRow[];
  daysOff: string[];
  overrides: OverrideRow[];
  bufferBefore: string;
  bufferAfter: string;
  notice: string;
  daysAhead: string;
  cancelNotice: string;
  fields: FieldRow[];
  redirectUrl: string;
  reschedulingUrl: string;
  cancellationUrl: string;
  confirmationUrl: string;
  cancellationPolicy: string;
  hideReschedule: boolean;
  hideCancel: boolean;
  hideGuests: boolean;
  disableEmails: boolean;
  reminders: ReminderRow[];
  emailLogo: string;
  confirmedTitle: string;
  confirmedBody: string;
  color: string;
  logoUrl: string;
  companyName: string;
  submitLabel: string;
  thankYou: string;
  slug: string;
  private: boolean;
}

export const FIELD_TYPES = ADDITIONAL_FIELD_TYPES;
export const WITH_OPTIONS: AdditionalFieldType[] = ['dropdown', 'radio_button', 'multi_select'];
export const METHODS: AvailabilityMethod[] = ['collective', 'max-fairness', 'max-availability'];

/** Monday first in the form, as most organizers read a week. */
export const WEEK_ORDER: Weekday[] = [1, 2, 3, 4, 5, 6, 0];

const text = (value: number | string | undefined | null) =>
  value === undefined || value === null ? '' : String(value);

/** A new configuration: Mon–Fri 9–17 in the organizer's zone, 30 minutes. */
export function blankConfiguration(zone: string): ConfigurationInput {
  return {
    participants: [],
    availability: {
      duration_minutes: 30,
      availability_rules: {
        availability_method: 'collective',
        default_open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: zone }],
      },
    },
    event_booking: { title: '', booking_type: 'booking' },
    scheduler: {},
  };
}

/**
 * The weekly hours the form shows: the configuration's default hours, else (a configuration made
 * elsewhere, hours on its participants) the organizer's own, which then stand for everyone's.
 */
function shownHours(config: ConfigurationInput): OpenHours[] {
  const defaults = config.availability.availability_rules?.default_open_hours ?? [];
  const organizer = config.participants.find((participant) => participant.is_organizer) ?? config.participants[0];
  return defaults.length ? defaults : (organizer?.availability?.open_hours ?? []);
}

const sameHours = (a: OpenHours[] | undefined, b: OpenHours[]) => JSON.stringify(a ?? []) === JSON.stringify(b);

/** The form's hours: the week, its zone, days off and dated exceptions. */
function hoursOf(config: ConfigurationInput, browserZone: string) {
  const rules = config.availability.availability_rules ?? {};
  const hours = shownHours(config);
  const week: HoursRow[] = Array.from({ length: 7 }, (_, day) => {
    const entry = hours.find((open) => open.days.includes(day as Weekday));
    return entry ? { on: true, start: entry.start, end: entry.end } : { on: false, start: '9:00', end: '17:00' };
  });
  const organizer = config.participants.find((participant) => participant.is_organizer);
  return {
    zone: hours[0]?.timezone ?? config.event_booking.timezone ?? organizer?.timezone ?? browserZone,
    week,
    daysOff: hours[0]?.exdates ?? [],
    overrides: (rules.default_specific_time_availability ?? []).map(({ date, start, end }) => ({ date, start, end })),
  };
}

/** The booking form's extra fields, in their order. */
function fieldsOf(scheduler: NonNullable<ConfigurationInput['scheduler']>): EditorForm['fields'] {
  return Object.entries(scheduler.additional_fields ?? {})
    .sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0))
    .map(([key, field]) => ({
      key,
      label: field.label,
      type: field.type,
      required: field.required,
      options: (field.options ?? []).join('\n'),
      pattern: text(field.pattern),
      default: text(field.default),
    }));
}

/** The guest's links and options, and what the organizer's mails say. */
function guestOptionsOf(config: ConfigurationInput) {
  const scheduler = config.scheduler ?? {};
  return {
    redirectUrl: text(scheduler.confirmation_redirect_url),
    reschedulingUrl: text(scheduler.rescheduling_url),
    cancellationUrl: text(scheduler.cancellation_url),
    confirmationUrl: text(scheduler.organizer_confirmation_url),
    cancellationPolicy: text(scheduler.cancellation_policy),
    hideReschedule: scheduler.hide_rescheduling_options === true,
    hideCancel: scheduler.hide_cancellation_options === true,
    hideGuests: scheduler.hide_additional_guests === true,
    disableEmails: config.event_booking.disable_emails === true,
    reminders: (config.event_booking.reminders ?? []).map((reminder): ReminderRow => ({
      type: reminder.type === 'webhook' ? 'webhook' : 'email',
      minutes: text(reminder.minutes_before_event as number | undefined),
      recipient: reminder.recipient === 'host' || reminder.recipient === 'guest' ? reminder.recipient : 'all',
      subject: text(reminder.email_subject as string | undefined),
    })),
    emailLogo: text(scheduler.email_template?.logo),
    confirmedTitle: text(scheduler.email_template?.booking_confirmed?.title),
    confirmedBody: text(scheduler.email_template?.booking_confirmed?.body),
  };
}

/** The fields of a configuration. */
export function toForm(config: ConfigurationInput, browserZone: string): EditorForm {
  const rules = config.availability.availability_rules ?? {};
  const organizer = config.participants.find((participant) => participant.is_organizer);
  const scheduler = config.scheduler ?? {};
  return {
    name: text(config.name),
    title: config.event_booking.title,
    description: text(config.event_booking.description),
    location: text(config.event_booking.location),
    duration: text(config.availability.duration_minutes),
    interval: text(config.availability.interval_minutes),
    bookingType: config.event_booking.booking_type ?? 'booking',
    method: rules.availability_method ?? 'collective',
    hosts: config.participants.map((participant) => ({
      name: text(participant.name),
      email: participant.email,
      organizer: participant.is_organizer === true,
    })),
    calendars: organizer?.availability?.calendar_ids ?? [],
    ...hoursOf(config, browserZone),
    bufferBefore: text(rules.buffer?.before),
    bufferAfter: text(rules.buffer?.after),
    notice: text(scheduler.min_booking_notice),
    daysAhead: text(scheduler.available_days_in_future),
    cancelNotice: text(scheduler.min_cancellation_notice),
    fields: fieldsOf(scheduler),
    ...guestOptionsOf(config),
    color: text(config.appearance?.color),
    logoUrl: text(config.appearance?.company_logo_url),
    companyName: text(config.appearance?.company_name),
    submitLabel: text(config.appearance?.submit_button_label),
    thankYou: text(config.appearance?.thank_you_message),
    slug: text(config.slug),
    private: config.requires_session_auth === true,
  };
}

/** Optional values are left out when blank, so that the API's defaults apply. */
const optional = <K extends string, V>(key: K, value: V | undefined | '') =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, V>>;
const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
const lines = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Days with the same hours in one entry, as Nylas's editor writes them. */
function openHours(form: EditorForm): OpenHours[] {
  const entries: OpenHours[] = [];
  for (const day of WEEK_ORDER) {
    const row = form.week[day]!;
    if (!row.on) continue;
    const same = entries.find((entry) => entry.start === row.start && entry.end === row.end);
    if (same) same.days.push(day);
    else
      entries.push({
        days: [day],
        start: row.start,
        end: row.end,
        timezone: form.zone,
        ...(form.daysOff.length ? { exdates: [...form.daysOff] } : {}),
      });
  }
  return entries;
}

/**
 * The configuration the form describes, over `base`: what the form does not show is kept. The
 * weekly hours become the default hours; a participant's own hours that the form showed go (they
 * would override the edited ones), different own hours stay theirs.
 */
export function toConfiguration(form: EditorForm, base: ConfigurationInput): ConfigurationInput {
  const previous = new Map(base.participants.map((participant) => [participant.email, participant]));
  const shown = shownHours(base);
  const participants: Participant[] = form.hosts.map((host) => {
    const {
      name: _name,
      is_organizer: _organizer,
      ...kept
    } = previous.get(host.email.trim().toLowerCase()) ?? ({} as Partial<Participant>);
    if (kept.availability?.open_hours && sameHours(kept.availability.open_hours, shown)) {
      const { open_hours: _hours, ...availability } = kept.availability;
      kept.availability = availability;
    }
    const own: Participant = { ...kept, email: host.email.trim().toLowerCase(), ...optional('name', host.name.trim()) };
    if (host.organizer) {
      own.is_organizer = true;
      if (form.calendars.length) {
        own.availability = { ...own.availability, calendar_ids: form.calendars };
        own.booking = { calendar_id: form.calendars[0]! };
      }
    }
    return own;
  });
  const rules = base.availability.availability_rules ?? {};
  const specific: SpecificTimeAvailability[] = form.overrides.map((row) => ({ ...row, timezone: form.zone }));
  const before = number(form.bufferBefore) ?? 0;
  const after = number(form.bufferAfter) ?? 0;
  const fields: Record<string, AdditionalField> = {};
  form.fields.forEach((row, order) => {
    fields[row.key.trim()] = {
      label: row.label.trim(),
      type: row.type,
      required: row.required,
      order,
      ...optional('options', WITH_OPTIONS.includes(row.type) ? lines(row.options) : ''),
      ...optional('pattern', row.pattern),
      ...optional('default', row.default),
    };
  });
  const {
    color: _color,
    company_logo_url: _logo,
    company_name: _company,
    submit_button_label: _submit,
    thank_you_message: _thanks,
    ...appearance
  } = base.appearance ?? {};
  const {
    min_booking_notice: _notice,
    available_days_in_future: _ahead,
    min_cancellation_notice: _cancel,
    confirmation_redirect_url: _redirect,
    rescheduling_url: _reschedule,
    cancellation_url: _cancelUrl,
    organizer_confirmation_url: _confirm,
    cancellation_policy: _policy,
    email_template: _template,
    hide_rescheduling_options: hideReschedule,
    hide_cancellation_options: hideCancel,
    hide_additional_guests: hideGuests,
    ...scheduler
  } = base.scheduler ?? {};
  const {
    description: _description,
    location: _location,
    disable_emails: disabled,
    reminders: _reminders,
    ...eventBooking
  } = base.event_booking;
  const template = base.scheduler?.email_template ?? {};
  const confirmed = {
    ...template.booking_confirmed,
    ...optional('title', form.confirmedTitle.trim()),
    ...optional('body', form.confirmedBody.trim()),
  };
  if (!form.confirmedTitle.trim()) delete confirmed.title;
  if (!form.confirmedBody.trim()) delete confirmed.body;
  const { logo: _emailLogo, booking_confirmed: _confirmed, ...templateRest } = template;
  const emailTemplate = {
    ...templateRest,
    ...optional('logo', form.emailLogo.trim()),
    ...(Object.keys(confirmed).length ? { booking_confirmed: confirmed } : {}),
  };
  /** A flag the configuration had, or one set now (an unset flag stays unset). */
  const flag = <K extends string>(key: K, value: boolean, had: boolean | undefined) =>
    (value || had !== undefined ? { [key]: value } : {}) as Partial<Record<K, boolean>>;
  const { interval_minutes: _interval, ...availability } = base.availability;
  const { slug: _slug, name: _name, ...rest } = base;
  return {
    ...rest,
    ...optional('name', form.name.trim()),
    ...(form.slug.trim() && { slug: form.slug.trim() }),
    requires_session_auth: form.private,
    participants,
    availability: {
      ...availability,
      duration_minutes: Number(form.duration),
      ...optional('interval_minutes', number(form.interval)),
      availability_rules: {
        ...rules,
        availability_method: form.method,
        default_open_hours: openHours(form),
        default_specific_time_availability: specific,
        ...((before || after || rules.buffer) && { buffer: { before, after } }),
      },
    },
    event_booking: {
      ...eventBooking,
      title: form.title.trim(),
      booking_type: form.bookingType,
      timezone: form.zone,
      ...optional('description', form.description.trim()),
      ...optional('location', form.location.trim()),
      ...flag('disable_emails', form.disableEmails, disabled),
      ...(form.reminders.length || base.event_booking.reminders
        ? {
            reminders: form.reminders.map((row) => ({
              type: row.type,
              minutes_before_event: Number(row.minutes),
              ...(row.recipient !== 'all' && { recipient: row.recipient }),
              ...optional('email_subject', row.subject.trim()),
            })),
          }
        : {}),
    },
    scheduler: {
      ...scheduler,
      additional_fields: fields,
      ...optional('min_booking_notice', number(form.notice)),
      ...optional('available_days_in_future', number(form.daysAhead)),
      ...optional('min_cancellation_notice', number(form.cancelNotice)),
      ...optional('confirmation_redirect_url', form.redirectUrl.trim()),
      ...optional('rescheduling_url', form.reschedulingUrl.trim()),
      ...optional('cancellation_url', form.cancellationUrl.trim()),
      ...optional('organizer_confirmation_url', form.confirmationUrl.trim()),
      ...optional('cancellation_policy', form.cancellationPolicy.trim()),
      ...flag('hide_rescheduling_options', form.hideReschedule, hideReschedule),
      ...flag('hide_cancellation_options', form.hideCancel, hideCancel),
      ...flag('hide_additional_guests', form.hideGuests, hideGuests),
      ...(Object.keys(emailTemplate).length || base.scheduler?.email_template ? { email_template: emailTemplate } : {}),
    },
    appearance: {
      ...appearance,
      ...optional('color', form.color.trim()),
      ...optional('company_logo_url', form.logoUrl.trim()),
      ...optional('company_name', form.companyName.trim()),
      ...optional('submit_button_label', form.submitLabel.trim()),
      ...optional('thank_you_message', form.thankYou.trim()),
    },
  };
}

/** A field's problem: the key of its message and the values it names. */
export type Problem = [EditorStringKey, Record<string, string | number>?];
/** Problems by field id (`title`, `hosts.0.email`, `week.1.start`, `overrides.0.date`, `fields.2.options`, …). */
export type Problems = Record<string, Problem>;

const WALL_CLOCK = /^(([01]?\d|2[0-3]):[0-5]\d|24:00)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELD_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const minutesOf = (clock: string) => {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
};
const isWebUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** The local API's limits (and Nylas's), checked here so that each message sits under its field. */
export function validate(form: EditorForm): Problems {
  const problems: Problems = {};
  const whole = (id: string, value: string, min: number, max: number, required = false, step = 1) => {
    if (value.trim() === '') {
      if (required) problems[id] = ['required'];
      return;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) problems[id] = ['wholeBetween', { min, max }];
    else if (n % step) problems[id] = ['multipleOf', { step }];
  };
  const span = (id: string, start: string, end: string) => {
    if (!WALL_CLOCK.test(start) || !WALL_CLOCK.test(end)) problems[`${id}.start`] = ['clock'];
    else if (minutesOf(end) <= minutesOf(start)) problems[`${id}.start`] = ['endAfterStart'];
  };
  const url = (id: string, value: string) => {
    if (value.trim() && !isWebUrl(value.trim())) problems[id] = ['webUrl'];
  };

  if (!form.title.trim()) problems.title = ['required'];
  // The API's lengths (Nylas refuses appearance values over 550 characters).
  const lengths: Array<[keyof EditorForm, number]> = [
    ['title', 500],
    ['name', 200],
    ['description', 5000],
    ['location', 500],
    ['cancellationPolicy', 5000],
    ['color', 550],
    ['logoUrl', 550],
    ['companyName', 550],
    ['submitLabel', 550],
    ['thankYou', 550],
  ];
  for (const [id, max] of lengths) if ((form[id] as string).trim().length > max) problems[id] = ['tooLong', { max }];
  whole('duration', form.duration, 1, 1440, true);
  whole('interval', form.interval, 1, 1440);
  whole('bufferBefore', form.bufferBefore, 0, 120, false, 5);
  whole('bufferAfter', form.bufferAfter, 0, 120, false, 5);
  whole('notice', form.notice, 0, 525600);
  whole('daysAhead', form.daysAhead, 1, 366);
  whole('cancelNotice', form.cancelNotice, 0, 525600);
  if (!isValidTimeZone(form.zone.trim())) problems.zone = ['badZone'];
  if (!form.week.some((row) => row.on) && !form.overrides.length) problems.week = ['noHours'];
  form.week.forEach((row, day) => row.on && span(`week.${day}`, row.start, row.end));
  form.daysOff.forEach((date, i) => !isIsoDate(date) && (problems[`daysOff.${i}`] = ['badDate']));
  form.overrides.forEach((row, i) => {
    if (!isIsoDate(row.date)) problems[`overrides.${i}.date`] = ['badDate'];
    span(`overrides.${i}`, row.start, row.end);
  });

  if (!form.hosts.length) problems.hosts = ['hostNeeded'];
  const seen = new Set<string>();
  form.hosts.forEach((host, i) => {
    const email = host.email.trim().toLowerCase();
    if (!EMAIL.test(email)) problems[`hosts.${i}.email`] = ['badEmail'];
    else if (seen.has(email)) problems[`hosts.${i}.email`] = ['duplicateHost'];
    seen.add(email);
  });
  const organizers = form.hosts.filter((host) => host.organizer).length;
  const roundRobin = form.method !== 'collective';
  if (form.hosts.length && (roundRobin ? organizers > 1 : organizers !== 1)) {
    problems.organizer = [roundRobin ? 'atMostOneOrganizer' : 'oneOrganizer'];
  }

  const keys = new Set<string>();
  form.fields.forEach((field, i) => {
    const key = field.key.trim();
    if (!FIELD_KEY.test(key)) problems[`fields.${i}.key`] = ['badKey'];
    else if (keys.has(key)) problems[`fields.${i}.key`] = ['duplicateKey'];
    keys.add(key);
    if (!field.label.trim()) problems[`fields.${i}.label`] = ['required'];
    if (WITH_OPTIONS.includes(field.type)) {
      const options = lines(field.options);
      if (!options.length) problems[`fields.${i}.options`] = ['optionsNeeded'];
      else if (field.type === 'multi_select' && options.some((option) => option.includes(',')))
        problems[`fields.${i}.options`] = ['noComma'];
    }
    if (field.pattern) {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        problems[`fields.${i}.pattern`] = ['pattern'];
      }
    }
  });

  form.reminders.forEach((row, i) => whole(`reminders.${i}.minutes`, row.minutes, 1, 525600, true));
  for (const id of [
    'redirectUrl',
    'reschedulingUrl',
    'cancellationUrl',
    'confirmationUrl',
    'logoUrl',
    'emailLogo',
  ] as const)
    url(id, form[id]);
  if (form.slug.trim() && !SLUG.test(form.slug.trim())) problems.slug = ['badSlug'];
  return problems;
}

/**
 * The field an API refusal names (its message starts with the path, as the local API writes
 * them: `participants: …`, `slug: …`, `event_booking.title: …`), else undefined (shown above the form).
 */
export function fieldOfMessage(message: string): string | undefined {
  const path = /^([\w.[\]]+):/.exec(message)?.[1];
  if (!path) return undefined;
  if (path.startsWith('participants')) return 'organizer';
  if (path === 'slug') return 'slug';
  if (path === 'event_booking.title') return 'title';
  if (path.startsWith('availability.duration')) return 'duration';
  return undefined;
}
