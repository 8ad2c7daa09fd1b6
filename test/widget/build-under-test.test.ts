import { expect } from '@open-wc/testing';
import '../../src/define.js';

// The suite runs twice (web-test-runner.config.mjs): against the sources, and with an import map
// that puts the built entry in place of src/define.js. This checks that the map took effect, so a
// "built" run can never quietly test the sources.
describe('the widget under test', () => {
  it('is the built folder when the page maps src/define.ts, else the sources', () => {
    const mapped = document.querySelector('script[type=importmap]') !== null;
    const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded.includes('/dist/scheduler-widget/scheduler-widget.js'), 'built entry loaded').to.equal(mapped);
    expect(
      loaded.some((path) => path.startsWith('/src/define')),
      'source entry loaded',
    ).to.equal(!mapped);
  });
});
