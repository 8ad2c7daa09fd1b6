import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/editor/define.js';
import type { SchedulerEditor } from '../../src/editor/scheduler-editor.js';
import { apiUrl } from '../widget/helpers.js';

/** The local API's key: the editor's tests sign in with it on `/v3/grants/{grant_id}/…` (never a demo page). */
export const apiKey = () => executeServerCommand<string, undefined>('api-key');

/** An editor on the real local API for one grant, as a host page would put it. */
export async function mountEditor(grant: string, attributes: Record<string, string> = {}): Promise<EditorPage> {
  const el = await fixture<SchedulerEditor>(html`<scheduler-editor></scheduler-editor>`);
  const all = { 'api-url': await apiUrl(), 'access-token': await apiKey(), 'grant-id': grant, ...attributes };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  return new EditorPage(el);
}

/** The element focused inside every shadow root. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A control's accessible name as the editor gives it (aria-label, its label, or its text). */
export function nameOf(el: Element): string {
  const labelled = el.getAttribute('aria-label');
  if (labelled) return labelled;
  const labels = (el as HTMLInputElement).labels;
  const text = labels?.length ? labels[0]!.textContent! : el.textContent!;
  return text.replace(/\s+/g, ' ').trim();
}

/** Reads and drives the editor as a keyboard user would: Tab to a control by its name, then type. */
export class EditorPage {
  constructor(readonly el: SchedulerEditor) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  text(): string {
    return this.root.textContent!.replace(/\s+/g, ' ');
  }

  async waitForText(text: string | RegExp, timeout = 10_000): Promise<void> {
    await waitUntil(
      () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text())),
      `the editor never said ${text}: ${this.text().slice(0, 400)}`,
      { timeout },
    );
  }

  focused(): Element | null {
    return deepActive();
  }

  /** Presses Tab (forward) until the focused control's name matches; fails after `max` presses. */
  async tabTo(name: string | RegExp, max = 150): Promise<Element> {
    const matches = (el: Element | null) =>
      el && (typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el)));
    for (let i = 0; i < max; i++) {
      if (matches(deepActive())) return deepActive()!;
      await sendKeys({ press: 'Tab' });
    }
    throw new Error(`Tab never reached "${name}" (at "${deepActive() && nameOf(deepActive()!)}")`);
  }

  /** Replaces the focused field's text, by keyboard. */
  async typeOver(text: string): Promise<void> {
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ press: 'Backspace' });
    if (text) await sendKeys({ type: text });
    await this.el.updateComplete;
  }

  /** Types at the focus (into a field, or a select's type-ahead). */
  async type(text: string): Promise<void> {
    await sendKeys({ type: text });
    await this.el.updateComplete;
  }

  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
    await this.el.updateComplete;
  }

  /** The message under a field, read through the field's `aria-describedby`, as a screen reader would. */
  problem(id: string): string {
    const control = this.root.getElementById(id)!;
    if (control.getAttribute('aria-invalid') !== 'true') return '';
    const ids = (control.getAttribute('aria-describedby') ?? '').split(' ');
    return ids
      .map((part) => this.root.getElementById(part)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' ');
  }

  /** A button by its accessible name. */
  button(name: string): HTMLButtonElement {
    const found = [...this.root.querySelectorAll('button')].find((button) => nameOf(button) === name);
    if (!found)
      throw new Error(
        `no button "${name}"; have: ${[...this.root.querySelectorAll('button')].map(nameOf).join(' | ')}`,
      );
    return found;
  }

  async click(name: string): Promise<void> {
    this.button(name).click();
    await this.el.updateComplete;
  }

  /** A field by its id (`title`, `hosts.0.email`, …). */
  field<T extends HTMLElement = HTMLInputElement>(id: string): T {
    return this.root.getElementById(id) as T;
  }

  /** Sets a field as typing would (an `input` event). */
  async fill(id: string, value: string): Promise<void> {
    const field = this.field(id);
    field.value = value;
    field.dispatchEvent(
      new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }),
    );
    await this.el.updateComplete;
  }

  /** Opens a configuration of the list by its name, and waits for its form. */
  async open(name: string, action = 'Edit'): Promise<void> {
    await waitUntil(
      () => [...this.root.querySelectorAll('button')].some((button) => nameOf(button) === `${action}: ${name}`),
      `the list shows ${name}`,
    );
    await this.click(`${action}: ${name}`);
    await waitUntil(() => this.$('form'), 'the form opens');
  }

  /** What the editor says in its alert, or ''. */
  alert(): string {
    return this.$('[role="alert"]')?.textContent?.trim() ?? '';
  }

  /** The `<scheduler-widget>` previewing the form. */
  preview(): HTMLElement | null {
    return this.$('scheduler-widget[part~="preview"]');
  }
}
