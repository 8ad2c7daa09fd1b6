import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explain } from '../../src/owner.js';

const local = { apiUrl: 'http://localhost:8787', auth: { configurationId: 'abc' } };

describe("explain: the owner's console line for each mistake", () => {
  it('names api-url and the fix when the API does not answer', () => {
    const line = explain({ type: 'network', message: 'unreachable (TypeError: Failed to fetch)', status: 0 }, local);
    assert.match(line, /api-url http:\/\/localhost:8787 did not answer/);
    assert.match(line, /CORS/);
  });

  it('names configuration-id (or session-id) and its value for a 404', () => {
    assert.match(
      explain({ type: 'not_found_error', message: 'Configuration abc not found.', status: 404 }, local),
      /configuration-id "abc" is not found at http:\/\/localhost:8787.*Check configuration-id/,
    );
    assert.match(
      explain({ type: 'not_found_error', message: 'x', status: 404 }, { ...local, auth: { sessionId: 's1' } }),
      /session-id "s1"/,
    );
  });

  it('an answer that is not the API (a web page at api-url): check api-url, not the configuration', () => {
    const line = explain({ type: 'bad_response', message: 'unreadable answer (HTTP 404)', status: 404 }, local);
    assert.match(line, /api-url http:\/\/localhost:8787 .*not the Scheduler API/);
    assert.doesNotMatch(line, /configuration-id/);
  });

  it('a missing scheme suggests http://localhost as well as https://', () => {
    const line = explain({ type: 'invalid_api_url', message: 'api-url "localhost:8787" has no scheme', status: 0 });
    assert.match(line, /https:\/\//);
    assert.match(line, /http:\/\/localhost/);
  });

  it('a missing chunk or language file names the folder to upload', () => {
    assert.match(
      explain({ type: 'network', message: 'could not load the details part (TypeError: …/details-x.js)', status: 0 }),
      /dist\/scheduler-widget\/.*scheduler-widget\.iife\.js/,
    );
    assert.match(
      explain({ type: 'network', message: 'could not load the language file https://x/locales/de.js', status: 0 }),
      /locales\/ folder.*locales-url/,
    );
  });

  it('without an error: no api-url, naming the address it asks', () => {
    assert.match(explain(), /no api-url: asking https:\/\/api\.us\.nylas\.com/);
  });
});
