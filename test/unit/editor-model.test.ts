import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConfigurationInput } from '../../src/contract/admin.js';
import {
  blankConfiguration,
  fieldOfMessage,
  toConfiguration,
  toForm,
  validate,
  type EditorForm,
} from '../../src/editor/model.js';
import {
  sessionInput,
  toGroupConfiguration,
  toGroupForm,
  validateGroup,
  validateSession,
  wallTimeToEpoch,
  type SessionForm,
} from '../../src/editor/group-model.js';

/** A configuration with everything the form does not show, to see it kept. */
const rich: ConfigurationInput = {
  name: 'Consult',
  slug: 'consult',
  participants: [
    {
      email: 'olga@example.com',
      name: 'Olga',
      is_organizer: true,
      timezone: 'Europe/Berlin',
      grant_id: 'grant-olga',
      availability: {
        calendar_ids: ['primary', 'work'],
        open_hours: [{ days: [6], start: '8:00', end: '9:00', timezone: 'UTC' }],
      },
      booking: { calendar_id: 'primary' },
    },
    { email: 'ben@example.com', name: 'Ben' },
  ],
  availability: {
    duration_minutes: 45,
    round_to: 15,
    availability_rules: {
      availability_method: 'collective',
      buffer: { before: 10, after: 5 },
      default_open_hours: [
        { days: [1, 2, 3], start: '9:00', end: '17:00', timezone: 'Europe/Berlin', exdates: ['2030-02-04'] },
        { days: [5], start: '9:00', end: '13:00', timezone: 'Europe/Berlin', exdates: ['2030-02-04'] },
      ],
      default_specific_time_availability: [
        { date: '2030-02-09', start: '10:00', end: '12:00', timezone: 'Europe/Berlin' },
      ],
      round_robin_group_id: 'kept',
    },
  },
  event_booking: {
    title: 'Consult',
    location: 'Online',
    booking_type: 'booking',
    conferencing: { provider: 'Zoom' },
    reminders: [{ type: 'email', minutes_before_event: 60 }],
  },
  scheduler: {
    min_booking_notice: 120,
    additional_fields: {
      plan: { label: 'Plan', type: 'dropdown', required: true, options: ['Free', 'Pro'], order: 1 },
      note: { label: 'Note', type: 'multi_line_text', required: false, order: 0 },
    },
    email_template: { logo: 'https://example.com/logo.png' },
    hide_additional_guests: true,
  },
  appearance: { color: '#0a7', submit_button_label: 'Book it', company_name: 'Acme', theme_extra: 'kept' },
};

