// The tests' clock: a pinned instant that then runs at real speed, the same in the local API and in
// the page, so no test depends on today's date or on when in the hour it runs.
// In Node it pins itself from SCHEDULER_TEST_CLOCK="<pinned ms>,<origin ms>" when imported with
// --import; in the browser the test page calls pinClock (web-test-runner.config.mjs).

/**
 * `Date.now()` answers `pinnedMs` at the real time `originMs`, and advances with the real clock.
 * Only `Date.now` is pinned (the widget and the API read the time only through it; `new Date()`
 * without arguments still gives the real time).
 */
export function pinClock(pinnedMs, originMs) {
  const realNow = Date.now;
  Date.now = () => pinnedMs + (realNow() - originMs);
}

const spec = globalThis.process?.env?.SCHEDULER_TEST_CLOCK;
if (spec) {
  const [pinnedMs, originMs] = spec.split(',').map(Number);
  pinClock(pinnedMs, originMs);
}
