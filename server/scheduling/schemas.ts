/**
 * Request schemas of the local Scheduler API. Each one is checked against its type in
 * `src/contract/` at compile time (`Equals`), so the schemas and the contract cannot drift.
 * Objects strip unknown keys, as Nylas ignores them; what the contract rejects is checked later
 * against the configuration (booking `additional_fields`).
 */
import { z } from 'zod';
import { linearPattern } from './additional-fields.js';
import type {
  AdditionalField,
  BookingInput,
  CancelInput,
  ConfirmInput,
  RescheduleInput,
} from '../../src/contract/guest.js';
import type {
  ConfigurationInput,
  ConfigurationUpdate,
  EventInput,
  EventUpdate,
  OpenHours,
  SessionInput,
  SpecificTimeAvailability,
} from '../../src/contract/admin.js';

import { ADDITIONAL_FIELD_TYPES } from '../../src/contract/guest.js';
import { isIsoDate, isValidTimeZone } from '../../src/contract/validators.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** A pattern browsers accept (the widget uses it) and the server can match in linear time. */
const isLinearRegExp = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return false;
  }
  return linearPattern(pattern) !== null;
};

const text = (max = 1000) => z.string().max(max);
/**
 * An optional field where Nylas also takes `null`, meaning "the default": stored as if absent.
 * (A preprocess, not a transform, so the output type stays `T | undefined` and optional.)
 */
const orDefault = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === null ? undefined : value), schema.optional());
/** An absolute http(s) URL; it may hold a `:booking_ref` placeholder. */
export const webUrl = z
  .string()
  .max(2000)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'Must be an http(s) URL');
/**
 * An optional URL where `null` and `""` both mean "none": Nylas's Scheduler editor sends `""` for
 * every link and logo left blank (`confirmation_redirect_url`, `email_template.logo`).
 */
const optionalUrl = z.preprocess((value) => (value === null || value === '' ? undefined : value), webUrl.optional());
/** Unix seconds, also as an integer string (the Java and Kotlin SDKs send them so). */
const unixSecondsOrString = z.union([
  z.int(),
  z
    .string()
    .regex(/^\d{1,12}$/, 'Expected Unix seconds')
    .transform(Number),
]);
/** The languages Nylas writes booking emails in. */
export const EMAIL_LANGUAGES = ['en', 'es', 'fr', 'de', 'nl', 'sv', 'ja', 'zh'];
export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const unixSeconds = z.int().min(0).max(253402300799);
const unixSecondsInput = unixSecondsOrString.pipe(unixSeconds);
const minutes = z.int().min(0).max(525600);
const timeZone = z.string().refine(isValidTimeZone, 'Unknown time zone');
const wallClock = z
  .string()
  .regex(/^(([01]?\d|2[0-3]):[0-5]\d|24:00)$/, 'Expected a time like "9:00", "17:30" or "24:00"');
const day = z.string().refine(isIsoDate, 'Expected a date like "2025-12-24"');

const openHours = z.object({
  days: z.array(z.literal([0, 1, 2, 3, 4, 5, 6])).min(1),
  start: wallClock,
  end: wallClock,
  timezone: timeZone.optional(),
  exdates: z.array(day).optional(),
});

const specificTimeAvailability = z.object({
  date: day,
  start: wallClock,
  end: wallClock,
  timezone: timeZone.optional(),
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
      specific_time_availability: z.array(specificTimeAvailability).max(400).optional(),
    })
    .optional(),
  booking: z.object({ calendar_id: text(254) }).optional(),
  grant_id: text(254).optional(),
});

/** Buffers: 0–120 minutes in steps of 5, as Nylas enforces. */
const bufferMinutes = orDefault(z.int().min(0).max(120).multipleOf(5, 'Must be a multiple of 5'));

const additionalField = z
  .object({
    label: text(200),
    type: z.enum(ADDITIONAL_FIELD_TYPES),
    required: z.boolean(),
    default: text().optional(),
    pattern: z
      .string()
      .max(500)
      .refine(
        isLinearRegExp,
        'Not a regular expression this API can match in linear time (no backreferences or lookarounds)',
      )
      .optional(),
    order: z.int().optional(),
    options: z.array(text(200)).optional(),
  })
  .refine(
    (field) => !['dropdown', 'radio_button', 'multi_select'].includes(field.type) || (field.options?.length ?? 0) > 0,
    {
      message: 'A dropdown, radio_button or multi_select field needs options',
      path: ['options'],
    },
  )
  .refine((field) => field.type !== 'multi_select' || !field.options?.some((option) => option.includes(',')), {
    message: 'A multi_select option cannot contain a comma (the chosen options are joined by commas)',
    path: ['options'],
  });

