/**
 * Accept what Nylas accepts, refuse what it refuses, keep what it keeps: configuration fields the
 * Nylas API documents, `null` as "the default", Nylas's ranges, integer strings for times, the
 * booking query's `timezone`, email languages and http(s) URLs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import {
  assertError,
  assertOk,
  at,
  book,
  configurationBody,
  createConfiguration,
  ORGANIZER,
  slots,
  startTestServer,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const base = `/v3/grants/${ORGANIZER}/scheduling/configurations`;
const create = (body: unknown) => server.call(base, { method: 'POST', body });

describe('configuration fields Nylas documents are stored and returned', () => {
  test('email_template, notetaker_settings, hide/notify_participants, grant_id, specific time availability', async () => {
    const body = configurationBody();
    const sent = {
      ...body,
      participants: [
        {
          ...body.participants[0]!,
          grant_id: 'grant-123',
          availability: {
            ...body.participants[0]!.availability,
            specific_time_availability: [{ date: '2030-01-12', start: '10:00', end: '12:00', timezone: 'UTC' }],
          },
        },
      ],
      availability: {
        duration_minutes: 30,
        availability_rules: {
          default_specific_time_availability: [{ date: '2030-01-13', start: '9:00', end: '11:00' }],
          only_specific_time_availability: false,
        },
      },
      event_booking: { ...body.event_booking, hide_participants: true, notify_participants: false },
      scheduler: {
        ...body.scheduler,
        email_template: {
          logo: 'https://example.com/logo.png',
          booking_confirmed: { title: 'See you', body: 'Thanks!' },
        },
        notetaker_settings: { enabled: true, show_ui_consent_message: true, meeting_settings: { summary: true } },
      },
    };
    const created = assertOk(await create(sent));
    const read = assertOk(await server.call(`${base}/${created.id}`));
    for (const answer of [created, read]) {
      assert.equal(answer.participants[0].grant_id, 'grant-123');
      assert.deepEqual(
        answer.participants[0].availability.specific_time_availability,
        sent.participants[0]!.availability.specific_time_availability,
      );
      assert.deepEqual(answer.availability.availability_rules, sent.availability.availability_rules);
      assert.equal(answer.event_booking.hide_participants, true);
      assert.equal(answer.event_booking.notify_participants, false);
      assert.deepEqual(answer.scheduler.email_template, sent.scheduler.email_template);
      assert.deepEqual(answer.scheduler.notetaker_settings, sent.scheduler.notetaker_settings);
    }
  });

  test('specific time availability is applied: it replaces that day’s open hours, or is all there is', async () => {
    // Mon–Fri 9–17 UTC; Tuesday 2030-01-08 only 13:00–14:00; Saturday 2030-01-12 10:00–11:00.
    const specific = [
      { date: '2030-01-08', start: '13:00', end: '14:00' },
      { date: '2030-01-12', start: '10:00', end: '11:00', timezone: 'UTC' },
    ];
    const body = configurationBody();
    const participant = {
      ...body.participants[0]!,
      availability: { ...body.participants[0]!.availability, specific_time_availability: specific },
    };
    const replacing = await createConfiguration(server, { participants: [participant] });
    const starts = async (id: string, day: number) =>
      (await slots(server, id, at(day, 0), at(day + 1, 0))).map((slot) => slot.start_time);
    assert.deepEqual(
      await starts(replacing, 1),
      [at(1, 13), at(1, 13, 30)],
      'Tuesday: the specific hours replace 9–17',
    );
    assert.deepEqual(await starts(replacing, 5), [at(5, 10), at(5, 10, 30)], 'Saturday: opened by a specific date');
    assert.equal((await starts(replacing, 2)).length, 16, 'Wednesday: open hours as usual');

    const only = await createConfiguration(server, {
      availability: {
        duration_minutes: 30,
        availability_rules: { default_specific_time_availability: specific, only_specific_time_availability: true },
      },
    });
    assert.deepEqual(await starts(only, 1), [at(1, 13), at(1, 13, 30)]);
    assert.deepEqual(await starts(only, 2), [], 'only specific time availability: the open hours are not bookable');
    assert.deepEqual(await starts(only, 5), [at(5, 10), at(5, 10, 30)]);
  });
});

describe('null means the default; Nylas ranges are enforced', () => {
  test('null for optional fields is accepted and means the default', async () => {
    const body = configurationBody();
    const created = assertOk(
      await create({
        ...body,
        requires_session_auth: null,
        appearance: null,
        availability: {
          duration_minutes: 30,
          interval_minutes: null,
          round_to: null,
          availability_rules: { buffer: null, availability_method: null },
        },
        event_booking: { ...body.event_booking, disable_emails: null, booking_type: null },
        scheduler: {
          min_booking_notice: null,
          min_cancellation_notice: null,
          available_days_in_future: null,
          rescheduling_url: null,
        },
      }),
    );
    assert.equal(created.requires_session_auth, undefined);
    assert.equal(created.event_booking.disable_emails, undefined);
    const ui = assertOk(
      await server.call('/v3/scheduling/ui-settings', { token: null, query: { configuration_id: created.id } }),
    );
    assert.equal(ui.scheduler.min_booking_notice, 60);
    assert.equal(ui.scheduler.available_days_in_future, 30);
    assert.equal(ui.booking_type, 'booking');
  });

  test('buffers 0–120 in steps of 5, round_to a multiple of 5, appearance values up to 550 characters', async () => {
    const body = configurationBody();
    const withRules = (rules: object, more: object = {}) => ({
      ...body,
      availability: { duration_minutes: 30, ...more, availability_rules: rules },
    });
    for (const buffer of [{ before: 7 }, { after: 125 }, { before: -5 }, { after: 2.5 }]) {
      assert.match(
        assertError(await create(withRules({ buffer })), 400, 'invalid_request_error'),
        /buffer/,
        JSON.stringify(buffer),
      );
    }
    assertOk(await create(withRules({ buffer: { before: 120, after: 0 } })));
    assertError(await create(withRules({}, { round_to: 7 })), 400, 'invalid_request_error');
    assertOk(await create(withRules({}, { round_to: 10 })));
    assertError(await create({ ...body, appearance: { color: 'x'.repeat(551) } }), 400, 'invalid_request_error');
    assertOk(await create({ ...body, appearance: { color: 'x'.repeat(550) } }));
  });

  test('the four URLs must be http(s)', async () => {
    const body = configurationBody();
    for (const key of [
      'rescheduling_url',
      'cancellation_url',
      'organizer_confirmation_url',
      'confirmation_redirect_url',
    ]) {
      for (const bad of [
        'javascript:alert(1)',
        'ftp://example.com/x',
        '/relative?ref=:booking_ref',
        'data:text/html,hi',
      ]) {
        const message = assertError(await create({ ...body, scheduler: { [key]: bad } }), 400, 'invalid_request_error');
        assert.match(message, new RegExp(key), bad);
      }
      assertOk(await create({ ...body, scheduler: { [key]: 'https://example.com/x?booking_ref=:booking_ref' } }));
    }
  });

  test("an empty URL or logo means none, as Nylas's Scheduler editor saves a blank one", async () => {
    const urls = {
      rescheduling_url: 'https://example.com/reschedule/:booking_ref',
      cancellation_url: 'https://example.com/cancel/:booking_ref',
      organizer_confirmation_url: 'https://example.com/confirm/:booking_ref',
      confirmation_redirect_url: 'https://example.com/thanks',
    };
    const created = assertOk(
      await create({
        ...configurationBody(),
        scheduler: { ...urls, email_template: { logo: 'https://example.com/l.png' } },
      }),
    );
    const blanks = Object.fromEntries(Object.keys(urls).map((key) => [key, '']));
    const saved = assertOk(
      await server.call(`${base}/${created.id}`, {
        method: 'PUT',
        body: { scheduler: { ...blanks, email_template: { logo: '' } } },
      }),
    );
    for (const key of Object.keys(urls)) assert.equal(saved.scheduler[key], undefined, key);
    assert.equal(saved.scheduler.email_template?.logo, undefined);
    assertError(
      await create({ ...configurationBody(), scheduler: { cancellation_url: ' ' } }),
      400,
      'invalid_request_error',
    );
  });

  test('time_to_live is any number from 1 to 30', async () => {
    const id = await createConfiguration(server);
    assertOk(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        body: { configuration_id: id, time_to_live: 2.5 },
      }),
    );
    assertOk(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        body: { configuration_id: id, time_to_live: null },
      }),
    );
    assertError(
      await server.call('/v3/scheduling/sessions', {
        method: 'POST',
        body: { configuration_id: id, time_to_live: 30.5 },
      }),
      400,
      'invalid_request_error',
    );
  });
});

describe('bookings as Nylas takes them', () => {
  const storedBooking = (id: string) => {
    const db = new Database(server.dbPath, { readonly: true });
    try {
      return db.prepare('SELECT timezone, email_language FROM bookings WHERE id = ?').get(id) as {
        timezone: string | null;
        email_language: string | null;
      };
    } finally {
      db.close();
    }
  };

  test('start_time and end_time as integer strings; the timezone query parameter; email_language checked and stored', async () => {
    const id = await createConfiguration(server);
    const viaStrings = assertOk(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        token: null,
        query: { configuration_id: id, timezone: 'Europe/Berlin' },
        body: {
          start_time: String(at(3, 10)),
          end_time: String(at(3, 10, 30)),
          guest: { name: 'Kim', email: 'kim@example.org' },
          email_language: 'de',
        },
      }),
    );
    assert.equal(viaStrings.start_time, at(3, 10));
    assert.deepEqual(storedBooking(viaStrings.booking_id), { timezone: 'Europe/Berlin', email_language: 'de' });
    // The body's timezone wins over the query's.
    const both = assertOk(
      await server.call('/v3/scheduling/bookings', {
        method: 'POST',
        token: null,
        query: { configuration_id: id, timezone: 'Europe/Berlin' },
        body: {
          start_time: at(3, 11),
          end_time: at(3, 11, 30),
          guest: { name: 'Kim', email: 'kim@example.org' },
          timezone: 'Asia/Tokyo',
        },
      }),
    );
    assert.equal(storedBooking(both.booking_id).timezone, 'Asia/Tokyo');
    assertError(await book(server, id, at(3, 12), { email_language: 'pt' }), 400, 'invalid_request_error');
    assertError(await book(server, id, at(3, 12), { start_time: '1e9' }), 400, 'invalid_request_error');
    const badZone = await server.call('/v3/scheduling/bookings', {
      method: 'POST',
      token: null,
      query: { configuration_id: id, timezone: 'Mars/Olympus' },
      body: { start_time: at(3, 12), end_time: at(3, 12, 30), guest: { name: 'Kim', email: 'kim@example.org' } },
    });
    assertError(badZone, 400, 'invalid_request_error');
    const moved = await server.call(`/v3/scheduling/bookings/${both.booking_id}`, {
      method: 'PATCH',
      body: { start_time: String(at(3, 14)), end_time: String(at(3, 14, 30)) },
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
  });
});
