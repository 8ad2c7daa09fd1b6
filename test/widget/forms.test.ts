import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { AdditionalField, BookingInput } from '../../src/contract/guest.js';
import { LOOKS, createConfiguration, lookName, mount, mountIn, stringsOf, type WidgetPage } from './helpers.js';

/** One required field of every type a guest fills in, and optional ones with a format to keep. */
const EVERY_TYPE: Record<string, AdditionalField> = {
  note: { label: 'Note', type: 'multi_line_text', required: true, order: 1 },
  work_email: { label: 'Work email', type: 'email', required: true, order: 2 },
  phone: { label: 'Phone', type: 'phone_number', required: true, order: 3 },
  plan: { label: 'Plan', type: 'dropdown', required: true, options: ['Free', 'Pro'], order: 4 },
  day: { label: 'Preferred day', type: 'date', required: true, order: 5 },
  terms: { label: 'I agree', type: 'checkbox', required: true, order: 6 },
  size: { label: 'Team size', type: 'radio_button', required: true, options: ['1-10', '11+'], order: 7 },
  topics: { label: 'Topics', type: 'multi_select', required: true, options: ['Sales', 'Support'], order: 8 },
  code: { label: 'Code', type: 'text', required: false, pattern: '[A-Z]{3}', order: 9 },
};
const REQUIRED_IDS = [
  'name',
  'email',
  'field-note',
  'field-work_email',
  'field-phone',
  'field-plan',
  'field-day',
  'field-terms',
  'field-size-0',
  'field-size-1',
  'field-topics-0',
  'field-topics-1',
];

const focusedId = (page: WidgetPage) => (page.root.activeElement as HTMLElement | null)?.id;

async function formWithEveryType(mountPage: (id: string) => Promise<WidgetPage>): Promise<WidgetPage> {
  const configuration = await createConfiguration({
    scheduler: { min_booking_notice: 0, additional_fields: EVERY_TYPE },
  });
  const page = await mountPage(configuration.id);
  await page.slots.pickTime();
  return page;
}