/** A configuration's `scheduler` object (also a group configuration's). */
export const schedulerSettingsInput = z.object({
  available_days_in_future: orDefault(z.int().min(1).max(366)),
  min_booking_notice: orDefault(minutes),
  min_cancellation_notice: orDefault(minutes),
  cancellation_policy: orDefault(text(5000)),
  rescheduling_url: optionalUrl,
  cancellation_url: optionalUrl,
  organizer_confirmation_url: optionalUrl,
  confirmation_redirect_url: optionalUrl,
  hide_rescheduling_options: orDefault(z.boolean()),
  hide_cancellation_options: orDefault(z.boolean()),
  hide_additional_guests: orDefault(z.boolean()),
  additional_fields: orDefault(
    z
      .unknown()
      // A key "__proto__" would be dropped silently by every object built from the map (it sets the
      // prototype instead): refused, where "toString" or "constructor" work like any other key.
      .refine(
        (value) => value === null || typeof value !== 'object' || !Object.hasOwn(value, '__proto__'),
        'The field key "__proto__" is reserved',
      )
      .pipe(
        z.record(
          z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Field keys are 1-64 letters, digits, "_" or "-"'),
          additionalField,
        ),
      ),
  ),
  email_template: orDefault(
    z.object({
      logo: optionalUrl,
      booking_confirmed: orDefault(z.object({ title: orDefault(text(200)), body: orDefault(text(5000)) })),
    }),
  ),
  notetaker_settings: orDefault(z.record(z.string(), z.unknown())),
});

const configurationFields = {
  participants: z.array(participant).min(1).max(50),
  availability: z.object({
    duration_minutes: z.int().min(1).max(1440),
    interval_minutes: orDefault(z.int().min(1).max(1440)),
    round_to: orDefault(z.int().min(5).max(1440).multipleOf(5, 'Must be a multiple of 5')),
    availability_rules: orDefault(
      z.object({
        availability_method: orDefault(z.enum(['collective', 'max-fairness', 'max-availability'])),
        buffer: orDefault(z.object({ before: bufferMinutes, after: bufferMinutes })),
        default_open_hours: orDefault(z.array(openHours)),
        round_robin_group_id: orDefault(text(200)),
        default_specific_time_availability: orDefault(z.array(specificTimeAvailability).max(400)),
        only_specific_time_availability: orDefault(z.boolean()),
      }),
    ),
  }),
  event_booking: z.object({
    title: z.string().min(1).max(500),
    description: orDefault(text(5000)),
    location: orDefault(text(500)),
    timezone: orDefault(timeZone),
    booking_type: orDefault(z.enum(['booking', 'organizer-confirmation'])),
    conferencing: orDefault(z.record(z.string(), z.unknown())),
    reminders: orDefault(z.array(z.record(z.string(), z.unknown()))),
    disable_emails: orDefault(z.boolean()),
    hide_participants: orDefault(z.boolean()),
    notify_participants: orDefault(z.boolean()),
  }),
  scheduler: orDefault(schedulerSettingsInput),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, 'A slug is lowercase letters, digits and hyphens')
    .nullable()
    .optional(),
  requires_session_auth: orDefault(z.boolean()),
  name: orDefault(text(200)),
  // Nylas refuses appearance values over 550 characters.
  appearance: orDefault(z.record(z.string(), text(550))),
};

export const configurationInput = z.object(configurationFields);
export const configurationUpdate = z.object(configurationFields).partial();

export const sessionInput = z.object({
  configuration_id: z.string().optional(),
  slug: z.string().optional(),
  time_to_live: orDefault(z.number().min(1, 'Must be 1-30 minutes').max(30, 'Must be 1-30 minutes')),
});

const person = z.object({ name: z.string().trim().min(1).max(200), email });

export const bookingInput = z.object({
  start_time: unixSecondsInput,
  end_time: unixSecondsInput,
  guest: person,
  participants: z.array(z.object({ email })).max(50).optional(),
  additional_guests: z.array(person).max(20).optional(),
  additional_fields: z.record(z.string(), text(5000)).optional(),
  timezone: orDefault(timeZone),
  email_language: orDefault(
    z
      .string()
      .refine((language) => EMAIL_LANGUAGES.includes(language), `Must be one of: ${EMAIL_LANGUAGES.join(', ')}`),
  ),
});

/** The query of POST bookings: its `timezone` stands in for the body's. */
export const bookingQuery = z.object({ timezone: timeZone.optional() });

export const rescheduleInput = z.object({ start_time: unixSecondsInput, end_time: unixSecondsInput });

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
  when: z.object({ start_time: unixSeconds, end_time: unixSeconds }).refine((when) => when.end_time > when.start_time, {
    message: 'end_time must be after start_time',
    path: ['end_time'],
  }),
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
  .refine((query) => query.end_time > query.start_time, {
    message: 'end_time must be after start_time',
    path: ['end_time'],
  });

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

// ---------------------------------------------------------------- drift checks against the contract

const drift: [
  Equals<z.infer<typeof openHours>, OpenHours>,
  Equals<z.infer<typeof specificTimeAvailability>, SpecificTimeAvailability>,
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
] = [true, true, true, true, true, true, true, true, true, true, true, true];
void drift;
