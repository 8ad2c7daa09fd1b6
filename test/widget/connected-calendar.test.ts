import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { createConfiguration, mount } from './helpers.js';

// An organizer's real calendar shapes what the guest is offered: Radicale, a real CalDAV server,
// holds a weekly meeting with a moved and a cancelled occurrence, an all-day event and events in
// New York, one of them marked free; a grant is connected to it through the local API
// (test/support/radicale-week.mjs, which also works out the expected times by hand).
type RadicaleWeek = { email: string; expected: Record<string, string[]> } | { skipped: string };

describe('a connected CalDAV calendar (radicale)', () => {
  it('the widget offers exactly the times outside the busy time, none on the all-day day', async function () {
    const week = await executeServerCommand<RadicaleWeek, undefined>('radicale-week');
    if ('skipped' in week) {
      console.warn(week.skipped);
      this.skip();
    }
    const configuration = await createConfiguration(
      {
        participants: [
          {
            email: week.email,
            name: 'Olga Organizer',
            is_organizer: true,
            timezone: 'UTC',
            availability: {
              open_hours: [{ days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'UTC' }],
            },
          },
        ],
      },
      week.email,
    );
    const page = await mount({
      'configuration-id': configuration.id,
      layout: 'week',
      timezone: 'UTC',
      locale: 'en-GB',
    });

    const offered: Record<string, string[]> = {};
    for (;;) {
      await page.week.waitForWeek();
      for (const day of page.week.days().filter((shown) => shown in week.expected)) {
        // 'HH:MM' as the expectations are, whether the locale writes 9:00 or 09:00.
        offered[day] = page.week.times(day).map((button) => button.textContent!.trim().padStart(5, '0'));
      }
      if (Object.keys(offered).length === Object.keys(week.expected).length) break;
      const next = page.week.navButton('next');
      expect(next.getAttribute('aria-disabled'), 'a next week while expected days are unseen').to.equal('false');
      next.click();
      await page.settle();
    }
    expect(offered['2030-02-06'], 'the all-day Wednesday').to.deep.equal([]);
    expect(offered).to.deep.equal(week.expected);
  });
});
