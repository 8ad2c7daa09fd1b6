/**
 * What the editor and Nylas stages share: headless Chromium with pages served from a folder, and
 * an in-page probe for elements whose result lives in (nested) shadow roots. Cold loads themselves
 * are widget.ts's `coldLoad` (new context, cache off, navigation start → `__benchSlotInDom` →
 * double rAF), so every stage times a load the same way.
 */
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { serveStatic } from '../test/support/static-server.mjs';
import { defer } from './cleanup.js';

export interface Site {
  url: string;
}

/** Serves each folder (with its pages) on its own loopback origin, launches Chromium, runs `use`, closes all. */
export async function withBrowserAndSites<T>(
  folders: Array<{ root: string; pages: Record<string, string> }>,
  use: (browser: Browser, sites: Site[]) => Promise<T>,
): Promise<T> {
  const closers: Array<() => Promise<void>> = [];
  try {
    const sites: Site[] = [];
    for (const folder of folders) {
      const site = await serveStatic(folder);
      closers.push(defer(() => site.close()));
      sites.push(site);
    }
    // Launched after the sites so that a signal closes it first (stops run newest first).
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    closers.push(defer(() => browser.close()));
    return await use(browser, sites);
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

/**
 * In-page code for a classic script placed before the element's module script: watches the
 * document and every shadow root attached later; after each change runs `act` (statements, e.g. a
 * click on what has appeared) and, once the expression `found` is truthy, calls widget.ts's
 * `window.__benchSlotInDom()`, which records the time and resolves after a painted frame.
 */
export function shadowProbe(found: string, act = ''): string {
  return `(() => {
  let seen = false;
  const check = () => {
    if (seen) return;
    ${act}
    if (!(${found})) return;
    seen = true;
    window.__benchSlotInDom();
  };
  const watch = (root) => new MutationObserver(check).observe(root, { childList: true, subtree: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    watch(root);
    return root;
  };
  watch(document.documentElement);
})();`;
}
