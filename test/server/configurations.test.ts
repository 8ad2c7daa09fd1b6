import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertError,
  assertOk,
  configurationBody,
  createConfiguration,
  startTestServer,
  UUID_V4,
  type TestServer,
} from './helpers.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const base = (grant: string) => `/v3/grants/${grant}/scheduling/configurations`;

describe('configurations CRUD', () => {
  test('create, read, partial update, delete', async () => {
    const grant = 'crud@example.com';
    const created = assertOk(
      await server.call(base(grant), {
        method: 'POST',
        body: { ...configurationBody(), slug: 'crud', extra: 'ignored' },
      }),
    );
    assert.match(created.id, UUID_V4);
    assert.equal(created.slug, 'crud');
    assert.equal('extra' in created, false, 'unknown top-level keys are stripped');
    assert.deepEqual(assertOk(await server.call(`${base(grant)}/${created.id}`)), created);

    const updated = assertOk(
      await server.call(`${base(grant)}/${created.id}`, {
        method: 'PUT',
        body: { name: 'Renamed', availability: { duration_minutes: 45 } },
      }),
    );
    assert.equal(updated.name, 'Renamed');
    assert.deepEqual(updated.availability, { duration_minutes: 45 });
    assert.deepEqual(updated.participants, created.participants, 'fields not named are kept');
    assert.deepEqual(updated.event_booking, created.event_booking);

    const deleted = await server.call(`${base(grant)}/${created.id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 200);
    assert.deepEqual(Object.keys(deleted.body), ['request_id']);
    assertError(await server.call(`${base(grant)}/${created.id}`), 404, 'not_found_error');
    assertError(await server.call(`${base(grant)}/${created.id}`, { method: 'DELETE' }), 404, 'not_found_error');
    assertError(
      await server.call(`${base(grant)}/${created.id}`, { method: 'PUT', body: { name: 'x' } }),
      404,
      'not_found_error',
    );
  });

  test('lists with limit and page_token → next_cursor', async () => {
    const grant = 'lister@example.com';
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await createConfiguration(server, { name: `c${i}` }, grant));
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const answer = await server.call(base(grant), { query: { limit: 2, page_token: cursor ?? undefined } });
      assert.equal(answer.status, 200);
      assert.ok(answer.body.data.length <= 2);
      seen.push(...answer.body.data.map((c: { id: string }) => c.id));
      cursor = answer.body.next_cursor;
      assert.ok(cursor === null || typeof cursor === 'string');
    } while (cursor);
    assert.deepEqual(seen.sort(), ids.sort());
    const all = await server.call(base(grant));
    assert.equal(all.body.data.length, 5);
    assert.equal(all.body.next_cursor, null);
    assertOk(await server.call(base(grant), { query: { limit: 1000 } }));
    assertError(await server.call(base(grant), { query: { limit: 0 } }), 400, 'invalid_request_error');
    assertError(await server.call(base(grant), { query: { limit: 'many' } }), 400, 'invalid_request_error');
    assertError(await server.call(base(grant), { query: { page_token: 'garbage' } }), 400, 'invalid_request_error');
  });

  test('validation: duration, organizer count, participants, time zones, slug uniqueness', async () => {
    const grant = 'validator@example.com';
    const post = (body: unknown) => server.call(base(grant), { method: 'POST', body });
    const body = configurationBody();
    assert.match(
      assertError(await post({ ...body, availability: {} }), 400, 'invalid_request_error'),
      /availability\.duration_minutes: Required/,
    );
    assertError(await post({ ...body, availability: { duration_minutes: 0 } }), 400, 'invalid_request_error');
    assertError(await post({ ...body, availability: { duration_minutes: 'thirty' } }), 400, 'invalid_request_error');
    const noOrganizer = { ...body, participants: [{ ...body.participants[0]!, is_organizer: false }] };
    assert.match(assertError(await post(noOrganizer), 400, 'invalid_request_error'), /Exactly one participant/);
    const twoOrganizers = {
      ...body,
      participants: [body.participants[0]!, { ...body.participants[0]!, email: 'b@example.com' }],
    };
    assertError(await post(twoOrganizers), 400, 'invalid_request_error');
    assertError(await post({ ...body, participants: [] }), 400, 'invalid_request_error');
    assert.match(
      assertError(
        await post({ ...body, participants: [{ ...body.participants[0]!, timezone: 'Mars/Olympus' }] }),
        400,
        'invalid_request_error',
      ),
      /participants\[0\]\.timezone: Unknown time zone/,
    );
    assertError(await post({ ...body, event_booking: {} }), 400, 'invalid_request_error');
    const badDay = {
      ...body.participants[0]!,
      availability: { open_hours: [{ days: [1], start: '9:00', end: '17:00', exdates: ['2025-02-30'] }] },
    };
    assert.match(
      assertError(await post({ ...body, participants: [badDay] }), 400, 'invalid_request_error'),
      /participants\[0\]\.availability\.open_hours\[0\]\.exdates\[0\]: Expected a date/,
    );
    assertError(
      await post({
        ...body,
        participants: [{ ...badDay, availability: { open_hours: [{ days: [7], start: '9', end: '17:00' }] } }],
      }),
      400,
      'invalid_request_error',
    );
    assertError(
      await post({
        ...body,
        scheduler: { additional_fields: { pick: { label: 'Pick', type: 'dropdown', required: true } } },
      }),
      400,
      'invalid_request_error',
    );

    const roundRobin = {
      ...body,
      participants: [
        { ...body.participants[0]!, is_organizer: false },
        { ...body.participants[0]!, email: 'b@example.com', is_organizer: false },
      ],
      availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
    };
    assertOk(await post(roundRobin));

    const first = assertOk(await post({ ...body, slug: 'taken' }));
    assert.match(assertError(await post({ ...body, slug: 'taken' }), 400, 'invalid_request_error'), /slug/);
    const second = assertOk(await post(body));
    assertError(
      await server.call(`${base(grant)}/${second.id}`, { method: 'PUT', body: { slug: 'taken' } }),
      400,
      'invalid_request_error',
    );
    assertOk(await server.call(`${base(grant)}/${first.id}`, { method: 'PUT', body: { slug: 'taken' } }));
    assertError(
      await server.call(`${base(grant)}/${first.id}`, { method: 'PUT', body: { participants: [] } }),
      400,
      'invalid_request_error',
    );
  });
});

describe('grants', () => {
  test('one grant cannot see another grant’s configurations', async () => {
    const id = await createConfiguration(server, {}, 'owner@example.com');
    assertError(await server.call(`${base('intruder@example.com')}/${id}`), 404, 'not_found_error');
    assertError(
      await server.call(`${base('intruder@example.com')}/${id}`, { method: 'DELETE' }),
      404,
      'not_found_error',
    );
    assert.equal(assertOk(await server.call(base('intruder@example.com'))).length, 0);
  });

  test('addressed by id or email; auto-provisioned with a primary calendar; learns the organizer email', async () => {
    const byEmail = assertOk(await server.call('/v3/grants/Casey@Example.com/calendars'));
    assert.equal(byEmail.length, 1);
    assert.equal(byEmail[0].is_primary, true);
    const grantId = byEmail[0].grant_id;
    assert.match(grantId, UUID_V4);
    assert.deepEqual(assertOk(await server.call(`/v3/grants/${grantId}/calendars`)), byEmail);

    const uuid = '3f2b8c1d-7a6e-4f5d-9c8b-1a2b3c4d5e6f';
    const id = await createConfiguration(server, {}, uuid);
    const calendars = assertOk(await server.call(`/v3/grants/${uuid}/calendars`));
    assert.equal(calendars[0].grant_id, uuid);
    assertOk(await server.call(`${base(uuid)}/${id}`));
    const learner = '0d5e7f3a-1b2c-4d5e-8f9a-0b1c2d3e4f5a';
    await createConfiguration(
      server,
      { participants: [{ ...configurationBody().participants[0]!, email: 'lena@example.com' }] },
      learner,
    );
    assert.equal(assertOk(await server.call('/v3/grants/lena@example.com/calendars'))[0].grant_id, learner);

    assertError(await server.call('/v3/grants/bad%20grant/calendars'), 400, 'invalid_request_error');
  });
});
