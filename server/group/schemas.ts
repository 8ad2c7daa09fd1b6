/** Request schemas of the group-event endpoints, checked against the contract (`src/contract/`). */
import { z } from 'zod';
import type {
  GroupBookingInput,
  GroupRescheduleInput,
  ValidateTimeslotInput,
  SchedulerSettings,
} from '../../src/contract/guest.js';
import type {
  GroupConfigurationInput,
  GroupEventImportItem,
  GroupEventInput,
  GroupEventUpdate,
} from '../../src/contract/admin.js';
import { configurationInput, schedulerSettingsInput } from '../scheduling/schemas.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export const MIN_CAPACITY = 1;
import { isValidTimeZone } from '../../src/contract/validators.js';

export const MAX_CAPACITY = 500;
export const DEFAULT_CAPACITY = 10;
export const MAX_IMPORT_ITEMS = 20;

const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
const unixSeconds = z.int().min(0).max(253402300799);
const capacity = z
  .int(`Must be a whole number from ${MIN_CAPACITY} to ${MAX_CAPACITY}`)
  .min(MIN_CAPACITY)
  .max(MAX_CAPACITY);
const timeZone = z.string().refine(isValidTimeZone, 'Unknown time zone');
const id = z.string().min(1).max(300);

// The `scheduler` object is the standard configuration's; the doc's `hide_reschedule_options`
// spelling is accepted and stored under the schema's name.
const scheduler = schedulerSettingsInput;
const schedulerInput = z
  .preprocess((value) => {
    if (value === null || typeof value !== 'object' || !('hide_reschedule_options' in value)) return value;
    const { hide_reschedule_options: hide, ...rest } = value as Record<string, unknown>;
    return { hide_rescheduling_options: hide, ...rest };
  }, scheduler)
  .optional();

const groupBooking = z.object({
  calendar_id: z.string().min(1).max(254),
  booking_type: z.literal('booking', 'Only "booking" is supported for group configurations').optional(),
  disable_emails: z.boolean().nullable().optional(),
  reminders: z
    .array(
      z.object({
        type: z.enum(['email', 'webhook']),
        minutes_before_event: z.int().min(1).max(525600),
        recipient: z.enum(['host', 'guest']).optional(),
        email_subject: z.string().max(500).optional(),
      }),
    )
    .max(20)
    .optional(),
  default_capacity: capacity.optional(),
  title: z.string().max(1024).optional(),
  conferencing: z.record(z.string(), z.unknown()).optional(),
});

const groupConfigurationFields = {
  type: z.literal('group'),
  name: z.string().min(1).max(200),
  group_booking: groupBooking,
  scheduler: schedulerInput,
  slug: configurationInput.shape.slug,
  requires_session_auth: z.boolean().nullable().optional(),
  appearance: z.record(z.string(), z.string().max(550)).nullable().optional(),
};

export const groupConfigurationInput = z.object(groupConfigurationFields);
export const groupConfigurationUpdate = z.object(groupConfigurationFields).partial();

/** Keys of a standard configuration that a group configuration refuses. */
export const STANDARD_ONLY_KEYS = ['participants', 'availability', 'event_booking'] as const;

const host = z.object({
  email,
  name: z.string().max(200).optional(),
  is_organizer: z.boolean().optional(),
  timezone: timeZone.optional(),
});

const hosts = z
  .array(host)
  .max(50)
  .refine(
    (list) => list.filter((person) => person.is_organizer).length <= 1,
    'At most one participant can be the organizer',
  )
  .refine(
    (list) => new Set(list.map((person) => person.email)).size === list.length,
    'Each participant can appear only once',
  );

const when = z
  .object({
    start_time: unixSeconds,
    end_time: unixSeconds,
    start_timezone: timeZone.optional(),
    end_timezone: timeZone.optional(),
  })
  .refine((value) => value.end_time > value.start_time, {
    message: 'end_time must be after start_time',
    path: ['end_time'],
  })
  .refine((value) => (value.start_timezone === undefined) === (value.end_timezone === undefined), {
    message: 'start_timezone and end_timezone go together',
    path: ['end_timezone'],
  });