describe('the editor form', () => {
  test('a configuration through the form unchanged comes back the same, whatever the form does not show', () => {
    const back = toConfiguration(toForm(rich, 'UTC'), rich);
    assert.deepEqual(back, {
      ...rich,
      requires_session_auth: false,
      availability: {
        ...rich.availability,
        availability_rules: { ...rich.availability.availability_rules },
      },
      event_booking: { ...rich.event_booking, timezone: 'Europe/Berlin' },
    });
  });

  test('the week: days with the same hours in one entry, Monday first; days off on each; dates in the zone', () => {
    const form = toForm(rich, 'UTC');
    assert.deepEqual(
      form.week.map((row) => (row.on ? `${row.start}-${row.end}` : '')),
      ['', '9:00-17:00', '9:00-17:00', '9:00-17:00', '', '9:00-13:00', ''],
    );
    form.week[4] = { on: true, start: '9:00', end: '17:00' };
    form.week[0] = { on: true, start: '10:00', end: '14:00' };
    form.zone = 'America/New_York';
    const rules = toConfiguration(form, rich).availability.availability_rules!;
    assert.deepEqual(rules.default_open_hours, [
      { days: [1, 2, 3, 4], start: '9:00', end: '17:00', timezone: 'America/New_York', exdates: ['2030-02-04'] },
      { days: [5], start: '9:00', end: '13:00', timezone: 'America/New_York', exdates: ['2030-02-04'] },
      { days: [0], start: '10:00', end: '14:00', timezone: 'America/New_York', exdates: ['2030-02-04'] },
    ]);
    assert.deepEqual(rules.default_specific_time_availability, [
      { date: '2030-02-09', start: '10:00', end: '12:00', timezone: 'America/New_York' },
    ]);
  });

  test("hours kept on the participants show as the organizer's, and saving makes them everyone's", () => {
    const elsewhere: ConfigurationInput = {
      participants: [
        {
          email: 'a@example.com',
          is_organizer: true,
          timezone: 'Asia/Tokyo',
          availability: { open_hours: [{ days: [1, 2], start: '8:00', end: '12:00' }] },
        },
      ],
      availability: { duration_minutes: 30 },
      event_booking: { title: 'Call' },
    };
    const form = toForm(elsewhere, 'UTC');
    assert.equal(form.zone, 'Asia/Tokyo');
    assert.deepEqual([form.week[1], form.week[3]!.on], [{ on: true, start: '8:00', end: '12:00' }, false]);
    const saved = toConfiguration(form, elsewhere);
    assert.deepEqual(saved.participants, [
      { email: 'a@example.com', is_organizer: true, timezone: 'Asia/Tokyo', availability: {} },
    ]);
    assert.deepEqual(saved.availability.availability_rules!.default_open_hours, [
      { days: [1, 2], start: '8:00', end: '12:00', timezone: 'Asia/Tokyo' },
    ]);
  });

  test('the booking form: fields in the shown order, options only for choices, blanks left out', () => {
    const form = toForm(rich, 'UTC');
    assert.deepEqual(
      form.fields.map((field) => field.key),
      ['note', 'plan'],
    );
    form.fields[1]!.options = 'Free\n\n  Team  \n';
    form.fields.push({
      key: 'agree',
      label: 'I agree',
      type: 'checkbox',
      required: true,
      options: 'ignored',
      pattern: '',
      default: '',
    });
    assert.deepEqual(toConfiguration(form, rich).scheduler!.additional_fields, {
      note: { label: 'Note', type: 'multi_line_text', required: false, order: 0 },
      plan: { label: 'Plan', type: 'dropdown', required: true, options: ['Free', 'Team'], order: 1 },
      agree: { label: 'I agree', type: 'checkbox', required: true, order: 2 },
    });
  });

  test('a new page is valid once it has a title and a host', () => {
    const form = toForm(blankConfiguration('Europe/Berlin'), 'Europe/Berlin');
    assert.deepEqual(Object.keys(validate(form)).sort(), ['hosts', 'title']);
    form.title = 'Intro';
    form.hosts.push({ name: '', email: 'me@example.com', organizer: true });
    assert.deepEqual(validate(form), {});
  });

  const problemsOf = (change: (form: EditorForm) => void) => {
    const form = toForm(rich, 'UTC');
    change(form);
    return validate(form);
  };

  test('each limit of the API has its message on its field', () => {
    assert.deepEqual(
      problemsOf((f) => (f.bufferAfter = '125')),
      { bufferAfter: ['wholeBetween', { min: 0, max: 120 }] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.interval = '2.5')),
      { interval: ['wholeBetween', { min: 1, max: 1440 }] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.daysAhead = '0')),
      { daysAhead: ['wholeBetween', { min: 1, max: 366 }] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.week[1]!.start = '9h')),
      { 'week.1.start': ['clock'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.daysOff = ['2030-13-01'])),
      { 'daysOff.0': ['badDate'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.hosts[1]!.email = 'OLGA@example.com')),
      { 'hosts.1.email': ['duplicateHost'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.hosts[1]!.organizer = true)),
      { organizer: ['oneOrganizer'] },
    );
    assert.deepEqual(
      problemsOf((f) => ((f.hosts[0]!.organizer = false), (f.method = 'max-fairness'))),
      {},
    );
    assert.deepEqual(
      problemsOf((f) => (f.fields[1]!.key = 'note')),
      { 'fields.1.key': ['duplicateKey'] },
    );
    assert.deepEqual(
      problemsOf((f) => ((f.fields[1]!.type = 'multi_select'), (f.fields[1]!.options = 'a,b'))),
      { 'fields.1.options': ['noComma'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.fields[0]!.pattern = '(')),
      { 'fields.0.pattern': ['pattern'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.redirectUrl = 'javascript:alert(1)')),
      { redirectUrl: ['webUrl'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.slug = 'Not A Slug')),
      { slug: ['badSlug'] },
    );
    assert.deepEqual(
      problemsOf((f) => (f.thankYou = 'x'.repeat(551))),
      { thankYou: ['tooLong', { max: 550 }] },
    );
  });

  test('an API refusal finds the field its message names, else none', () => {
    assert.equal(fieldOfMessage('slug: "x" is taken by another configuration'), 'slug');
    assert.equal(fieldOfMessage('participants: Exactly one participant must have is_organizer: true'), 'organizer');
    assert.equal(fieldOfMessage('Something else went wrong'), undefined);
  });
});

