/**
 * The demo data: an organizer, two round-robin hosts, four configurations with fixed ids (the demo
 * pages hard-code them) and a believable calendar for each person over the coming weeks.
 * Idempotent: configurations are rewritten to this definition, busy events have ids derived from
 * (person, day, n), so re-running adds only the days that came into view since the last run.
 */
import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { GroupConfigurationInput, ConfigurationInput, OpenHours, Participant } from '../src/contract/admin.js';
import { mintSalt } from './scheduling/salt.js';
import { occurrencesBetween } from './group/recurrence.js';
import { occurrenceId, storedGroupBody } from './group/model.js';
import type { Store } from './store/index.js';
import { mulberry32 } from './seeded-random.js';

export const ORGANIZER_GRANT_ID = '0b1e7a9e-5c3d-4e2a-9f61-2d8c4b7a1e01';
export const ORGANIZER_EMAIL = 'ada@demo.test';
export const HOST_A_GRANT_ID = '0b1e7a9e-5c3d-4e2a-9f61-2d8c4b7a1e02';
export const HOST_B_GRANT_ID = '0b1e7a9e-5c3d-4e2a-9f61-2d8c4b7a1e03';

export const PUBLIC_CONFIGURATION_ID = '5eed0001-c0f1-4a1b-8c2d-000000000001';
export const PRIVATE_CONFIGURATION_ID = '5eed0001-c0f1-4a1b-8c2d-000000000002';
export const ROUND_ROBIN_CONFIGURATION_ID = '5eed0001-c0f1-4a1b-8c2d-000000000003';
export const CONFIRMATION_CONFIGURATION_ID = '5eed0001-c0f1-4a1b-8c2d-000000000004';
export const GROUP_CONFIGURATION_ID = '5eed0001-c0f1-4a1b-8c2d-000000000005';
export const PUBLIC_SLUG = 'intro-call';

export interface DemoSeed {
  organizerGrantId: string;
  organizerEmail: string;
  hostGrantIds: [string, string];
  publicConfigurationId: string;
  publicSlug: string;
  privateConfigurationId: string;
  roundRobinConfigurationId: string;
  confirmationConfigurationId: string;
  groupConfigurationId: string;
}

interface Person {
  grantId: string;
  name: string;
  email: string;
  timezone: string;
}

const ADA: Person = {
  grantId: ORGANIZER_GRANT_ID,
  name: 'Ada Lovelace',
  email: ORGANIZER_EMAIL,
  timezone: 'Europe/London',
};
const GRACE: Person = {
  grantId: HOST_A_GRANT_ID,
  name: 'Grace Hopper',
  email: 'grace@demo.test',
  timezone: 'America/New_York',
};
const KATHERINE: Person = {
  grantId: HOST_B_GRANT_ID,
  name: 'Katherine Johnson',
  email: 'katherine@demo.test',
  timezone: 'America/Chicago',
};

const SEED = 'scheduler-widget demo v1';
const DAYS_AHEAD = 8 * 7;
const DAYS_BEHIND = 7;

const WORKDAYS: OpenHours['days'] = [1, 2, 3, 4, 5];

const participant = (person: Person, isOrganizer: boolean, openHours?: OpenHours[]): Participant => ({
  email: person.email,
  name: person.name,
  is_organizer: isOrganizer,
  timezone: person.timezone,
  // No calendar_ids: every calendar connected to the grant counts, the organizer's feed among them.
  availability: {
    open_hours: openHours ?? [{ days: WORKDAYS, start: '9:00', end: '17:00', timezone: person.timezone, exdates: [] }],
  },
  booking: { calendar_id: 'primary' },
});

const links = {
  rescheduling_url: '/reschedule.html?booking_ref=:booking_ref',
  cancellation_url: '/cancel.html?booking_ref=:booking_ref',
  organizer_confirmation_url: '/confirm.html?booking_ref=:booking_ref',
};

