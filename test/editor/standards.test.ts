// The editor's standards against the real local API: a message under each field, nothing lost when a
// save fails (the failure is an injected fault, named so), another tab's save, duplicate and delete,
// confirm and decline, the access modes, and axe in light, dark and right to left.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Configuration, LocalBooking } from '../../src/contract/admin.js';
import type { Availability } from '../../src/contract/guest.js';
import type { EditorRequest } from '../../src/editor/admin.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';
import { WidgetPage, api, apiUrl, createConfiguration, uniqueEmail } from '../widget/helpers.js';
import { EditorPage, apiKey, mountEditor } from './helpers.js';

const grantPath = (grant: string) => `/v3/grants/${encodeURIComponent(grant)}/scheduling/configurations`;
const held = async (grant: string, id: string) =>
  (await api<Configuration>('GET', `${grantPath(grant)}/${id}`)).body.data;
const faults = (rules: unknown[]) => executeServerCommand('faults', rules);

async function editing(overrides: Parameters<typeof createConfiguration>[0] = {}) {
  const grant = uniqueEmail();
  const config = await createConfiguration({ name: 'Intro call', ...overrides }, grant);
  return { grant, config };
}

describe('<scheduler-editor>: the form', () => {
  afterEach(() => faults([]));

  it('says each problem under its field, focuses the first, and sends nothing', async () => {
    const { grant, config } = await editing();
    const page = await mountEditor(grant);
    await page.open('Intro call');
    await page.fill('title', '');
    await page.fill('duration', '0');
    await page.fill('bufferBefore', '7');
    await page.fill('hosts.0.email', 'not an email');
    await page.fill('zone', 'Mars/Olympus');
    await page.click('Add a field');
    await page.fill('fields.0.label', 'Plan');
    await page.fill('fields.0.type', 'dropdown');
    await page.click('Add a date');
    await page.fill('overrides.0.date', '2030-02-30');
    await page.fill('overrides.0.end', '8:00');
    await page.click('Save');

    expect(page.problem('title')).to.equal('Required.');
    expect(page.problem('duration')).to.equal('A whole number from 1 to 1440.');
    expect(page.problem('bufferBefore')).to.equal('A multiple of 5.');
    expect(page.problem('hosts.0.email')).to.equal('An email address.');
    expect(page.problem('zone')).to.equal('An IANA time zone, like Europe/Berlin.');
    expect(page.problem('fields.0.options')).to.equal('At least one option.');
    expect(page.problem('overrides.0.date')).to.equal('A date like 2030-12-24.');
    expect(page.problem('overrides.0.start')).to.equal('The end must be after the start.');
    expect(page.problem('location'), 'a valid field says nothing').to.equal('');
    expect(page.alert()).to.equal('Check the fields marked below: 8 to fix.');
    await waitUntil(() => page.focused()?.id === 'title', 'the first field with a problem takes the focus');
    expect(await held(grant, config.id), 'nothing was sent').to.deep.equal(config);
    await expect(page.el, 'form with problems').to.be.accessible();

    // Each message goes as its field is fixed.
    await page.fill('title', 'Fixed');
    expect(page.problem('title')).to.equal('');
  });

  it('keeps every change when a save fails (injected: a 500, then a gateway’s page) and saves on retry', async () => {
    const { grant, config } = await editing();
    const page = await mountEditor(grant, {
      'api-url': await executeServerCommand<string, undefined>('fault-proxy-url'),
    });
    await page.open('Intro call');
    await page.fill('title', 'Renamed call');
    await page.fill('location', 'Room 4');
    await faults([{ method: 'PUT', path: 'scheduling/configurations/', action: 'status', status: 500 }]);
    await page.click('Save');
    await waitUntil(() => page.alert(), 'the failure is told');
    expect(page.alert()).to.equal('The scheduling service did not answer. Your changes are kept; try again.');
    expect([page.field('title').value, page.field('location').value]).to.deep.equal(['Renamed call', 'Room 4']);

    await faults([{ method: 'PUT', path: 'scheduling/configurations/', action: 'not-json', status: 502 }]);
    await page.click('Save');
    await waitUntil(() => page.alert() && !page.button('Save').disabled, 'the second failure is told');
    expect(page.field('title').value).to.equal('Renamed call');
    expect((await held(grant, config.id)).event_booking.title, 'nothing saved yet').to.equal('Test meeting');

    await page.click('Save');
    await page.waitForText('Saved.');
    const saved = await held(grant, config.id);
    expect([saved.event_booking.title, saved.event_booking.location]).to.deep.equal(['Renamed call', 'Room 4']);
    const [before, after] = [config.participants[0]!, saved.participants[0]!];
    expect([after.email, after.name, after.timezone], 'what the form does not show is kept').to.deep.equal([
      before.email,
      before.name,
      before.timezone,
    ]);
    const hours = saved.availability.availability_rules!.default_open_hours!;
    expect(
      hours.map((entry) => [[...entry.days].sort(), entry.start, entry.end, entry.timezone]),
      "the organizer's hours, now everyone's",
    ).to.deep.equal([[[0, 1, 2, 3, 4, 5, 6], '0:00', '24:00', 'UTC']]);
  });

  it("the API's own refusal sits under the field it names (a slug another page holds)", async () => {
    const { grant } = await editing({ slug: `taken-${Date.now().toString(36)}` });
    const taken = (await api<Configuration[]>('GET', grantPath(grant))).body.data[0]!.slug!;
    const other = await editing({ name: 'Other call' });
    const page = await mountEditor(other.grant);
    await page.open('Other call');
    await page.fill('slug', taken);
    await page.click('Save');
    await waitUntil(() => page.problem('slug'), 'the refusal is under the slug');
    expect(page.problem('slug')).to.contain(`"${taken}" is taken`);
    expect(page.field('slug').value).to.equal(taken);
  });

  it('another tab saved first: says so, keeps mine, then loads theirs or saves mine over theirs', async () => {
    const { grant, config } = await editing();
    const page = await mountEditor(grant);
    await page.open('Intro call');
    await page.fill('title', 'Mine');
    await api('PUT', `${grantPath(grant)}/${config.id}`, {
      event_booking: { title: 'Theirs', location: 'Their room' },
    });
    await page.click('Save');
    await waitUntil(() => page.alert(), 'the conflict is told');
    expect(page.alert()).to.contain('was changed elsewhere');
    expect(page.field('title').value, 'mine is kept').to.equal('Mine');
    expect((await held(grant, config.id)).event_booking.title, 'theirs is not overwritten unasked').to.equal('Theirs');

    await page.click('Discard mine and load theirs');
    await waitUntil(() => page.field('title')?.value === 'Theirs', 'their version is in the form');
    expect(page.field('location').value).to.equal('Their room');

    await page.fill('title', 'Mine again');
    await api('PUT', `${grantPath(grant)}/${config.id}`, { event_booking: { title: 'Theirs again' } });
    await page.click('Save');
    await waitUntil(() => page.alert(), 'the second conflict is told');
    await page.click('Save mine over theirs');
    await page.waitForText('Saved.');
    expect((await held(grant, config.id)).event_booking.title).to.equal('Mine again');
  });
});

