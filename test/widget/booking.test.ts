import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { Availability, BookingInput, BookingResult, UiSettings } from '../../src/contract/guest.js';
import {
  ALWAYS_OPEN,
  BACKENDS,
  WidgetPage,
  api,
  apiUrl,
  backendName,
  createConfiguration,
  createSession,
  failOnAbsentReads,
  getBooking,
  mount,
  strippedFields,
  uniqueEmail,
} from './helpers.js';

async function availableStarts(configurationId: string): Promise<number[]> {
  const now = Math.floor(Date.now() / 1000);
  const answer = await api<Availability>(
    'GET',
    `/v3/scheduling/availability?configuration_id=${configurationId}&start_time=${now}&end_time=${now + 40 * 86400}`,
  );
  return answer.body.data.time_slots.map((slot) => slot.start_time);
}

const fillGuest = (page: WidgetPage, name = 'Grace Guest', email = 'grace@guest.test') =>
  page.form.fill({ Name: name, Email: email });

for (const backend of BACKENDS) {
  const strict = backend === 'strict';

  describe(`booking flow against ${backendName(backend)}`, () => {
    if (strict) failOnAbsentReads();

    it('books a public configuration from calendar to confirmation, and the time is no longer offered', async () => {
      const configuration = await createConfiguration({
        event_booking: { title: 'Intro call', description: 'A first talk', location: 'https://meet.example/room' },
      });
      const page = await mount({
        'configuration-id': configuration.id,
        'api-url': await apiUrl(backend),
        timezone: 'UTC',
        locale: 'en-US',
      });
      const ready = (await oneEvent(page.el, 'scheduler-ready')) as CustomEvent<UiSettings>;
      expect(ready.detail.configuration_id).to.equal(configuration.id);

      await page.slots.waitForTimes();
      await expect(page.el).to.be.accessible();
      const selectedDay = page.calendar.selectedDay();
      expect(selectedDay, 'the first day with times is preselected').to.exist;
      expect(selectedDay).to.equal(page.calendar.availableDays()[0]);
      // Nylas's ui-settings have no event_booking: the title is then the organizer's name, and
      // the description and place (local extensions) are not shown. The duration is a slot's length.
      const summary = () => page.summary.text();
      expect(page.summary.title()).to.equal(strict ? 'Olga Organizer' : 'Intro call');
      expect(summary()).to.contain('Duration 30 min');
      for (const local of ['A first talk', 'meet.example']) expect(summary().includes(local), local).to.equal(!strict);

      const { start } = await page.slots.pickTime();
      const when = new Intl.DateTimeFormat('en-US', {
        timeZone: 'UTC',
        hour: 'numeric',
        minute: '2-digit',
      }).formatRange(start * 1000, (start + 1800) * 1000);
      expect(summary()).to.contain(when);
      await fillGuest(page);
      await expect(page.el).to.be.accessible();

      const booked = oneEvent(page.el, 'scheduler-booked');
      page.form.submit();
      const { detail } = (await booked) as CustomEvent<BookingResult>;
      expect(detail.booking_id).to.match(/^[0-9a-f-]{36}$/);
      expect(detail.start_time, 'the time the guest chose').to.equal(start);
      expect(detail.end_time).to.equal(start + 1800);
      expect(detail.guest).to.deep.equal({ name: 'Grace Guest', email: 'grace@guest.test' });

      await page.outcome.waitFor();
      expect(page.text()).to.contain('You are booked').and.to.contain('grace@guest.test').and.to.contain(when);
      // Whether an invitation is mailed is the API's setting (Nylas's disable_emails), which a guest's answers do not carry: none is promised.
      expect(page.outcome.text()).not.to.match(/invitation|on its way/i);
      expect(page.$('[part~="ics-button"]'), 'add to calendar, from the chosen time').to.exist;
      await expect(page.el).to.be.accessible();

      const stored = await getBooking(detail.booking_id);
      expect(stored.body.data.status).to.equal('booked');
      expect(stored.body.data.start_time).to.equal(start);
      expect(await availableStarts(configuration.id)).not.to.include(start);
      if (strict) {
        expect(await strippedFields()).to.include.members([
          'GET ui-settings.event_booking',
          'GET ui-settings.availability',
          'GET ui-settings.participants',
          'POST bookings.start_time',
          'POST bookings.guest',
          'POST bookings.location',
        ]);
      }
    });

    it('books a private configuration with a session id only', async () => {
      const configuration = await createConfiguration({ requires_session_auth: true });
      const sessionId = await createSession(configuration.id);
      const page = await mount({ 'session-id': sessionId, 'api-url': await apiUrl(backend), timezone: 'UTC' });
      const { start } = await page.slots.pickTime();
      await fillGuest(page);
      const booked = oneEvent(page.el, 'scheduler-booked');
      page.form.submit();
      const { detail } = (await booked) as CustomEvent<BookingResult>;
      expect(detail.start_time).to.equal(start);
      expect((await getBooking(detail.booking_id)).body.data.start_time).to.equal(start);
    });

    it('refuses a private configuration asked by bare configuration id, with a message', async () => {
      const configuration = await createConfiguration({ requires_session_auth: true });
      const page = await mount({ 'configuration-id': configuration.id, 'api-url': await apiUrl(backend) });
      const error = (await oneEvent(page.el, 'scheduler-error')) as CustomEvent<{ status: number }>;
      expect(error.detail.status).to.equal(401);
      await page.waitForError();
      await expect(page.el).to.be.accessible();
    });

    it('an expired session (real: deleted) is invalid_session and asks for a reload; nothing is booked', async () => {
      const configuration = await createConfiguration({ requires_session_auth: true });
      const session = await createSession(configuration.id);
      const page = await mount({ 'session-id': session, 'api-url': await apiUrl(backend), timezone: 'UTC' });
      const { start } = await page.slots.pickTime();
      await fillGuest(page);
      expect((await api('DELETE', `/v3/scheduling/sessions/${session}`)).status).to.equal(200);
      const error = oneEvent(page.el, 'scheduler-error');
      page.form.submit();
      expect(((await error) as CustomEvent<{ type: string; status: number }>).detail).to.include({
        type: 'invalid_session',
        status: 401,
      });
      await waitUntil(() => page.text().includes('reload the page'), 'the guest is told');
      expect(await availableStarts(configuration.id)).to.include(start);
    });

    it('round-robin: sends the host ranked first, and tries the next host when that one was just taken', async () => {
      const alice = uniqueEmail('alice');
      const bob = uniqueEmail('bob');
      const host = (email: string, name: string) => ({
        email,
        name,
        timezone: 'UTC',
        availability: { open_hours: ALWAYS_OPEN.map((h) => ({ ...h, days: [...h.days] })) },
      });
      const configuration = await createConfiguration(
        {
          participants: [host(alice, 'Alice'), host(bob, 'Bob')],
          availability: { duration_minutes: 30, availability_rules: { availability_method: 'max-fairness' } },
        },
        alice,
      );
      const page = await mount({
        'configuration-id': configuration.id,
        'api-url': await apiUrl(backend),
        timezone: 'UTC',
      });
      const { start } = await page.slots.pickTime();
      await fillGuest(page);

      const now = Math.floor(Date.now() / 1000);
      const listed = await api<Availability>(
        'GET',
        `/v3/scheduling/availability?configuration_id=${configuration.id}&start_time=${now}&end_time=${now + 86400 * 3}`,
      );
      const [first, second] = listed.body.data.order!;
      // The first-ranked host gets booked for that time by someone else meanwhile.
      const taken = await api('POST', `/v3/scheduling/bookings?configuration_id=${configuration.id}`, {
        start_time: start,
        end_time: start + 1800,
        guest: { name: 'Eve Early', email: 'eve@guest.test' },
        participants: [{ email: first }],
      });
      expect(taken.status).to.equal(200);

      const sentHosts: string[] = [];
      const originalFetch = window.fetch;
      window.fetch = (input, init) => {
        if (init?.method === 'POST') sentHosts.push(JSON.parse(String(init.body)).participants?.[0]?.email);
        return originalFetch(input, init);
      };
      try {
        const booked = oneEvent(page.el, 'scheduler-booked');
        page.form.submit();
        const { detail } = (await booked) as CustomEvent<BookingResult>;
        expect(sentHosts).to.deep.equal([first, second]);
        expect(detail.organizer!.email).to.equal(second);
        expect(detail.start_time).to.equal(start);
      } finally {
        window.fetch = originalFetch;
      }
    });

    it('a slot taken between listing and booking: says so, refreshes times, keeps what was typed', async () => {
      const configuration = await createConfiguration();
      // In UTC: on a machine far east (Auckland in summer) the pinned clock falls in the month's last
      // hour, whose one time is the one taken, so the refreshed month would have no times to list.
      const page = await mount({
        'configuration-id': configuration.id,
        'api-url': await apiUrl(backend),
        timezone: 'UTC',
      });
      const clicked = (await page.slots.waitForTimes())[0]!.getAttribute('aria-label');
      const { start } = await page.slots.pickTime(0);
      await fillGuest(page, 'Lena Late', 'lena@guest.test');
      // Someone else books the same time first.
      const other = await api('POST', `/v3/scheduling/bookings?configuration_id=${configuration.id}`, {
        start_time: start,
        end_time: start + 1800,
        guest: { name: 'Eve Early', email: 'eve@guest.test' },
      });
      expect(other.status).to.equal(200);

      const error = oneEvent(page.el, 'scheduler-error');
      page.form.submit();
      const detail = ((await error) as CustomEvent<{ type: string; message: string }>).detail;
      expect(detail.type).to.equal('timeslot_not_available');
      expect(detail.message).to.match(/^The selected timeslot is unavailable/);
      await waitUntil(() => page.text().includes('that time was just taken'), 'the guest is told');
      const labels = (await page.slots.waitForTimes()).map((b) => b.getAttribute('aria-label'));
      expect(labels.length).to.be.greaterThan(0);
      expect(labels, 'the taken time is gone from the list').not.to.include(clicked);
      expect(await availableStarts(configuration.id)).not.to.include(start);

      (await page.slots.waitForTimes())[0].click();
      await page.form.waitFor();
      expect(page.input('Name').value).to.equal('Lena Late');
      expect(page.input('Email').value).to.equal('lena@guest.test');
    });
  });
}