describe('forms: a message under each field, on submit and on leaving it', () => {
  it('submit shows each empty required field of every type its own message under it (aria-invalid, aria-describedby), focuses the first, posts nothing; no browser bubble', async () => {
    const page = await formWithEveryType((id) => mount({ 'configuration-id': id, timezone: 'UTC', locale: 'en-US' }));
    const form = page.$<HTMLFormElement>('form')!;
    expect(form.noValidate, 'the browser bubbles are off').to.equal(true);
    expect(page.form.invalidIds(), 'nothing flagged before a submit').to.deep.equal([]);
    let posted = 0;
    page.el.addEventListener('scheduler-before-book', () => posted++);

    page.form.submit();
    await page.settle();
    expect(posted, 'an invalid form posts nothing').to.equal(0);
    expect(page.form.invalidIds()).to.deep.equal(REQUIRED_IDS);
    for (const label of [
      'Name',
      'Email',
      'Note',
      'Work email',
      'Phone',
      'Plan',
      'Preferred day',
      'I agree',
      'Team size',
      'Topics',
    ]) {
      expect(page.form.problem(label), label).to.equal('Please fill this in.');
    }
    expect(page.form.problem('Code'), 'an optional field left empty is fine').to.equal('');
    expect(focusedId(page), 'focus on the first invalid field').to.equal('name');
    await expect(page.el).to.be.accessible();

    // Each message follows its value as the guest corrects it; the focus goes to the first still wrong.
    await page.form.fill({
      Name: 'Grace',
      Email: 'grace@guest.test',
      Note: 'Hi',
      'Work email': 'grace@',
      Phone: 'call me',
      'Preferred day': '2030-02-03',
      Code: 'abc',
    });
    expect(page.form.problem('Name')).to.equal('');
    expect(page.form.problem('Work email')).to.equal('Enter an email address like name@example.com.');
    expect(page.form.problem('Phone')).to.equal('This is not in the expected format.');
    expect(page.form.problem('Code'), 'once submitted, every field says its problem as it is typed').to.equal(
      'This is not in the expected format.',
    );
    page.form.submit();
    await page.settle();
    expect(focusedId(page)).to.equal('field-work_email');
    expect(posted).to.equal(0);

    // Typed with the separators people use; sent as Nylas takes it, + and digits.
    await page.form.fill({ 'Work email': 'grace@work.test', Phone: '+49 (30) 123-45.67', Code: 'ABC' });
    const plan = page.input('Plan') as unknown as HTMLSelectElement;
    plan.value = 'Pro';
    plan.dispatchEvent(new Event('change'));
    page.input('I agree').click();
    page.$<HTMLInputElement>('#field-size-1')!.click();
    page.$<HTMLInputElement>('#field-topics-1')!.click();
    await page.settle();
    expect(page.form.invalidIds()).to.deep.equal([]);
    expect(page.$$('[part~="field-error"]:not(#tz-error)')).to.have.length(0);

    const request = oneEvent(page.el, 'scheduler-before-book');
    page.form.submit();
    const sent = ((await request) as CustomEvent<BookingInput>).detail;
    expect(sent.additional_fields).to.deep.equal({
      note: 'Hi',
      work_email: 'grace@work.test',
      phone: '+49301234567',
      plan: 'Pro',
      day: '2030-02-03',
      terms: 'true',
      size: '11+',
      topics: 'Support',
      code: 'ABC',
    });
  });

  it('leaving a field the guest typed in says what is wrong with it at once; an untouched one stays quiet until submit', async () => {
    const configuration = await createConfiguration({
      scheduler: { min_booking_notice: 0, additional_fields: { code: EVERY_TYPE.code! } },
    });
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    await page.slots.pickTime();
    await page.form.leave('Name');
    expect(page.form.problem('Name'), 'passing through an empty field says nothing yet').to.equal('');
    await page.type('Email', 'grace@example');
    await page.form.leave('Email');
    expect(page.form.problem('Email')).to.equal('Enter an email address like name@example.com.');
    expect(page.input('Email').getAttribute('aria-describedby')).to.equal('email-error');
    await page.type('Code', 'ab1');
    await page.form.leave('Code');
    expect(page.form.problem('Code')).to.equal('This is not in the expected format.');
    await expect(page.el).to.be.accessible();
    await page.type('Email', 'grace@example.com');
    expect(page.form.problem('Email')).to.equal('');
    expect(page.input('Email').hasAttribute('aria-describedby')).to.equal(false);
  });

  for (const look of LOOKS) {
    it(`the form's messages in ${lookName(look)}: in the guest's language, axe clean`, async () => {
      const strings = stringsOf(look);
      const page = await formWithEveryType((id) => mountIn(look, { 'configuration-id': id }));
      await page.type(strings.email, 'not-an-email');
      page.form.submit();
      await page.settle();
      expect(page.form.problem(strings.name)).to.equal(strings.fieldRequired);
      expect(page.form.problem(strings.email)).to.equal(strings.invalidEmail);
      expect(page.form.problem('Topics')).to.equal(strings.fieldRequired);
      expect(focusedId(page)).to.equal('name');
      await expect(page.el).to.be.accessible();
    });
  }
});