describe('<scheduler-editor>: leaving with unsaved changes', () => {
  it('asks before leaving unsaved changes; staying keeps them, leaving drops them and the preview draft', async () => {
    const { grant, config } = await editing();
    const page = await mountEditor(grant);
    await page.open('Intro call');
    await page.fill('title', 'Half done');
    await waitUntil(
      async () => (await api<Configuration[]>('GET', grantPath(grant))).body.data.length === 2,
      'the preview wrote its draft',
    );
    await page.click('Back to the list');
    await waitUntil(() => page.focused() === page.button('Stay and keep editing'), 'the question takes the focus');
    expect(page.$('[role="alertdialog"]')!.textContent).to.contain('changes you have not saved');
    await page.click('Stay and keep editing');
    expect(page.field('title').value).to.equal('Half done');
    await page.click('Bookings');
    await page.click('Leave without saving');
    await page.waitForText('No bookings.');
    await waitUntil(
      async () => (await api<Configuration[]>('GET', grantPath(grant))).body.data.length === 1,
      'the draft is deleted',
    );
    expect((await held(grant, config.id)).event_booking.title).to.equal('Test meeting');
  });
});

describe("<scheduler-editor>: the organizer's calendars", () => {
  it('checks the calendars for conflicts and books into the first writable one', async () => {
    const { grant, config } = await editing();
    const [primary] = (
      await api<Array<{ id: string; name: string }>>('GET', `/v3/grants/${encodeURIComponent(grant)}/calendars`)
    ).body.data;
    const page = await mountEditor(grant);
    await page.open('Intro call');
    await waitUntil(() => page.field(`calendar-${primary!.id}`), 'the calendars are listed');
    page.field(`calendar-${primary!.id}`).click();
    await page.click('Save');
    await page.waitForText('Saved.');
    const organizer = (await held(grant, config.id)).participants[0]!;
    expect(organizer.availability!.calendar_ids).to.deep.equal([primary!.id]);
    expect(organizer.booking).to.deep.equal({ calendar_id: primary!.id });
  });
});