const CONFIGURATIONS: Array<{ id: string; owner: Person; body: ConfigurationInput }> = [
  {
    id: PUBLIC_CONFIGURATION_ID,
    owner: ADA,
    body: {
      name: 'Intro call',
      slug: PUBLIC_SLUG,
      requires_session_auth: false,
      participants: [participant(ADA, true)],
      availability: {
        duration_minutes: 30,
        interval_minutes: 30,
        round_to: 30,
        availability_rules: { availability_method: 'collective', buffer: { before: 0, after: 10 } },
      },
      event_booking: {
        title: 'Intro call with Ada Lovelace',
        description: 'Thirty minutes to learn what you need and whether we can help.',
        location: 'Video call (the link is in the invitation)',
        timezone: ADA.timezone,
        booking_type: 'booking',
      },
      scheduler: {
        available_days_in_future: 30,
        min_booking_notice: 60,
        min_cancellation_notice: 60,
        cancellation_policy:
          'Plans change. Please cancel or reschedule at least an hour before the call so someone else can take the time.',
        ...links,
        additional_fields: {
          company: { label: 'Company', type: 'text', required: true, order: 1 },
          topic: {
            label: 'What would you like to talk about?',
            type: 'dropdown',
            required: false,
            order: 2,
            options: ['Pricing', 'A product demo', 'Partnerships'],
          },
        },
      },
      appearance: { company_name: 'Analytical Engines Ltd', color: '#4f46e5' },
    },
  },
  {
    id: PRIVATE_CONFIGURATION_ID,
    owner: ADA,
    body: {
      name: 'Consultation',
      requires_session_auth: true,
      participants: [participant(ADA, true)],
      availability: {
        duration_minutes: 45,
        interval_minutes: 15,
        availability_rules: { availability_method: 'collective', buffer: { before: 5, after: 5 } },
      },
      event_booking: {
        title: 'Consultation with Ada Lovelace',
        description: 'A private consultation for existing clients.',
        location: 'Video call (the link is in the invitation)',
        timezone: ADA.timezone,
        booking_type: 'booking',
      },
      scheduler: { available_days_in_future: 21, min_booking_notice: 120, min_cancellation_notice: 240, ...links },
    },
  },
  {
    id: ROUND_ROBIN_CONFIGURATION_ID,
    owner: GRACE,
    body: {
      name: 'Sales demo',
      slug: 'sales-demo',
      requires_session_auth: false,
      participants: [participant(GRACE, true), participant(KATHERINE, false)],
      availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
      event_booking: {
        title: 'Sales demo',
        description: 'A tour of the product with one of our engineers.',
        location: 'Video call (the link is in the invitation)',
        booking_type: 'booking',
      },
      scheduler: { available_days_in_future: 30, min_booking_notice: 60, ...links },
    },
  },
  {
    id: CONFIRMATION_CONFIGURATION_ID,
    owner: ADA,
    body: {
      name: 'Mentoring session',
      slug: 'mentoring',
      requires_session_auth: false,
      participants: [
        participant(ADA, true, [
          { days: [2, 4], start: '10:00', end: '12:00', timezone: ADA.timezone },
          { days: [2, 4], start: '14:00', end: '16:00', timezone: ADA.timezone },
        ]),
      ],
      availability: { duration_minutes: 60 },
      event_booking: {
        title: 'Mentoring session with Ada Lovelace',
        description: 'An hour on whatever you are stuck on. Ada confirms each request personally.',
        location: 'Video call (the link is in the invitation)',
        timezone: ADA.timezone,
        booking_type: 'organizer-confirmation',
      },
      scheduler: { available_days_in_future: 45, min_booking_notice: 24 * 60, ...links },
    },
  },
];

const MEETINGS = [
  'Team stand-up',
  'Design review',
  '1:1',
  'Customer call',
  'Planning',
  'Interview',
  'Roadmap sync',
  'Budget review',
  'Focus time',
  'Workshop',
];
const DURATIONS = [30, 30, 45, 60, 60, 90];

/** A small deterministic PRNG, seeded per person and day. */
const random = (seed: string): (() => number) => mulberry32(createHash('sha256').update(seed).digest().readUInt32LE(0));

