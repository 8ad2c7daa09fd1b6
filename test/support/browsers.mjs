// Firefox and WebKit from Debian's packages, for the cross-browser end-to-end tests, behind one small
// interface (a Tab) so a test reads the same in both:
// - Firefox ESR (`firefox-esr`) over WebDriver BiDi, with puppeteer-core (`browser: 'firefox'`, the
//   local binary: nothing downloaded);
// - WebKit: Debian's `webkit2gtk-driver` (WebKitWebDriver) driving the MiniBrowser that ships with
//   libwebkit2gtk, over classic WebDriver with selenium-webdriver (`usingServer`: no Selenium
//   Manager, nothing downloaded), on an Xvfb display of its own.
// Elements inside the widget's shadow root are found by a script in the page (a host selector, then
// a selector in its shadow root) and then clicked and typed into by the driver, as a guest would:
// real pointer and key input, not `element.click()`.
import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

const VIEWPORT = { width: 1280, height: 900 };

function onPath(names) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

/** MiniBrowser is not on PATH: libwebkit2gtk puts it in /usr/lib/<triplet>/webkit2gtk-4.x/. */
function miniBrowserPath() {
  if (process.env.MINIBROWSER_PATH) return process.env.MINIBROWSER_PATH;
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    let entries;
    try {
      entries = readdirSync(lib);
    } catch {
      continue;
    }
    for (const dir of ['', ...entries]) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
        const candidate = join(lib, dir, api, 'MiniBrowser');
        try {
          accessSync(candidate, constants.X_OK);
          return candidate;
        } catch {
          // not here
        }
      }
    }
  }
  return null;
}

/**
 * The engines, each with what it needs from the machine; `missing` says what is not installed
 * (null when all is there).
 */
export const ENGINES = {
  firefox: {
    label: 'Firefox',
    packages: 'firefox-esr',
    missing() {
      return process.env.FIREFOX_PATH || onPath(['firefox-esr', 'firefox']) ? null : 'no Firefox (firefox-esr) found';
    },
    launch: launchFirefox,
  },
  webkit: {
    label: 'WebKit',
    packages: 'webkit2gtk-driver xvfb',
    missing() {
      const lacks = [
        !onPath(['WebKitWebDriver']) && 'WebKitWebDriver (webkit2gtk-driver)',
        !miniBrowserPath() && 'MiniBrowser (libwebkit2gtk)',
        !process.env.DISPLAY && !onPath(['Xvfb']) && 'Xvfb (xvfb)',
      ].filter(Boolean);
      return lacks.length ? `no ${lacks.join(', no ')} found` : null;
    },
    launch: launchWebKit,
  },
};

/** The page side of every look-up: the first element matching `inner` in `host`'s shadow root (or `host` itself). */
const FIND = `(host, inner, visibleOnly) => {
  const root = document.querySelector(host);
  if (!root) return null;
  if (!inner) return root;
  const all = root.shadowRoot ? [...root.shadowRoot.querySelectorAll(inner)] : [];
  return all.find((el) => !visibleOnly || el.getClientRects().length > 0) ?? null;
}`;

/** `fn` (a function, or its source) called in the page with JSON `args`, as one expression. */
const call = (fn, args) => `(${typeof fn === 'string' ? fn : fn.toString()})(...${JSON.stringify(args)})`;

/**
 * What a test does in a page, the same for both engines.
 * @typedef {object} Tab
 * @property {(url: string) => Promise<void>} goto
 * @property {<T>(fn: string | ((...args: any[]) => T), ...args: unknown[]) => Promise<T>} evaluate
 * @property {(host: string, inner?: string, options?: { timeout?: number }) => Promise<void>} click
 * @property {(host: string, inner: string, text: string) => Promise<void>} type
 * @property {(key: 'Escape') => Promise<void>} press
 * @property {() => Promise<void>} close
 */

/** Polls `check` (an async function answering a truthy value) until it answers one; throws `what` after `timeout`. */
export async function waitUntil(check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error; // a page between two documents, for one
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ------------------------------------------------------------------ Firefox over WebDriver BiDi

async function launchFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH || onPath(['firefox-esr', 'firefox']),
    headless: true,
    defaultViewport: VIEWPORT,
    protocolTimeout: 30_000,
  });
  const version = await browser.version();
  return {
    version,
    /** @returns {Promise<Tab>} */
    async newTab() {
      const page = await browser.newPage();
      const element = async (host, inner) => {
        const handle = await waitUntil(
          async () => {
            const found = await page.evaluateHandle(call(FIND, [host, inner, true]));
            const el = found.asElement();
            if (!el) await found.dispose();
            return el;
          },
          `${host} ${inner ?? ''}`,
        );
        return handle;
      };
      return {
        goto: async (url) => {
          await page.goto(url, { waitUntil: 'load' });
        },
        evaluate: (fn, ...args) => page.evaluate(call(fn, args)),
        click: async (host, inner) => {
          const el = await element(host, inner);
          await el.click();
          await el.dispose();
        },
        type: async (host, inner, text) => {
          const el = await element(host, inner);
          await el.evaluate((input) => {
            input.focus();
            input.select();
          });
          await el.type(text);
          await el.dispose();
        },
        press: (key) => page.keyboard.press(key),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

// ------------------------------------------------------------------ WebKit over classic WebDriver

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** An Xvfb on a display it picks itself (-displayfd: no guessing, no clash with other runs). */
async function startXvfb() {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start:\n${errors}`)), 15_000);
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}:\n${errors}`)));
  });
  return { display, stop: () => child.kill('SIGTERM') };
}

async function launchWebKit() {
  const { Builder, Key } = await import('selenium-webdriver');
  const xvfb = process.env.DISPLAY ? null : await startXvfb();
  const env = { ...process.env, ...(xvfb && { DISPLAY: xvfb.display }) };
  const port = await freePort();
  let log = '';
  const server = spawn(onPath(['WebKitWebDriver']), [`--port=${port}`, '--host=127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  const stop = () => {
    server.kill('SIGTERM');
    xvfb?.stop();
  };
  process.once('exit', stop);
  try {
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok,
      'WebKitWebDriver to answer',
      15_000,
    );
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowserPath(), args: ['--automation'] },
      })
      .build();
    await driver.manage().window().setRect(VIEWPORT);
    await driver.manage().setTimeouts({ script: 15_000, pageLoad: 15_000 });
    const version = (await driver.getCapabilities()).getBrowserVersion();
    const element = (host, inner) =>
      waitUntil(
        () => driver.executeScript(`return ${call(FIND, [host, inner ?? null, true])}`),
        `${host} ${inner ?? ''}`,
      );
    /** @type {Tab} */
    const tab = {
      goto: (url) => driver.get(url),
      evaluate: (fn, ...args) => driver.executeScript(`return ${call(fn, args)}`),
      click: async (host, inner) => {
        await (await element(host, inner)).click();
      },
      type: async (host, inner, text) => {
        const el = await element(host, inner);
        await driver.executeScript('arguments[0].focus(); arguments[0].select();', el);
        await el.sendKeys(text);
      },
      press: async (key) => {
        await driver.actions().sendKeys({ Escape: Key.ESCAPE }[key]).perform();
      },
      close: () => driver.get('about:blank'),
    };
    return {
      version: `MiniBrowser (WebKitGTK) ${version}`,
      /** One window per session: each tab is that window, left on a blank page when closed. */
      newTab: async () => tab,
      close: async () => {
        await driver.quit().catch(() => {});
        stop();
      },
    };
  } catch (error) {
    stop();
    throw new Error(`WebKitWebDriver: ${error.message}\n${log}`, { cause: error });
  }
}