describe("the editor's look", () => {
  test("its design tokens are the widget's, with the same light and dark defaults", async () => {
    const { styleDefaults } = await import('../../custom-elements-manifest.config.mjs');
    const { readFileSync } = await import('node:fs');
    const editorCss = readFileSync(new URL('../../src/editor/styles.ts', import.meta.url), 'utf8');
    const widget = styleDefaults();
    assert.equal(widget.size, 12);
    assert.deepEqual(styleDefaults(editorCss), widget);
  });
});

describe('group classes', () => {
  test('a wall-clock time in a zone is its instant, on daylight saving days too', () => {
    assert.equal(wallTimeToEpoch('2030-01-07', '9:00', 'Europe/Berlin'), Date.UTC(2030, 0, 7, 8) / 1000);
    assert.equal(wallTimeToEpoch('2030-07-01', '9:00', 'Europe/Berlin'), Date.UTC(2030, 6, 1, 7) / 1000);
    // Berlin moves to summer time at 02:00 on 31 March 2030: 09:00 that day is already summer time.
    assert.equal(wallTimeToEpoch('2030-03-31', '9:00', 'Europe/Berlin'), Date.UTC(2030, 2, 31, 7) / 1000);
    // 02:30 does not exist that day: it moves forward, as calendars do.
    assert.equal(wallTimeToEpoch('2030-03-31', '2:30', 'Europe/Berlin'), Date.UTC(2030, 2, 31, 1, 30) / 1000);
    assert.equal(wallTimeToEpoch('2030-11-03', '9:00', 'America/New_York'), Date.UTC(2030, 10, 3, 14) / 1000);
  });

  const session: SessionForm = {
    title: 'Yoga',
    date: '2030-02-04',
    start: '9:00',
    duration: '60',
    zone: 'Europe/Berlin',
    capacity: '',
    weeks: '3',
  };

  test('a session: weekly for its weeks, the class default seats when blank', () => {
    assert.deepEqual(sessionInput(session, 'cal-1'), {
      title: 'Yoga',
      calendar_id: 'cal-1',
      when: {
        start_time: Date.UTC(2030, 1, 4, 8) / 1000,
        end_time: Date.UTC(2030, 1, 4, 9) / 1000,
        start_timezone: 'Europe/Berlin',
        end_timezone: 'Europe/Berlin',
      },
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    });
    assert.deepEqual(Object.keys(sessionInput({ ...session, weeks: '1', capacity: '5' }, 'cal-1')).sort(), [
      'calendar_id',
      'capacity',
      'title',
      'when',
    ]);
  });

  test("checks: the class's seats 1–500, a session's date, time, zone and weeks", () => {
    assert.deepEqual(validateGroup({ name: '', title: '', calendar: 'c', capacity: '501' }), {
      'group.name': ['required'],
      'group.capacity': ['wholeBetween', { min: 1, max: 500 }],
    });
    assert.deepEqual(validateSession(session), {});
    assert.deepEqual(
      validateSession({ ...session, date: '2030-02-30', start: '25:00', zone: 'Nowhere', weeks: '0', capacity: '0' }),
      {
        'session.date': ['badDate'],
        'session.start': ['clock'],
        'session.capacity': ['wholeBetween', { min: 1, max: 500 }],
        'session.weeks': ['wholeBetween', { min: 1, max: 104 }],
        'session.zone': ['badZone'],
      },
    );
  });

  test('a class through the form keeps what the form does not show', () => {
    const base = {
      type: 'group' as const,
      name: 'Yoga',
      group_booking: {
        calendar_id: 'c',
        reminders: [{ type: 'email' as const, minutes_before_event: 30 }],
        default_capacity: 10,
      },
    };
    assert.deepEqual(toGroupConfiguration(toGroupForm(base, 'x'), base), base);
  });
});