describe('<scheduler-editor>: emails, reminders and links', () => {
  it('saves what the API sends mail with, and shows it again', async () => {
    const { grant, config } = await editing();
    const page = await mountEditor(grant);
    await page.open('Intro call');
    page.field('disableEmails').click();
    await page.click('Add a reminder');
    await page.fill('reminders.0.minutes', '0');
    await page.fill('reminders.0.recipient', 'guest');
    await page.fill('reminders.0.subject', 'See you soon');
    await page.fill('emailLogo', 'https://example.com/logo.png');
    await page.fill('confirmedTitle', 'See you!');
    page.field('hideGuests').click();
    await page.fill('redirectUrl', 'https://example.com/thanks');
    await page.click('Save');
    expect(page.problem('reminders.0.minutes')).to.equal('A whole number from 1 to 525600.');
    await page.fill('reminders.0.minutes', '30');
    await page.click('Save');
    await page.waitForText('Saved.');

    const saved = await held(grant, config.id);
    expect(saved.event_booking.disable_emails).to.equal(true);
    expect(saved.event_booking.reminders).to.deep.equal([
      { type: 'email', minutes_before_event: 30, recipient: 'guest', email_subject: 'See you soon' },
    ]);
    expect(saved.scheduler!.email_template).to.deep.equal({
      logo: 'https://example.com/logo.png',
      booking_confirmed: { title: 'See you!' },
    });
    expect([saved.scheduler!.hide_additional_guests, saved.scheduler!.confirmation_redirect_url]).to.deep.equal([
      true,
      'https://example.com/thanks',
    ]);

    page.el.remove();
    const again = await mountEditor(grant);
    await again.open('Intro call');
    expect([again.field('reminders.0.minutes').value, again.field('reminders.0.subject').value]).to.deep.equal([
      '30',
      'See you soon',
    ]);
    expect(again.field<HTMLSelectElement>('reminders.0.recipient').value).to.equal('guest');
    expect([
      again.field('disableEmails').checked,
      again.field('hideGuests').checked,
      again.field('hideCancel').checked,
    ]).to.deep.equal([true, true, false]);
    expect(again.field('confirmedTitle').value).to.equal('See you!');
  });
});

describe('<scheduler-editor>: the list', () => {
  it('duplicates a page (a copy without its slug) and deletes it after asking', async () => {
    const { grant, config } = await editing({ slug: `dup-${Date.now().toString(36)}` });
    const page = await mountEditor(grant);
    await page.open('Intro call', 'Duplicate');
    expect(page.field('name').value).to.equal('Copy of Intro call');
    expect(page.field('slug').value, 'a slug is one page’s').to.equal('');
    await page.click('Save');
    await page.waitForText('Created.');
    const all = (await api<Configuration[]>('GET', grantPath(grant))).body.data.filter(
      (c) => !c.appearance?.scheduler_editor_preview,
    );
    expect(all.map((c) => c.name).sort()).to.deep.equal(['Copy of Intro call', 'Intro call']);
    const copy = all.find((c) => c.id !== config.id)!;
    expect(copy.participants.map((p) => [p.email, p.name, p.is_organizer])).to.deep.equal(
      config.participants.map((p) => [p.email, p.name, p.is_organizer]),
    );

    await page.click('Back to the list');
    await page.waitForText('Copy of Intro call');
    await page.click('Delete: Copy of Intro call');
    await waitUntil(() => page.focused()?.textContent?.trim() === 'Delete', 'the question takes the focus');
    await page.click('Keep it');
    await waitUntil(
      () => page.focused() === page.button('Delete: Copy of Intro call'),
      'kept: the focus is back on its button',
    );
    await page.click('Delete: Copy of Intro call');
    await waitUntil(() => page.text().includes('Delete “Copy of Intro call”?'), 'the deletion is asked');
    await page.click('Delete');
    await page.waitForText('Deleted.');
    const left = (await api<Configuration[]>('GET', grantPath(grant))).body.data.filter(
      (c) => !c.appearance?.scheduler_editor_preview,
    );
    expect(left.map((c) => c.id)).to.deep.equal([config.id]);
    await expect(page.el, 'list').to.be.accessible();
  });
});

