import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertOk, at, book, createConfiguration, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

test("store: the bookings awaiting the organizer's decision (the demo backend's organizer list), earliest first", async () => {
  const instant = await createConfiguration(server);
  const needsConfirmation = await createConfiguration(server, {
    event_booking: { title: 'Mentoring', booking_type: 'organizer-confirmation' },
  });
  const later = assertOk(await book(server, needsConfirmation, at(1, 11)));
  const earlier = assertOk(await book(server, needsConfirmation, at(1, 10)));
  assertOk(await book(server, instant, at(1, 9)));
  assert.deepEqual(server.store.bookings.pending().map((booking) => booking.id), [earlier.booking_id, later.booking_id]);
  assertOk(await server.call(`/v3/scheduling/bookings/${earlier.booking_id}`, { method: 'DELETE', query: { configuration_id: needsConfirmation }, body: {} }));
  assert.deepEqual(server.store.bookings.pending().map((booking) => booking.id), [later.booking_id]);
});
