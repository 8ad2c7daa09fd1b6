/** The official Nylas Node SDK, unchanged, pointed at the local API. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Nylas, { NylasApiError, NylasOAuthError, type CreateConfigurationRequest } from 'nylas';
import { decodeBookingRef } from '../../src/contract/booking-ref.js';
import { at, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let nylas: Nylas;
const identifier = 'sdk-organizer@example.com';

before(async () => {
  server = await startTestServer();
  nylas = new Nylas({ apiKey: server.apiKey, apiUri: server.url });
});
after(() => server.stop());

const requestBody = (bookingType: 'booking' | 'organizer-confirmation' = 'booking'): CreateConfigurationRequest => ({
  participants: [
    {
      email: identifier,
      name: 'Sam Sdk',
      isOrganizer: true,
      availability: {
        calendarIds: ['primary'],
        openHours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC', exdates: [] }],
      },
      booking: { calendarId: 'primary' },
    },
  ],
  availability: { durationMinutes: 30 },
  eventBooking: { title: 'SDK call', bookingType },
  scheduler: { minBookingNotice: 60, availableDaysInFuture: 30 },
});

test('configurations: create, find, list, update, destroy', async () => {
  const created = await nylas.scheduler.configurations.create({ identifier, requestBody: requestBody() });
  const id = (created.data as unknown as { id: string }).id;
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.equal(created.data.availability.durationMinutes, 30);
  assert.equal(created.data.participants[0]!.isOrganizer, true);

  const found = await nylas.scheduler.configurations.find({ identifier, configurationId: id });
  assert.equal(found.data.eventBooking.title, 'SDK call');

  const listed = await nylas.scheduler.configurations.list({ identifier });
  assert.ok(listed.data.some((configuration) => (configuration as unknown as { id: string }).id === id));

  const updated = await nylas.scheduler.configurations.update({
    identifier,
    configurationId: id,
    requestBody: { eventBooking: { title: 'Renamed SDK call' } },
  });
  assert.equal(updated.data.eventBooking.title, 'Renamed SDK call');
  assert.equal(updated.data.availability.durationMinutes, 30);

  const destroyed = await nylas.scheduler.configurations.destroy({ identifier, configurationId: id });
  assert.match(destroyed.requestId, /^[0-9a-f-]{36}$/);
  await assert.rejects(nylas.scheduler.configurations.find({ identifier, configurationId: id }), (error: unknown) => {
    assert.ok(error instanceof NylasApiError);
    assert.equal(error.statusCode, 404);
    assert.equal(error.type, 'not_found_error');
    return true;
  });
});

test('sessions, availability and the booking life cycle', async () => {
  const configurationId = (
    (await nylas.scheduler.configurations.create({ identifier, requestBody: requestBody() })).data as unknown as {
      id: string;
    }
  ).id;
  const session = await nylas.scheduler.sessions.create({ requestBody: { configurationId, timeToLive: 10 } });
  const sessionId = session.data.sessionId;
  assert.match(sessionId, /^[0-9a-f-]{36}$/);

  // The browser's way: the session id as the bearer token.
  const asBrowser = { overrides: { apiKey: sessionId } };
  const availability = await nylas.scheduler.availability.get({
    queryParams: { startTime: at(1, 9), endTime: at(1, 17) },
    ...asBrowser,
  });
  assert.equal(availability.data.timeSlots[0]!.startTime, at(1, 9));
  assert.deepEqual(availability.data.timeSlots[0]!.emails, [identifier]);

  const booking = await nylas.scheduler.bookings.create({
    requestBody: {
      startTime: at(1, 10),
      endTime: at(1, 10, 30),
      guest: { name: 'Gina Guest', email: 'gina@example.org' },
    },
    queryParams: { configurationId },
  });
  assert.equal(booking.data.status, 'booked');
  assert.equal(booking.data.organizer.email, identifier);
  const bookingId = booking.data.bookingId;

  await assert.rejects(
    nylas.scheduler.bookings.create({
      requestBody: { startTime: at(1, 10), endTime: at(1, 10, 30), guest: { name: 'Late', email: 'late@example.org' } },
      ...asBrowser,
    }),
    (error: unknown) => {
      assert.ok(error instanceof NylasApiError);
      assert.equal(error.type, 'timeslot_not_available');
      assert.ok(error.message.startsWith('The selected timeslot is unavailable'));
      return true;
    },
  );

  const found = await nylas.scheduler.bookings.find({ bookingId, ...asBrowser });
  assert.equal(found.data.eventId, booking.data.eventId);

  const moved = await nylas.scheduler.bookings.reschedule({
    bookingId,
    requestBody: { startTime: at(1, 14), endTime: at(1, 14, 30) },
    queryParams: { configurationId },
  });
  assert.equal(moved.data.bookingId, bookingId);
  assert.equal((moved.data as unknown as { startTime: number }).startTime, at(1, 14));

  const cancelled = await nylas.scheduler.bookings.destroy({
    bookingId,
    requestBody: { cancellationReason: 'Changed my mind' },
    queryParams: { configurationId },
  });
  assert.match(cancelled.requestId, /^[0-9a-f-]{36}$/);
  assert.equal((await nylas.scheduler.bookings.find({ bookingId })).data.status, 'cancelled');

  const ended = await nylas.scheduler.sessions.destroy({ sessionId });
  assert.match(ended.requestId, /^[0-9a-f-]{36}$/);
  await assert.rejects(
    nylas.scheduler.availability.get({ queryParams: { startTime: at(1, 9), endTime: at(1, 17) }, ...asBrowser }),
    (error: unknown) => {
      assert.ok(error instanceof NylasApiError);
      assert.equal(error.type, 'invalid_session');
      return true;
    },
  );
});

test('organizer confirmation with the salt of the organizer booking ref (the API key gets it)', async () => {
  const configurationId = (
    (await nylas.scheduler.configurations.create({ identifier, requestBody: requestBody('organizer-confirmation') }))
      .data as unknown as {
      id: string;
    }
  ).id;
  const booking = await nylas.scheduler.bookings.create({
    requestBody: {
      startTime: at(2, 11),
      endTime: at(2, 11, 30),
      guest: { name: 'Pat Pending', email: 'pat@example.org' },
    },
    queryParams: { configurationId },
  });
  assert.equal(booking.data.status, 'pending');
  const refs = booking.data as unknown as { bookingRef: string; organizerBookingRef: string };
  const { salt } = decodeBookingRef(refs.organizerBookingRef)!;
  await assert.rejects(
    nylas.scheduler.bookings.confirm({
      bookingId: booking.data.bookingId,
      requestBody: { salt: decodeBookingRef(refs.bookingRef)!.salt, status: 'confirmed' },
    }),
    (error: unknown) => error instanceof NylasApiError && error.type === 'invalid_request_error',
    'the guest salt confirms nothing',
  );
  const confirmed = await nylas.scheduler.bookings.confirm({
    bookingId: booking.data.bookingId,
    requestBody: { salt, status: 'confirmed' },
  });
  assert.equal(confirmed.data.status, 'booked');
});

test('calendars and events', async () => {
  const calendars = await nylas.calendars.list({ identifier });
  const primary = calendars.data.find((calendar) => calendar.isPrimary)!;
  assert.ok(primary);
  const event = await nylas.events.create({
    identifier,
    requestBody: { title: 'Blocked', when: { startTime: at(3, 10), endTime: at(3, 11) } },
    queryParams: { calendarId: primary.id },
  });
  assert.equal(event.data.title, 'Blocked');
  const listed = await nylas.events.list({ identifier, queryParams: { calendarId: primary.id } });
  assert.ok(listed.data.some((item) => item.id === event.data.id));
  const updated = await nylas.events.update({
    identifier,
    eventId: event.data.id,
    requestBody: { title: 'Still blocked' },
    queryParams: { calendarId: primary.id },
  });
  assert.equal(updated.data.title, 'Still blocked');
  const destroyed = await nylas.events.destroy({
    identifier,
    eventId: event.data.id,
    queryParams: { calendarId: primary.id },
  });
  assert.match(destroyed.requestId, /^[0-9a-f-]{36}$/);
});

test("a grant access token: the SDK reads its info, calls the grant's endpoints with it as /grants/me, and revokes it", async () => {
  // The SDK has no call for client_credentials (its exchangeCodeForToken sends authorization_code):
  // a host's backend posts it itself, as Nylas's Scheduler docs show.
  const grant = server.store.grants.ensure(identifier, server.clock.ms);
  const minted = await fetch(new URL('/v3/connect/token', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: 'sdk-app',
      client_secret: server.apiKey,
      grant_id: grant.id,
    }),
  });
  const { access_token: accessToken, id_token: idToken } = (await minted.json()) as {
    access_token: string;
    id_token: string;
  };

  const info = await nylas.auth.accessTokenInfo(accessToken);
  assert.equal(info.data.sub, grant.id);
  assert.equal(info.data.email, identifier);
  assert.equal((await nylas.auth.idTokenInfo(idToken)).data.sub, grant.id);

  const asOrganizer = { overrides: { apiKey: accessToken } };
  const calendars = await nylas.calendars.list({ identifier: 'me', ...asOrganizer });
  assert.equal(calendars.data[0]!.grantId, grant.id);
  await nylas.scheduler.configurations.list({ identifier: 'me', ...asOrganizer });

  assert.equal(await nylas.auth.revoke(accessToken), true);
  await assert.rejects(nylas.calendars.list({ identifier: 'me', ...asOrganizer }), (error: unknown) => {
    assert.ok(error instanceof NylasApiError);
    assert.equal(error.statusCode, 401);
    assert.equal(error.type, 'token.unauthorized_access');
    return true;
  });
});

test("the SDK's code exchange gets OAuth's error shape: this API has no hosted sign-in", async () => {
  await assert.rejects(
    nylas.auth.exchangeCodeForToken({
      clientId: 'sdk-app',
      redirectUri: 'https://app.example/callback',
      code: 'a-code',
    }),
    (error: unknown) => {
      assert.ok(error instanceof NylasOAuthError);
      assert.equal(error.statusCode, 400);
      assert.equal(error.error, 'unsupported_grant_type');
      assert.equal(typeof error.errorCode, 'number');
      return true;
    },
  );
});