describe('<scheduler-editor>: group classes', () => {
  it('creates a class, adds weekly sessions in Berlin, previews, removes a date and the series, deletes it', async () => {
    const grant = uniqueEmail('teacher');
    const page = await mountEditor(grant);
    await page.waitForText('No scheduling pages yet.');
    await page.click('New group class');
    await waitUntil(() => page.field('group.name'), 'the class form opens');
    await page.click('Save');
    expect(page.problem('group.name')).to.equal('Required.');
    await page.fill('group.name', 'Yoga class');
    await page.fill('group.capacity', '8');
    await page.click('Save');
    await page.waitForText('Created.');
    const [created] = (
      await api<Array<{ id: string; type: string; group_booking: { calendar_id: string; default_capacity: number } }>>(
        'GET',
        grantPath(grant),
      )
    ).body.data;
    expect([created!.type, created!.group_booking.default_capacity]).to.deep.equal(['group', 8]);

    // A Monday at least two days after the pinned now, derived from it.
    let day = new Date(Date.now() + 2 * 86400_000);
    while (day.getUTCDay() !== 1) day = new Date(day.getTime() + 86400_000);
    const monday = day.toISOString().slice(0, 10);
    await page.click('Add a session');
    expect(page.problem('session.date')).to.equal('A date like 2030-12-24.');
    await page.fill('session.date', monday);
    await page.fill('session.start', '9:00');
    await page.fill('session.zone', 'Europe/Berlin');
    await page.fill('session.weeks', '3');
    await page.click('Add a session');
    await page.waitForText('Session added.');
    await waitUntil(
      () => page.root.querySelectorAll('[part~="session"]').length === 3,
      'three weekly sessions are listed',
    );

    const now = Math.floor(Date.now() / 1000);
    const listed = (
      await api<Array<{ id: string; when: { start_time: number }; capacity: number }>>(
        'GET',
        `${grantPath(grant)}/${created!.id}/group-events?calendar_id=${created!.group_booking.calendar_id}` +
          `&start_time=${now}&end_time=${now + 60 * 86400}`,
      )
    ).body.data;
    const berlin = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(listed.map((session) => berlin.format(session.when.start_time * 1000))).to.deep.equal([
      'Monday 09:00',
      'Monday 09:00',
      'Monday 09:00',
    ]);
    expect(listed.map((session) => session.capacity)).to.deep.equal([8, 8, 8]);
    const preview = new WidgetPage(page.preview() as SchedulerWidget);
    await waitUntil(
      () => preview.text().includes('Yoga class') || preview.calendar.availableDays().length > 0,
      'the preview shows the class',
    );

    const sessions = () => [...page.root.querySelectorAll('[part~="session"]')];
    const second = sessions()[1]!.querySelector<HTMLButtonElement>('button')!;
    expect(second.getAttribute('aria-label')).to.match(/^Remove this date: /);
    second.click();
    await page.waitForText('Removed; its seats are cancelled.');
    await waitUntil(() => sessions().length === 2, 'one date removed');
    sessions()[0]!.querySelectorAll<HTMLButtonElement>('button')[1]!.click();
    await waitUntil(() => sessions().length === 0, 'the series removed');
    await expect(page.el, 'class form').to.be.accessible();

    await page.click('Back to the list');
    await waitUntil(() => page.text().includes('Group class (seats)'), 'the list shows the class');
    await page.click('Delete: Yoga class');
    await page.click('Delete');
    await page.waitForText('Deleted.');
    expect((await api<unknown[]>('GET', grantPath(grant))).body.data).to.deep.equal([]);
  });
});

