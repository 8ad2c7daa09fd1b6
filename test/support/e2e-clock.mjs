// The end-to-end tests' "now", shared by the local API process and every page, so that they book the
// demo seed's times on any day: Monday 2030-01-07 10:00:05 UTC is inside the seed's working hours
// (Mon–Fri 9–17 London) with the rest of the month ahead. It then runs at real speed.
import { pinClock } from './pinned-clock.mjs';

export function e2eClock() {
  return { pinnedMs: Date.UTC(2030, 0, 7, 10, 0, 5), originMs: Date.now() };
}

/**
 * A new page whose `Date.now()` follows `clock`, as the API's does.
 * @param {import('playwright-core').Browser} browser
 * @param {{ pinnedMs: number, originMs: number }} clock
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function pinnedPage(browser, clock) {
  const page = await browser.newPage();
  await page.addInitScript(`(${pinClock})(${clock.pinnedMs}, ${clock.originMs})`);
  return page;
}