describe('the time-zone field', () => {
  it('takes a zone name, an alias or a city ("Berlin" → Europe/Berlin), and says when it did not understand', async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'en-US' });
    await page.slots.waitForTimes();
    const zoneOfTimes = () => page.slots.times()[0]?.getAttribute('aria-label')!.split(', ').at(-1);

    const changed = oneEvent(page.el, 'scheduler-timezone-change');
    await page.slots.typeZone('Berlin');
    expect((await changed).detail).to.deep.equal({ timeZone: 'Europe/Berlin' });
    await waitUntil(() => zoneOfTimes() === 'Europe/Berlin', 'times in Berlin');
    expect(page.slots.zoneInput().value).to.equal('Europe/Berlin');
    expect(page.slots.zoneProblem()).to.equal('');

    await page.slots.typeZone('new york');
    await waitUntil(() => zoneOfTimes() === 'America/New_York', 'a city of two words, any case');
    await page.slots.typeZone('asia/tokyo');
    await waitUntil(() => zoneOfTimes() === 'Asia/Tokyo', 'a zone name in any case');
    await page.slots.typeZone('Asia/Calcutta');
    await waitUntil(() => zoneOfTimes() === 'Asia/Calcutta', 'an alias');

    await page.slots.typeZone('Atlantis');
    expect(page.slots.zoneProblem()).to.equal(
      'We did not understand “Atlantis”. Type a city or a time zone, e.g. Berlin or Europe/Berlin.',
    );
    expect(zoneOfTimes(), 'the times stay where they were').to.equal('Asia/Calcutta');
    await expect(page.el).to.be.accessible();
    await page.slots.typeZone('UTC');
    expect(page.slots.zoneProblem()).to.equal('');
  });

  it("understands cities that are not zone ids, generic names and abbreviations, in the guest's language", async () => {
    const configuration = await createConfiguration();
    const page = await mount({ 'configuration-id': configuration.id, timezone: 'UTC', locale: 'de' });
    await page.slots.waitForTimes();
    const zoneOfTimes = () => page.slots.times()[0]?.getAttribute('aria-label')!.split(', ').at(-1);
    const typed: Array<[string, string]> = [
      ['San Francisco', 'America/Los_Angeles'],
      ['Mumbai', 'Asia/Kolkata'],
      ['São Paulo', 'America/Sao_Paulo'],
      ['EST', 'America/New_York'],
      ['Pacific Time', 'America/Los_Angeles'],
      ['Beijing', 'Asia/Shanghai'],
      ['Mitteleuropäische Sommerzeit', 'Europe/Paris'], // CET's zone, as for "CET"
    ];
    for (const [text, zone] of typed) {
      await page.slots.typeZone(text);
      await waitUntil(() => zoneOfTimes() === zone, `"${text}" shows times in ${zone}, not ${zoneOfTimes()}`);
      expect(page.slots.zoneProblem(), text).to.equal('');
      expect(page.slots.zoneInput().value).to.equal(zone);
    }
  });

  for (const look of LOOKS) {
    it(`a zone it did not understand, in ${lookName(look)}: said in the guest's language, axe clean`, async () => {
      const configuration = await createConfiguration();
      const page = await mountIn(look, { 'configuration-id': configuration.id });
      await page.slots.waitForTimes();
      await page.slots.typeZone('Atlantis');
      expect(page.slots.zoneProblem()).to.equal(stringsOf(look).zoneUnknown.replace('{zone}', 'Atlantis'));
      await expect(page.el).to.be.accessible();
    });
  }
});

describe('forms: hostile configurations', () => {
  it('fields keyed toString and constructor render, prefill and submit; a backtracking pattern never runs in the browser', async () => {
    const configuration = await createConfiguration({
      scheduler: {
        min_booking_notice: 0,
        additional_fields: {
          toString: { label: 'Serial', type: 'text' as const, required: true, pattern: '(a+)+b', order: 1 },
          constructor: { label: 'Builder', type: 'text' as const, required: false, order: 2 },
          code: { label: 'Code', type: 'text', required: false, pattern: '[A-Z]{3}', order: 3 },
        },
      },
    });
    // 30 "a"s from the page's URL: (a+)+b against them takes a backtracking engine seconds to minutes.
    const search = location.search;
    history.replaceState(null, '', `?toString=${'a'.repeat(30)}`);
    const NativeRegExp = globalThis.RegExp;
    const compiled: string[] = [];
    globalThis.RegExp = new Proxy(NativeRegExp, {
      construct: (target, args: [string, string?]) => (compiled.push(String(args[0])), new target(...args)),
      apply: (target, _this, args: [string, string?]) => (compiled.push(String(args[0])), target(...args)),
    });
    try {
      const page = await mount({
        'configuration-id': configuration.id,
        timezone: 'UTC',
        locale: 'en-US',
        'prefill-from-url': '',
      });
      await page.slots.pickTime();
      await page.form.waitFor();
      expect(page.input('Serial').value, 'prefilled from the URL').to.equal('a'.repeat(30));
      expect(page.input('Builder').value, 'no prototype member shown as a value').to.equal('');
      await page.form.fill({ Name: 'Ada', Email: 'ada@example.org', Code: 'abc' });
      await page.form.leave('Code');
      expect(page.form.problem('Code'), 'a linear pattern is still checked on leaving the field').to.not.equal('');
      await page.form.fill({ Code: 'ABC' });
      await page.form.leave('Serial');
      let posted: BookingInput | undefined;
      page.el.addEventListener(
        'scheduler-before-book',
        (event) => (posted = (event as CustomEvent<BookingInput>).detail),
      );
      page.form.submit();
      await waitUntil(() => posted, 'the form is sent: the API (linear-time) decides the backtracking pattern');
      expect(posted!.additional_fields).to.deep.equal({ toString: 'a'.repeat(30), code: 'ABC' });
      expect(
        compiled.filter((source) => source.includes('(a+)+b')),
        'the backtracking pattern never compiled',
      ).to.deep.equal([]);
    } finally {
      globalThis.RegExp = NativeRegExp;
      history.replaceState(null, '', search || location.pathname);
    }
  });
});
