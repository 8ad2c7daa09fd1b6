// `<scheduler-editor>` in Chromium against the real local API: the organizer's round trip by
// keyboard alone, then the form's standards (messages under fields, nothing lost, another tab's
// save), the list's duplicate and delete, and axe.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { Configuration, LocalBooking } from '../../src/contract/admin.js';
import type { BookingResult } from '../../src/contract/guest.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import { WidgetPage, api, apiUrl, uniqueEmail } from '../widget/helpers.js';
import { EditorPage, mountEditor } from './helpers.js';

const DAY_MS = 24 * 3600 * 1000;

/** The first Saturday at least two days after the pinned "now" (closed by Mon–Fri hours), as YYYY-MM-DD. */
function nextSaturday(): string {
  let day = new Date(Date.now() + 2 * DAY_MS);
  while (day.getUTCDay() !== 6) day = new Date(day.getTime() + DAY_MS);
  return day.toISOString().slice(0, 10);
}

/** The one configuration the editor saved on a grant, as the API holds it. */
async function savedConfiguration(grant: string): Promise<Configuration> {
  const answer = await api<Configuration[]>('GET', `/v3/grants/${encodeURIComponent(grant)}/scheduling/configurations`);
  const saved = answer.body.data.filter((config) => !config.appearance?.scheduler_editor_preview);
  expect(saved.length, 'one configuration saved').to.equal(1);
  return saved[0]!;
}

/** Waits until the preview widget shows its calendar, and reads it with the widget's page object. */
async function previewPage(page: EditorPage, title: string): Promise<WidgetPage> {
  await waitUntil(
    () => {
      const el = page.preview();
      return el && new WidgetPage(el as SchedulerWidget).$('[part~="summary"] h2')?.textContent === title;
    },
    `the preview shows "${title}"`,
    { timeout: 15_000 },
  );
  return new WidgetPage(page.preview() as SchedulerWidget);
}