/** A stable UUID-shaped id for a seeded event. */
function seededId(key: string): string {
  const hex = createHash('sha256').update(`${SEED}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The busy blocks of one working day: [start minute of day, minutes, title]. */
function dayPlan(next: () => number): Array<[number, number, string]> {
  if (next() < 0.08) return [[9 * 60, 8 * 60, 'Offsite']];
  const plan: Array<[number, number, string]> = [];
  if (next() < 0.75) plan.push([12 * 60, 60, 'Lunch']);
  const meetings = 1 + Math.floor(next() * 4);
  for (let i = 0; i < meetings; i++) {
    const length = DURATIONS[Math.floor(next() * DURATIONS.length)]!;
    const start = 9 * 60 + 30 * Math.floor(next() * ((8 * 60 - length) / 30 + 1));
    const clashes = plan.some(([s, l]) => start < s + l && s < start + length);
    if (!clashes) plan.push([start, length, MEETINGS[Math.floor(next() * MEETINGS.length)]!]);
  }
  return plan;
}

function seedCalendar(store: Store, person: Person, nowMs: number): void {
  const calendarId = store.grants.primaryCalendar(person.grantId).id;
  const today = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(person.timezone).toPlainDate();
  for (let offset = -DAYS_BEHIND; offset <= DAYS_AHEAD; offset++) {
    const date = today.add({ days: offset });
    if (date.dayOfWeek > 5) continue;
    const key = `${person.email}:${date.toString()}`;
    dayPlan(random(`${SEED}:${key}`)).forEach(([startMinute, minutes, title], index) => {
      const start = date.toZonedDateTime({
        timeZone: person.timezone,
        plainTime: Temporal.PlainTime.from({ hour: Math.floor(startMinute / 60), minute: startMinute % 60 }),
      });
      store.events.insert(
        {
          id: seededId(`${key}:${index}`),
          grantId: person.grantId,
          calendarId,
          title,
          description: null,
          location: null,
          start: start.epochMilliseconds / 1000,
          end: start.add({ minutes }).epochMilliseconds / 1000,
          busy: true,
          status: 'confirmed',
          participants: [{ email: person.email, name: person.name, status: 'yes' }],
          bookingId: null,
        },
        nowMs,
      );
    });
  }
}

const YOGA: GroupConfigurationInput = {
  type: 'group',
  name: 'Yoga in the park',
  slug: 'yoga-in-the-park',
  requires_session_auth: false,
  group_booking: { calendar_id: 'primary', booking_type: 'booking', default_capacity: 6, title: 'Yoga in the park' },
  scheduler: { available_days_in_future: 60, min_booking_notice: 60, min_cancellation_notice: 60, ...links },
  appearance: { company_name: 'Analytical Engines Ltd', color: '#4f46e5' },
};
const YOGA_SEATS = 6;
const YOGA_REGULARS = ['Ann Sun', 'Bo Reed', 'Cy Lake', 'Di Moss', 'Ed Fern'];

/**
 * "Yoga in the park": a weekly Saturday class (a fixed series, so occurrence ids stay put across
 * runs) with six seats; the next class at least a day ahead is nearly full (five seats taken).
 */
function seedYoga(store: Store, nowMs: number): void {
  store.configurations.save(GROUP_CONFIGURATION_ID, ADA.grantId, storedGroupBody(YOGA), nowMs);
  const first = Temporal.ZonedDateTime.from('2025-01-04T10:00[Europe/London]').epochMilliseconds / 1000;
  const series = {
    id: seededId('group:yoga-in-the-park'),
    configurationId: GROUP_CONFIGURATION_ID,
    grantId: ADA.grantId,
    calendarId: store.grants.primaryCalendar(ADA.grantId).id,
    body: {
      title: 'Yoga in the park',
      description: 'An hour of gentle yoga under the plane trees. Bring a mat and water.',
      location: 'Regent’s Park, by the bandstand',
      start: first,
      end: first + 3600,
      timezone: ADA.timezone,
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=SA'],
      capacity: YOGA_SEATS,
      participants: [{ email: ADA.email, name: ADA.name, is_organizer: true }],
      conferencing: null,
      busy: true,
    },
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  if (!store.groupEvents.get(series.id)) store.groupEvents.save(series);
  const now = nowMs / 1000;
  const [next] = occurrencesBetween(series.body, now + 86400, now + 15 * 86400);
  if (!next) return;
  const occurrence = occurrenceId(series, next.start);
  YOGA_REGULARS.forEach((name, index) => {
    const id = seededId(`yoga-seat:${occurrence}:${index}`);
    if (store.bookings.get(id)) return;
    store.bookings.insert(
      {
        id,
        configurationId: GROUP_CONFIGURATION_ID,
        eventId: occurrence,
        status: 'booked',
        start: next.start,
        end: next.end,
        title: series.body.title,
        description: series.body.description,
        location: series.body.location,
        host: { name: ADA.name, email: ADA.email },
        guest: { name, email: `${name.split(' ')[0]!.toLowerCase()}@guests.demo.test` },
        additionalGuests: [],
        additionalFields: {},
        timezone: ADA.timezone,
        salt: mintSalt(),
        organizerSalt: mintSalt(),
        emailLanguage: null,
        cancellationReason: null,
        createdAtMs: nowMs,
      },
      nowMs,
    );
  });
}

/** Creates or tops up the demo data; safe to run on every start. */
export function seedDemo(store: Store, nowMs: number): DemoSeed {
  store.write(() => {
    for (const person of [ADA, GRACE, KATHERINE]) {
      store.grants.ensureWithId(person.grantId, person.email, nowMs);
      seedCalendar(store, person, nowMs);
    }
    for (const { id, owner, body } of CONFIGURATIONS) store.configurations.save(id, owner.grantId, body, nowMs);
    seedYoga(store, nowMs);
  });
  return {
    organizerGrantId: ADA.grantId,
    organizerEmail: ADA.email,
    hostGrantIds: [GRACE.grantId, KATHERINE.grantId],
    publicConfigurationId: PUBLIC_CONFIGURATION_ID,
    publicSlug: PUBLIC_SLUG,
    privateConfigurationId: PRIVATE_CONFIGURATION_ID,
    roundRobinConfigurationId: ROUND_ROBIN_CONFIGURATION_ID,
    confirmationConfigurationId: CONFIRMATION_CONFIGURATION_ID,
    groupConfigurationId: GROUP_CONFIGURATION_ID,
  };
}