const conferencing = z
  .record(z.string(), z.unknown())
  .refine((value) => !('autocreate' in value && 'details' in value), 'Give either autocreate or details, not both');

const groupEventFields = {
  title: z.string().min(1).max(1024),
  calendar_id: z.string().min(1).max(254),
  capacity: capacity.optional(),
  when,
  participants: hosts.optional(),
  description: z.string().max(8192).optional(),
  location: z.string().max(255).optional(),
  conferencing: conferencing.optional(),
  recurrence: z.array(z.string().min(1).max(1000)).max(20).optional(),
  busy: z.boolean().optional(),
};

export const groupEventInput = z.object(groupEventFields);
export const groupEventUpdate = z.object(groupEventFields).partial();

export const groupEventsQuery = z
  .object({
    calendar_id: z.string().min(1),
    start_time: z
      .string()
      .regex(/^\d{1,12}$/, 'Expected Unix seconds')
      .transform(Number),
    end_time: z
      .string()
      .regex(/^\d{1,12}$/, 'Expected Unix seconds')
      .transform(Number),
    show_all: z.enum(['true', 'false']).optional(),
    page_token: z.string().max(500).optional(),
  })
  .refine((query) => query.end_time > query.start_time, {
    message: 'end_time must be after start_time',
    path: ['end_time'],
  });

const importItem = z.object({
  calendar_id: z.string().min(1).max(254),
  event_id: id,
  capacity: capacity.optional(),
  participants: hosts.optional(),
  exceptions: z
    .array(z.object({ event_id: id, capacity }))
    .max(500)
    .optional(),
});

export const importInput = z.preprocess(
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value),
  z
    .array(importItem)
    .min(1, 'Send 1 to 20 events to import')
    .max(MAX_IMPORT_ITEMS, `At most ${MAX_IMPORT_ITEMS} events can be imported per request`),
);

export const validateTimeslotInput = z.object({
  calendar_id: z.string().min(1).max(254),
  event_id: id,
  start_time: unixSeconds,
  end_time: unixSeconds,
  master_id: z.string().max(300).optional(),
  capacity: z.number().optional(),
  emails: z.array(z.string().max(254)).max(100).optional(),
});

const person = z.object({ name: z.string().trim().min(1).max(200), email });

const seatTarget = {
  event_id: id,
  master_id: z.string().max(300).optional(),
  master_event_id: z.string().max(300).optional(),
  calendar_id: z.string().min(1).max(254).optional(),
};

export const groupBookingInput = z.object({
  start_time: unixSeconds,
  end_time: unixSeconds,
  guest: person,
  additional_guests: z.array(person).max(0, 'A group booking is one seat: additional_guests must be empty').optional(),
  additional_fields: z.record(z.string(), z.string().max(5000)).optional(),
  timezone: timeZone.optional(),
  email_language: z.string().max(20).optional(),
  ...seatTarget,
});

export const groupRescheduleInput = z.object({ start_time: unixSeconds, end_time: unixSeconds, ...seatTarget });

const drift: [
  Equals<z.infer<typeof groupConfigurationInput>, GroupConfigurationInput>,
  Equals<z.infer<typeof groupEventInput>, GroupEventInput>,
  Equals<z.infer<typeof groupEventUpdate>, GroupEventUpdate>,
  Equals<z.infer<typeof importItem>, GroupEventImportItem>,
  Equals<z.infer<typeof validateTimeslotInput>, ValidateTimeslotInput>,
  Equals<z.infer<typeof groupBookingInput>, GroupBookingInput>,
  Equals<z.infer<typeof groupRescheduleInput>, GroupRescheduleInput>,
  Equals<z.infer<typeof scheduler>, SchedulerSettings>,
] = [true, true, true, true, true, true, true, true];
void drift;
