/**
 * Request schemas of the local Scheduler API. Each one is checked against its type in
 * `src/api/wire.ts` at compile time (`Equals`), so the schemas and the contract cannot drift.
 * Objects strip unknown keys, as Nylas ignores them; what the contract rejects is checked later
 * against the configuration (booking `additional_fields`).
 */
import { z } from 'zod';
import { linearPattern } from './additional-fields.js';
import type {
  AdditionalField,
  BookingInput,
  CancelInput,
  ConfigurationInput,
  ConfigurationUpdate,
  ConfirmInput,
  EventInput,
  EventUpdate,
  OpenHours,
  RescheduleInput,
  SessionInput,
} from '../src/api/wire.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** A pattern browsers accept (the widget uses it) and the server can match in linear time. */
const isLinearRegExp = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return false;
  }
  return linearPattern(pattern) !== null;
};

/** A real `YYYY-MM-DD` calendar day. */
export const isCalendarDay = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

const text = (max = 1000) => z.string().max(max);
const email = z.email().max(254).transform((value) => value.toLowerCase());
const unixSeconds = z.int().min(0).max(253402300799);
const minutes = z.int().min(0).max(525600);
const timeZone = z.string().refine(isTimeZone, 'Unknown time zone');
const wallClock = z.string().regex(/^(([01]?\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a time like "9:00", "17:30" or "24:00"');
const day = z.string().refine(isCalendarDay, 'Expected a date like "2025-12-24"');

const openHours = z.object({
  days: z.array(z.literal([0, 1, 2, 3, 4, 5, 6])).min(1),
  start: wallClock,
  end: wallClock,
  timezone: timeZone.optional(),
  exdates: z.array(day).optional(),
});

const participant = z.object({
  email,
  name: text(200).optional(),
  is_organizer: z.boolean().optional(),
  timezone: timeZone.optional(),
  availability: z
    .object({
      calendar_ids: z.array(text(254)).optional(),
      open_hours: z.array(openHours).optional(),
    })
    .optional(),
  booking: z.object({ calendar_id: text(254) }).optional(),
});

const additionalField = z
  .object({
    label: text(200),
    type: z.enum([
      'text',
      'multi_line_text',
      'email',
      'phone_number',
      'dropdown',
      'date',
      'checkbox',
      'radio_button',
      'metadata',
    ]),
    required: z.boolean(),
    default: text().optional(),
    pattern: z
      .string()
      .max(500)
      .refine(isLinearRegExp, 'Not a regular expression this API can match in linear time (no backreferences or lookarounds)')
      .optional(),
    order: z.int().optional(),
    options: z.array(text(200)).optional(),
  })
  .refine((field) => !(field.type === 'dropdown' || field.type === 'radio_button') || (field.options?.length ?? 0) > 0, {
    message: 'A dropdown or radio_button field needs options',
    path: ['options'],
  });

const configurationFields = {
  participants: z.array(participant).min(1).max(50),
  availability: z.object({
    duration_minutes: z.int().min(1).max(1440),
    interval_minutes: z.int().min(1).max(1440).optional(),
    round_to: z.int().min(1).max(1440).optional(),
    availability_rules: z
      .object({
        availability_method: z.enum(['collective', 'max-fairness', 'max-availability']).optional(),
        buffer: z.object({ before: minutes.optional(), after: minutes.optional() }).optional(),
        default_open_hours: z.array(openHours).optional(),
        round_robin_group_id: text(200).optional(),
      })
      .optional(),
  }),
  event_booking: z.object({
    title: z.string().min(1).max(500),
    description: text(5000).optional(),
    location: text(500).optional(),
    timezone: timeZone.optional(),
    booking_type: z.enum(['booking', 'organizer-confirmation']).optional(),
    conferencing: z.record(z.string(), z.unknown()).optional(),
    reminders: z.array(z.record(z.string(), z.unknown())).optional(),
    disable_emails: z.boolean().optional(),
  }),
  scheduler: z
    .object({
      available_days_in_future: z.int().min(1).max(366).optional(),
      min_booking_notice: minutes.optional(),
      min_cancellation_notice: minutes.optional(),
      cancellation_policy: text(5000).optional(),
      rescheduling_url: text(2000).optional(),
      cancellation_url: text(2000).optional(),
      organizer_confirmation_url: text(2000).optional(),
      confirmation_redirect_url: text(2000).optional(),
      hide_rescheduling_options: z.boolean().optional(),
      hide_cancellation_options: z.boolean().optional(),
      hide_additional_guests: z.boolean().optional(),
      additional_fields: z
        .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Field keys are 1-64 letters, digits, "_" or "-"'), additionalField)
        .optional(),
    })
    .optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, 'A slug is lowercase letters, digits and hyphens')
    .nullable()
    .optional(),
  requires_session_auth: z.boolean().optional(),
  name: text(200).optional(),
  appearance: z.record(z.string(), text(2000)).optional(),
};

export const configurationInput = z.object(configurationFields);
export const configurationUpdate = z.object(configurationFields).partial();

export const sessionInput = z.object({
  configuration_id: z.string().optional(),
  slug: z.string().optional(),
  time_to_live: z.int().min(1, 'Must be 1-30 minutes').max(30, 'Must be 1-30 minutes').optional(),
});

const person = z.object({ name: z.string().trim().min(1).max(200), email });

export const bookingInput = z.object({
  start_time: unixSeconds,
  end_time: unixSeconds,
  guest: person,
  participants: z.array(z.object({ email })).max(50).optional(),
  additional_guests: z.array(person).max(20).optional(),
  additional_fields: z.record(z.string(), text(5000)).optional(),
  timezone: timeZone.optional(),
  email_language: text(20).optional(),
});

export const rescheduleInput = z.object({ start_time: unixSeconds, end_time: unixSeconds });

export const cancelInput = z.object({ cancellation_reason: text(2000).optional() });

export const confirmInput = z.object({
  salt: z.string().min(1).max(200),
  status: z.enum(['confirmed', 'cancelled']),
  cancellation_reason: text(2000).optional(),
});

const eventFields = {
  title: text(500).optional(),
  description: text(5000).optional(),
  location: text(500).optional(),
  when: z
    .object({ start_time: unixSeconds, end_time: unixSeconds })
    .refine((when) => when.end_time > when.start_time, { message: 'end_time must be after start_time', path: ['end_time'] }),
  busy: z.boolean().optional(),
  participants: z
    .array(
      z.object({
        email,
        name: text(200).optional(),
        status: z.enum(['yes', 'no', 'maybe', 'noreply']).optional(),
      }),
    )
    .max(200)
    .optional(),
  status: z.enum(['confirmed', 'tentative', 'cancelled']).optional(),
};

export const eventInput = z.object(eventFields);
export const eventUpdate = z.object(eventFields).partial();

// ---------------------------------------------------------------- queries (strings on the wire)

const intParam = z
  .string()
  .regex(/^\d{1,12}$/, 'Expected a non-negative integer')
  .transform(Number);

export const availabilityQuery = z
  .object({
    start_time: intParam,
    end_time: intParam,
    booking_id: z.string().optional(),
  })
  .refine((query) => query.end_time > query.start_time, { message: 'end_time must be after start_time', path: ['end_time'] });

export const pageQuery = z.object({
  // Nylas caps pages at 200; asking for more is clipped rather than refused.
  limit: intParam
    .refine((limit) => limit >= 1, 'limit must be at least 1')
    .transform((limit) => Math.min(limit, 200))
    .optional(),
  page_token: z.string().max(500).optional(),
});

export const calendarQuery = z.object({ calendar_id: z.string().min(1) });

export const eventsQuery = pageQuery.extend({
  calendar_id: z.string().min(1),
  start: intParam.optional(),
  end: intParam.optional(),
});

// ---------------------------------------------------------------- drift checks against wire.ts

const drift: [
  Equals<z.infer<typeof openHours>, OpenHours>,
  Equals<z.infer<typeof additionalField>, AdditionalField>,
  Equals<z.infer<typeof configurationInput>, ConfigurationInput>,
  Equals<z.infer<typeof configurationUpdate>, ConfigurationUpdate>,
  Equals<z.infer<typeof sessionInput>, SessionInput>,
  Equals<z.infer<typeof bookingInput>, BookingInput>,
  Equals<z.infer<typeof rescheduleInput>, RescheduleInput>,
  Equals<z.infer<typeof cancelInput>, CancelInput>,
  Equals<z.infer<typeof confirmInput>, ConfirmInput>,
  Equals<z.infer<typeof eventInput>, EventInput>,
  Equals<z.infer<typeof eventUpdate>, EventUpdate>,
] = [true, true, true, true, true, true, true, true, true, true, true];
void drift;