describe('<scheduler-editor>: bookings', () => {
  it('confirms one pending booking and declines another', async () => {
    const { grant, config } = await editing({
      event_booking: { title: 'Consult', booking_type: 'organizer-confirmation' },
    });
    const now = Math.floor(Date.now() / 1000);
    const slots = (
      await api<Availability>(
        'GET',
        `/v3/scheduling/availability?configuration_id=${config.id}&start_time=${now}&end_time=${now + 7 * 86400}`,
      )
    ).body.data.time_slots!;
    const guests = [
      { name: 'Pia Pending', email: 'pia@guest.test' },
      { name: 'Dan Declined', email: 'dan@guest.test' },
    ];
    const bookings = [];
    for (const [i, guest] of guests.entries()) {
      const slot = slots[i * 4]!;
      const answer = await api<LocalBooking>('POST', `/v3/scheduling/bookings?configuration_id=${config.id}`, {
        start_time: slot.start_time,
        end_time: slot.end_time,
        guest,
      });
      bookings.push(answer.body.data);
    }
    const page = await mountEditor(grant);
    await page.click('Bookings');
    await page.waitForText('Dan Declined');
    expect(page.text().match(/Awaiting your confirmation/g)?.length).to.equal(2);
    await expect(page.el, 'bookings').to.be.accessible();

    await page.click('Confirm: Consult with Pia Pending');
    await page.waitForText('Confirmed.');
    await page.click('Decline: Consult with Dan Declined');
    await page.waitForText('Declined.');
    const statuses = await Promise.all(
      bookings.map(
        async (b) => (await api<LocalBooking>('GET', `/v3/scheduling/bookings/${b.booking_id}`)).body.data.status,
      ),
    );
    expect(statuses).to.deep.equal(['booked', 'cancelled']);
    expect(page.text()).not.to.contain('Dan Declined');
  });
});

describe("<scheduler-editor>: rescheduling on the guest's behalf", () => {
  it("moves a booking with the widget's reschedule screen, then lists it at its new time", async () => {
    const { grant, config } = await editing({ event_booking: { title: 'Consult' } });
    const now = Math.floor(Date.now() / 1000);
    const slots = (
      await api<Availability>(
        'GET',
        `/v3/scheduling/availability?configuration_id=${config.id}&start_time=${now}&end_time=${now + 7 * 86400}`,
      )
    ).body.data.time_slots!;
    const guest = { name: 'Rob Moved', email: 'rob@guest.test' };
    const booking = (
      await api<LocalBooking>('POST', `/v3/scheduling/bookings?configuration_id=${config.id}`, {
        // Five hours on: in any zone, that day shows other times beside the booked one.
        start_time: slots[10]!.start_time,
        end_time: slots[10]!.end_time,
        guest,
      })
    ).body.data;
    const page = await mountEditor(grant);
    await page.click('Bookings');
    await page.waitForText('Rob Moved');
    await page.click('Reschedule: Consult with Rob Moved');
    await waitUntil(() => page.$('[part~="booking"] scheduler-widget'), 'the reschedule screen opens');
    const widget = new WidgetPage(page.$('[part~="booking"] scheduler-widget') as SchedulerWidget);
    const times = await widget.slots.waitForTimes();
    const target = times.find((slot) => !slot.matches('[aria-current]'))!;
    target.click();
    await widget.form.waitFor();
    widget.form.submit();
    await page.waitForText('Rescheduled.');
    const moved = (await api<LocalBooking>('GET', `/v3/scheduling/bookings/${booking.booking_id}`)).body.data;
    expect(moved.start_time).not.to.equal(booking.start_time);
    expect(moved.status).to.equal('booked');
    expect(page.$('[part~="booking"] scheduler-widget'), 'the screen closes').to.equal(null);
  });
});

