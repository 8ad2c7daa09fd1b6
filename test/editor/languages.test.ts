// The editor in the widget's languages, against the real local API: its texts loaded for its `locale`
// (German, Arabic right to left, another language on the fly), a page's own strings over them.
import { expect, waitUntil } from '@open-wc/testing';
import { createConfiguration, uniqueEmail } from '../widget/helpers.js';
import { mountEditor, nameOf } from './helpers.js';

async function grantWithPage(): Promise<string> {
  const grant = uniqueEmail();
  await createConfiguration({ name: 'Intro call' }, grant);
  return grant;
}

describe('<scheduler-editor>: languages', () => {
  it('German: its labels, dates and weekdays; a string the page gives wins; another locale on the fly', async () => {
    const page = await mountEditor(await grantWithPage(), { locale: 'de' });
    await page.waitForText('Terminseiten');
    expect(page.text()).to.contain('Buchungen').and.contain('Neue Seite');
    expect(page.$('nav')!.getAttribute('aria-label')).to.equal('Organisator');

    page.el.localization = { newConfiguration: 'Neue Terminseite', save: 'Sichern' };
    await page.waitForText('Neue Terminseite');
    expect(page.text(), 'the strings not given stay German').to.contain('Terminseiten');

    await page.open('Intro call', 'Bearbeiten');
    expect(nameOf(page.field('title'))).to.equal('Titel des Termins');
    expect(page.$('label[for="week.1.on"], #week\\.1\\.on')!.closest('label')!.textContent!.trim()).to.equal('Montag');
    expect(page.button('Sichern'), "the page's own string").to.exist;
    expect(page.$('[part~="base"]')!.getAttribute('lang')).to.equal('de');

    page.el.setAttribute('locale', 'sv-SE');
    await waitUntil(() => nameOf(page.field('title')) === 'Händelsens titel', 'the Swedish texts replace the German');
    expect(page.button('Sichern'), "the page's own string still wins").to.exist;
  });

  it('Arabic: right to left with Arabic labels, and axe clean', async () => {
    const page = await mountEditor(await grantWithPage(), { locale: 'ar' });
    await page.waitForText('صفحات الحجز');
    expect(page.$('[part~="base"]')!.getAttribute('dir')).to.equal('rtl');
    expect(page.$('[part~="base"]')!.getAttribute('lang')).to.equal('ar');
    expect(page.text()).to.contain('الحجوزات').and.not.contain('Scheduling pages');
    await expect(page.el, 'list').to.be.accessible();

    await page.open('Intro call', 'تعديل');
    expect(nameOf(page.field('title'))).to.equal('عنوان الموعد');
    expect(page.button('حفظ')).to.exist;
    await expect(page.el, 'form').to.be.accessible();
  });

  it('a language the widget does not have (Finnish): English texts with its own dates', async () => {
    const page = await mountEditor(await grantWithPage(), { locale: 'fi' });
    await page.open('Intro call');
    expect(page.text()).to.contain('Scheduling pages');
    expect(page.$('label[for="week.1.on"], #week\\.1\\.on')!.closest('label')!.textContent!.trim()).to.equal(
      'maanantai',
    );
  });
});