describe('booking flow details against the local API', () => {
  it('resumes where the guest was when the session id changes while mounted', async () => {
    const configuration = await createConfiguration({ requires_session_auth: true });
    const page = await mount({
      'session-id': await createSession(configuration.id),
      'api-url': await apiUrl(),
      timezone: 'UTC',
    });
    const { start } = await page.slots.pickTime();
    await fillGuest(page, 'Sam Session', 'sam@guest.test');

    page.el.sessionId = await createSession(configuration.id);
    await page.settle();
    expect(page.form.el, 'reconnecting').to.equal(null);
    await waitUntil(
      () => page.form.el && page.input('Name').value === 'Sam Session',
      'details kept after the new session',
    );
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    expect(detail.start_time).to.equal(start);
    expect(detail.guest!.email).to.equal('sam@guest.test');
  });

  it('re-groups days and times when the guest changes the time zone, and books the same instant', async () => {
    const configuration = await createConfiguration();
    const page = await mount({
      'configuration-id': configuration.id,
      'api-url': await apiUrl(),
      timezone: 'UTC',
      'hour-cycle': 'h23',
    });
    const slots = await page.slots.waitForTimes();
    const picker = page.slots.zoneInput();
    picker.focus();
    const zones = [...picker.list!.options].map((option) => option.value);
    expect(zones, 'every IANA zone is offered once the picker is focused').to.include.members([
      'Europe/Paris',
      'America/New_York',
      'UTC',
    ]);
    const chosen = oneEvent(page.el, 'scheduler-slot-select');
    slots[0].click();
    const instant = ((await chosen) as CustomEvent<{ slot: { start_time: number } }>).detail.slot.start_time;
    await page.form.waitFor();
    page.form.control('back-button')!.click();
    await page.slots.waitForTimes();

    // Typed by the guest (an alias Intl knows, committed on change).
    const input = page.slots.zoneInput();
    input.value = 'Asia/Kolkata';
    const changed = oneEvent(page.el, 'scheduler-timezone-change');
    input.dispatchEvent(new Event('change'));
    await changed;
    await page.settle();
    const pressed = await page.slots.waitForChosen();
    const utc = new Date(instant * 1000);
    const kolkata = new Date((instant + 5.5 * 3600) * 1000);
    const hhmm = (d: Date) =>
      `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    expect(pressed.textContent!.trim(), 'the same instant, labelled 5h30 later').to.equal(hhmm(kolkata));
    expect(hhmm(kolkata)).not.to.equal(hhmm(utc));
    expect(pressed.getAttribute('aria-label')).to.contain('Asia/Kolkata');

    pressed.click();
    await page.form.waitFor();
    await fillGuest(page);
    const zoneName = new Intl.DateTimeFormat(page.base()!.lang, {
      timeZone: 'Asia/Kolkata',
      timeZoneName: 'shortGeneric',
    })
      .formatToParts(0)
      .find((part) => part.type === 'timeZoneName')!.value;
    expect(page.summary.text(), 'the summary shows the new zone (by its name in the language shown)').to.contain(
      zoneName,
    );
    const booked = oneEvent(page.el, 'scheduler-booked');
    const request = oneEvent(page.el, 'scheduler-before-book');
    page.form.submit();
    const sent = ((await request) as CustomEvent<BookingInput>).detail;
    const { detail } = (await booked) as CustomEvent<BookingResult>;
    expect(sent.timezone).to.equal('Asia/Kolkata');
    expect(detail.start_time).to.equal(instant);
  });

  it('prefills guest, additional fields (metadata too) and additional guests', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          company: { label: 'Company', type: 'text', required: true },
          source: { label: 'Source', type: 'metadata', required: false },
        },
      },
    });
    const page = await mount(
      { 'configuration-id': configuration.id, 'guest-name': 'Pat Prefill', 'guest-email': 'pat@guest.test' },
      {
        before: (el) =>
          (el.prefill = {
            fields: { company: 'Acme', source: 'newsletter' },
            additionalGuests: [{ name: 'Quinn', email: 'quinn@guest.test' }],
          }),
      },
    );
    const { el } = page;
    await page.slots.pickTime();
    expect(page.input('Name').value).to.equal('Pat Prefill');
    expect(page.input('Company').value).to.equal('Acme');
    expect(page.$('[name="source"]'), 'metadata fields are not shown').to.equal(null);
    const request = oneEvent(el, 'scheduler-before-book');
    const booked = oneEvent(el, 'scheduler-booked');
    page.form.submit();
    const sent = ((await request) as CustomEvent<BookingInput>).detail;
    expect(sent.additional_fields).to.deep.equal({ company: 'Acme', source: 'newsletter' });
    expect(sent.additional_guests).to.deep.equal([{ name: 'Quinn', email: 'quinn@guest.test' }]);
    await booked;
  });

  it('renders every additional field type as its own control, and posts nothing until valid', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          note: { label: 'Note', type: 'multi_line_text', required: true, order: 1 },
          work_email: { label: 'Work email', type: 'email', required: true, order: 2 },
          phone: { label: 'Phone', type: 'phone_number', required: false, pattern: '\\+?[0-9 ]{6,}', order: 3 },
          plan: { label: 'Plan', type: 'dropdown', required: true, options: ['Free', 'Pro'], order: 4 },
          day: { label: 'Preferred day', type: 'date', required: false, order: 5 },
          terms: { label: 'I agree', type: 'checkbox', required: true, order: 6 },
          size: { label: 'Team size', type: 'radio_button', required: true, options: ['1-10', '11+'], order: 7 },
          code: { label: 'Code', type: 'text', required: false, pattern: '[A-Z]{3}', order: 8 },
        },
      },
    });
    const page = await mount({ 'configuration-id': configuration.id, 'api-url': await apiUrl() });
    await page.slots.pickTime();
    await expect(page.el).to.be.accessible();
    expect(page.input('Note').tagName).to.equal('TEXTAREA');
    expect(page.input('Work email').type).to.equal('email');
    expect(page.input('Phone').type).to.equal('tel');
    expect(page.input('Plan').tagName).to.equal('SELECT');
    expect(page.input('Preferred day').type).to.equal('date');
    expect(page.input('I agree').type).to.equal('checkbox');
    expect(page.$$('input[type="radio"]').length).to.equal(2);

    let posted = 0;
    page.el.addEventListener('scheduler-before-book', () => posted++);
    await fillGuest(page);
    page.form.submit();
    await page.settle();
    expect(posted, 'an invalid form posts nothing').to.equal(0);

    await page.type('Note', 'Hello');
    await page.type('Work email', 'not-an-email');
    expect(page.form.problem('Work email')).to.equal('Enter an email address like name@example.com.');
    await page.type('Work email', 'grace@work.test');
    await page.type('Code', 'abc');
    expect(page.form.problem('Code')).to.equal('This is not in the expected format.');
    await page.type('Code', 'ABC');
    const plan = page.input('Plan') as unknown as HTMLSelectElement;
    plan.value = 'Pro';
    plan.dispatchEvent(new Event('change'));
    page.input('I agree').click();
    page.$<HTMLInputElement>('input[type="radio"]')!.click();
    await page.settle();
    expect(page.form.invalidIds()).to.deep.equal([]);

    const request = oneEvent(page.el, 'scheduler-before-book');
    const booked = oneEvent(page.el, 'scheduler-booked');
    page.form.submit();
    const sent = ((await request) as CustomEvent<BookingInput>).detail;
    expect(sent.additional_fields).to.deep.equal({
      note: 'Hello',
      work_email: 'grace@work.test',
      code: 'ABC',
      plan: 'Pro',
      terms: 'true',
      size: '1-10',
    });
    await booked;
  });

  it('a storm of clicks on submit makes exactly one booking', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, 'api-url': await apiUrl() });
    await page.slots.pickTime();
    await fillGuest(page);
    let booked = 0;
    page.el.addEventListener('scheduler-booked', () => booked++);
    const before = (await availableStarts(configuration.id)).length;
    const button = page.form.submitButton();
    for (let i = 0; i < 25; i++) {
      button.click();
      page.form.el?.requestSubmit();
    }
    await page.outcome.waitFor();
    expect(booked).to.equal(1);
    expect((await availableStarts(configuration.id)).length).to.equal(before - 1);
  });

  it('a host page can stop the booking from scheduler-before-book', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, 'api-url': await apiUrl() });
    const { start } = await page.slots.pickTime();
    await fillGuest(page);
    page.el.addEventListener('scheduler-before-book', (event) => event.preventDefault());
    let booked = false;
    page.el.addEventListener('scheduler-booked', () => (booked = true));
    const stopped = oneEvent(page.el, 'scheduler-before-book');
    page.form.submit();
    await stopped;
    await page.settle();
    expect(booked).to.equal(false);
    expect(page.form.el).to.exist;
    expect(await availableStarts(configuration.id), 'the server still offers the time: nothing was booked').to.include(
      start,
    );
  });
});

describe('the booked screen with a long email address', () => {
  // 40 characters, no place to break: as real addresses of long company domains are.
  const email = 'firstname.lastname.department@company.io';

  /** Nothing inside the widget reaches past its right edge, nor scrolls it sideways. */
  function expectNoOverflow(page: WidgetPage, where: string): void {
    const card = page.el.getBoundingClientRect();
    expect(page.el.scrollWidth, `${where}: the card scrolls sideways`).to.be.at.most(page.el.clientWidth);
    const base = page.base()!;
    expect(base.scrollWidth, `${where}: the widget's box scrolls sideways`).to.be.at.most(base.clientWidth);
    const spilling = page.$$('*').filter((element) => element.getBoundingClientRect().right > card.right + 0.5);
    expect(
      spilling.map((element) => `${element.localName}.${element.className}`),
      `${where}: spills out of the card`,
    ).to.deep.equal([]);
  }

  for (const [where, viewport, width] of [
    ['a 360 px phone', 360, ''],
    ['a 300 px sidebar', 1024, '300px'],
  ] as const) {
    it(`stays inside the card in ${where}`, async () => {
      await setViewport({ width: viewport, height: 800 });
      try {
        const configuration = await createConfiguration();
        const page = await mount({
          'configuration-id': configuration.id,
          timezone: 'UTC',
          locale: 'en-US',
          theme: 'light',
        });
        if (width) page.el.style.width = width;
        await page.slots.pickTime();
        await fillGuest(page, 'Grace Guest', email);
        page.form.submit();
        await page.outcome.waitFor();
        expect(email.length).to.equal(40);
        expect(page.text()).to.contain(email);
        expectNoOverflow(page, where);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }
});
