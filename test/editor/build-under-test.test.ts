import { expect } from '@open-wc/testing';
import '../../src/editor/define.js';

// The editor's suite runs twice (web-test-runner.config.mjs): against the sources, and with an
// import map that puts the built entry in place of src/editor/define.ts. This checks that the map
// took effect, so an "editor-built" run can never quietly test the sources.
describe('the editor under test', () => {
  it('is the built folder when the page maps src/editor/define.ts, else the sources', () => {
    const mapped = document.querySelector('script[type=importmap]') !== null;
    const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded.includes('/dist/scheduler-editor/scheduler-editor.js'), 'built entry loaded').to.equal(mapped);
    expect(
      loaded.some((path) => path.startsWith('/src/editor/define')),
      'source entry loaded',
    ).to.equal(!mapped);
  });
});