describe('<scheduler-editor>: the organizer, keyboard only', () => {
  it(
    'creates a round-robin page (two hosts, Mon–Fri in Berlin, a date, 15-minute buffer, a required dropdown), ' +
      'previews, saves; a guest books it; the bookings list cancels it',
    async () => {
      const hostA = uniqueEmail('host-a');
      const hostB = uniqueEmail('host-b');
      const saturday = nextSaturday();
      const page = await mountEditor(hostA);
      await page.waitForText('No scheduling pages yet.');

      await page.tabTo('New page');
      await page.press('Enter');
      await waitUntil(() => page.$('form'), 'the form opens');

      await page.tabTo('Event title');
      await page.typeOver('Berlin consultation');
      await page.tabTo('Who takes a booking');
      await page.press('ArrowDown');
      expect(page.$<HTMLSelectElement>('#method')!.value).to.equal('max-fairness');

      await page.tabTo('Add a host');
      await page.press('Enter');
      await waitUntil(() => page.focused()?.id === 'hosts.0.name', 'the new host row takes the focus');
      await page.typeOver('Hana Host');
      await page.press('Tab');
      await page.typeOver(hostA);
      await page.tabTo('Add a host');
      await page.press('Enter');
      await waitUntil(() => page.focused()?.id === 'hosts.1.name', 'the second host row takes the focus');
      await page.typeOver('Ben Host');
      await page.press('Tab');
      await page.typeOver(hostB);

      await page.tabTo('Time zone');
      await page.typeOver('Europe/Berlin');
      const open = [0, 1, 2, 3, 4, 5, 6].map((day) => page.$<HTMLInputElement>(`#week\\.${day}\\.on`)!.checked);
      expect(open, 'a new page is open Monday to Friday').to.deep.equal([false, true, true, true, true, true, false]);

      await page.tabTo('Add a date');
      await page.press('Enter');
      await waitUntil(() => page.focused()?.id === 'overrides.0.date', 'the new date takes the focus');
      await page.typeOver(saturday);
      await page.press('Tab');
      await page.typeOver('10:00');
      await page.press('Tab');
      await page.typeOver('12:00');

      await page.tabTo('Free before each event (minutes)');
      await page.typeOver('15');

      await page.tabTo('Add a field');
      await page.press('Enter');
      await waitUntil(() => page.focused()?.id === 'fields.0.label', 'the new field takes the focus');
      await page.typeOver('Topic');
      await page.press('Tab');
      await page.typeOver('topic');
      await page.press('Tab');
      expect(page.focused()?.id).to.equal('fields.0.type');
      await page.type('Dr');
      expect(page.$<HTMLSelectElement>('#fields\\.0\\.type')!.value).to.equal('dropdown');
      await page.press('Tab');
      await page.press('Space');
      expect(page.$<HTMLInputElement>('#fields\\.0\\.required')!.checked, 'required').to.equal(true);
      await page.tabTo('Options (one a line)');
      await page.typeOver('Sales');
      await page.press('Enter');
      await page.type('Support');

      // The preview shows the unsaved form: its title, and the Saturday the date opens (closed by the weekly hours).
      const preview = await previewPage(page, 'Berlin consultation');
      await waitUntil(() => preview.calendar.availableDays().length > 0, 'the preview has times');
      // The date's 10:00 in Berlin, as a day of the zone the preview shows (the browser's, whatever it is).
      const opened = Date.parse(`${saturday}T10:00:00+01:00`);
      const shownDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        opened,
      );
      if (!preview.$(`[part~="day"][data-day="${shownDay}"]`)) {
        preview.$<HTMLButtonElement>('[part~="nav-button"]:last-of-type')!.click();
      }
      await waitUntil(
        () => preview.$(`[part~="day"][part~="available"][data-day="${shownDay}"]`),
        `${shownDay} is bookable in the preview`,
      );

      await page.tabTo('Save');
      const saved = oneEvent(page.el, 'scheduler-editor-saved');
      await page.press('Enter');
      const { detail } = (await saved) as CustomEvent<Configuration>;
      await page.waitForText('Created.');

      const config = await savedConfiguration(hostA);
      expect(config.id).to.equal(detail.id);
      expect(config.participants.map((p) => [p.email, p.name, p.is_organizer ?? false])).to.deep.equal([
        [hostA, 'Hana Host', true],
        [hostB, 'Ben Host', false],
      ]);
      const rules = config.availability.availability_rules!;
      expect(rules.availability_method).to.equal('max-fairness');
      expect(rules.default_open_hours).to.deep.equal([
        { days: [1, 2, 3, 4, 5], start: '9:00', end: '17:00', timezone: 'Europe/Berlin' },
      ]);
      expect(rules.default_specific_time_availability).to.deep.equal([
        { date: saturday, start: '10:00', end: '12:00', timezone: 'Europe/Berlin' },
      ]);
      expect(rules.buffer).to.deep.equal({ before: 15, after: 0 });
      expect(config.scheduler!.additional_fields).to.deep.equal({
        topic: { label: 'Topic', type: 'dropdown', required: true, order: 0, options: ['Sales', 'Support'] },
      });
      expect(page.$<HTMLTextAreaElement>('#snippet')!.value).to.contain(`configuration-id="${config.id}"`);
      const drafts = (
        await api<Configuration[]>('GET', `/v3/grants/${encodeURIComponent(hostA)}/scheduling/configurations`)
      ).body.data;
      await waitUntil(
        async () =>
          (await api<Configuration[]>('GET', `/v3/grants/${encodeURIComponent(hostA)}/scheduling/configurations`)).body
            .data.length === 1,
        `the preview's draft is deleted on save (had ${drafts.length})`,
      );

      // A guest books it with the widget, as on the organizer's site.
      const widgetEl = await fixture<SchedulerWidget>(
        html`<scheduler-widget configuration-id=${config.id} api-url=${await apiUrl()} locale="en-US"></scheduler-widget>`,
      );
      const guestPage = new WidgetPage(widgetEl);
      await guestPage.slots.pickTime();
      await guestPage.form.fill({ Name: 'Gina Guest', Email: 'gina@guest.test', Topic: 'Support' });
      const booked = oneEvent(widgetEl, 'scheduler-booked');
      guestPage.form.submit();
      const booking = ((await booked) as CustomEvent<BookingResult>).detail;
      widgetEl.remove();

      // The bookings list shows it and cancels it.
      await page.tabTo('Bookings');
      await page.press('Enter');
      await page.waitForText('Gina Guest');
      await page.tabTo(/^Cancel booking: Berlin consultation with Gina Guest$/);
      await page.press('Enter');
      await waitUntil(
        () => /^Cancel booking$/.test(page.focused()?.textContent?.trim() ?? ''),
        'the confirmation takes the focus',
      );
      await page.press('Enter');
      await page.waitForText('Cancelled.');
      const after = await api<LocalBooking>('GET', `/v3/scheduling/bookings/${booking.booking_id}`);
      expect(after.body.data.status).to.equal('cancelled');
      expect(page.text()).not.to.contain('Gina Guest');
    },
  );
});