describe('<scheduler-editor>: access', () => {
  it("a request hook, no grant-id: /v3/grants/me/… through the host's backend, no key of its own", async () => {
    const { grant } = await editing();
    const [url, key] = [await apiUrl(), await apiKey()];
    const calls: EditorRequest[] = [];
    const page = new EditorPage(document.createElement('scheduler-editor'));
    // The host's backend, played here: it maps `me` to its organizer's grant and adds its own credential.
    page.el.request = async (call) => {
      calls.push(call);
      return fetch(new URL(call.path.replace('/v3/grants/me/', `/v3/grants/${encodeURIComponent(grant)}/`), url), {
        method: call.method,
        headers: { ...call.headers, Authorization: `Bearer ${key}` },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
    };
    document.body.append(page.el);
    try {
      await page.waitForText('Intro call');
      expect(calls.map((call) => `${call.method} ${call.path}`)).to.deep.equal([
        'GET /v3/grants/me/scheduling/configurations?limit=200',
      ]);
      expect(calls[0]!.headers.Authorization, 'no token of its own').to.equal(undefined);
    } finally {
      page.el.remove();
    }
  });

  it('a grant access token from /v3/connect/token: its pages on /v3/grants/me, saved there; its bookings confirmed', async () => {
    const { grant, config } = await editing({
      event_booking: { title: 'Consult', booking_type: 'organizer-confirmation' },
    });
    const minted = await api<never>('POST', '/v3/connect/token', {
      grant_type: 'client_credentials',
      client_id: 'editor-test',
      client_secret: await apiKey(),
      grant_id: grant,
    });
    const token = (minted.body as unknown as { access_token: string }).access_token;
    expect(token, JSON.stringify(minted.body)).to.be.a('string');
    const now = Math.floor(Date.now() / 1000);
    const [slot] = (
      await api<Availability>(
        'GET',
        `/v3/scheduling/availability?configuration_id=${config.id}&start_time=${now}&end_time=${now + 7 * 86400}`,
      )
    ).body.data.time_slots!;
    const guest = { name: 'Tia Token', email: 'tia@guest.test' };
    const booking = (
      await api<LocalBooking>('POST', `/v3/scheduling/bookings?configuration_id=${config.id}`, { ...slot, guest })
    ).body.data;

    const page = await mountEditor('', { 'access-token': token });
    await page.open('Intro call');
    await page.fill('location', 'By token');
    await page.click('Save');
    await page.waitForText('Saved.');
    expect((await held(grant, config.id)).event_booking.location).to.equal('By token');

    await page.click('Bookings');
    await page.waitForText('Tia Token');
    await page.click('Confirm: Consult with Tia Token');
    await page.waitForText('Confirmed.');
    expect((await api<LocalBooking>('GET', `/v3/scheduling/bookings/${booking.booking_id}`)).body.data.status).to.equal(
      'booked',
    );
  });

  it('an access token alone goes to /v3/grants/me/…; a refused token is told, not thrown', async () => {
    const page = await mountEditor('', { 'access-token': 'not-a-token' });
    await waitUntil(() => page.alert(), 'the refusal is told');
    expect(page.alert()).to.equal('The access token was refused or has expired. Get a new one and try again.');
    await expect(page.el).to.be.accessible();
  });

  it('without a token or hook it says what is missing', async () => {
    const page = await mountEditor('', { 'access-token': '' });
    await waitUntil(() => page.alert(), 'the missing access is told');
    expect(page.alert()).to.contain('access-token');
  });
});

describe('<scheduler-editor>: languages', () => {
  it("another language: its dates and weekdays, the editor's English texts unless the page gives them", async () => {
    const { grant } = await editing();
    const page = await mountEditor(grant, { locale: 'de' });
    page.el.localization = { newConfiguration: 'Neue Seite', edit: 'Bearbeiten' };
    await waitUntil(() => page.text().includes('Neue Seite'), 'the given string is shown');
    expect(page.text(), 'a string not given falls back to English').to.contain('Scheduling pages');
    await page.open('Intro call', 'Bearbeiten');
    expect(page.$('label[for="week.1.on"], #week\\.1\\.on')!.closest('label')!.textContent!.trim()).to.equal('Montag');
    expect(page.$('[part~="base"]')!.getAttribute('lang')).to.equal('de');
  });
});

describe('<scheduler-editor>: changes while the bookings are shown', () => {
  it('new strings or a new token show the bookings again, in those strings', async () => {
    const { grant } = await editing();
    const page = await mountEditor(grant);
    await page.click('Bookings');
    await page.waitForText('Upcoming');
    page.el.localization = { upcoming: 'Coming up' };
    await page.waitForText('Coming up');
    page.el.setAttribute('access-token', await apiKey());
    page.el.localization = { upcoming: 'Next' };
    await page.waitForText('Next');
    expect(page.text()).not.to.contain('Loading');
  });
});

describe('<scheduler-editor>: looks', () => {
  for (const [theme, locale] of [
    ['dark', 'en-US'],
    ['light', 'ar'],
  ] as const) {
    it(`${theme}, ${locale}: the list and the form pass axe; right to left for Arabic`, async () => {
      const { grant } = await editing();
      const page = await mountEditor(grant, { theme, locale });
      await page.waitForText('Intro call');
      expect(page.$('[part~="base"]')!.getAttribute('dir')).to.equal(locale === 'ar' ? 'rtl' : 'ltr');
      expect(getComputedStyle(page.el).colorScheme).to.equal(theme);
      await expect(page.el, 'list').to.be.accessible();
      await page.open('Intro call');
      await waitUntil(() => page.preview(), 'the preview shows the saved page');
      await expect(page.el, 'form').to.be.accessible();
    });
  }
});
