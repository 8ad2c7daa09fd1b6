import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';
import type { ConfigurationInput, Configuration, Booking } from '../../src/api/wire.js';
import type { SchedulerWidget } from '../../src/scheduler-widget.js';

interface ApiAnswer<T> {
  status: number;
  body: { request_id: string; data: T; error?: { type: string; message: string } };
}

/** Calls the real local API with the API key, from the test runner's Node side (as a backend would). */
export function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  return executeServerCommand('api', { method, path, body });
}

let apiUrlCache: string | undefined;
export async function apiUrl(): Promise<string> {
  return (apiUrlCache ??= await executeServerCommand<string, undefined>('api-url'));
}

let counter = 0;
/** A fresh organizer (own grant, empty calendar) so tests never see each other's bookings. */
export function uniqueEmail(name = 'organizer'): string {
  return `${name}-${Date.now().toString(36)}-${counter++}@widget.test`;
}

/** Open every day, all day (UTC), so a test always has times whatever the date it runs. */
export const ALWAYS_OPEN = [{ days: [0, 1, 2, 3, 4, 5, 6] as const, start: '0:00', end: '24:00', timezone: 'UTC' }];

export async function createConfiguration(overrides: Partial<ConfigurationInput> = {}, organizer = uniqueEmail()): Promise<Configuration> {
  const body: ConfigurationInput = {
    participants: [
      {
        email: organizer,
        name: 'Olga Organizer',
        is_organizer: true,
        timezone: 'UTC',
        availability: { open_hours: ALWAYS_OPEN.map((h) => ({ ...h, days: [...h.days] })) },
      },
    ],
    availability: { duration_minutes: 30, availability_rules: { availability_method: 'collective' } },
    event_booking: { title: 'Test meeting', booking_type: 'booking' },
    scheduler: { min_booking_notice: 0, available_days_in_future: 30 },
    ...overrides,
  };
  const answer = await api<Configuration>('POST', `/v3/grants/${encodeURIComponent(organizer)}/scheduling/configurations`, body);
  if (answer.status >= 300) throw new Error(`configuration not created: ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

export async function createSession(configurationId: string, ttl = 10): Promise<string> {
  const answer = await api<{ session_id: string }>('POST', '/v3/scheduling/sessions', { configuration_id: configurationId, time_to_live: ttl });
  if (answer.status >= 300) throw new Error(`session not created: ${JSON.stringify(answer.body)}`);
  return answer.body.data.session_id;
}

export async function getBooking(bookingId: string): Promise<ApiAnswer<Booking>> {
  return api<Booking>('GET', `/v3/scheduling/bookings/${bookingId}`);
}

/** Reads and drives the widget's shadow DOM the way a person would see it. */
export class WidgetPage {
  constructor(readonly el: SchedulerWidget) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  $$<T extends Element = HTMLElement>(selector: string): T[] {
    return [...this.root.querySelectorAll<T>(selector)];
  }

  async waitFor<T extends Element = HTMLElement>(selector: string, timeout = 10_000): Promise<T> {
    await waitUntil(() => this.$(selector), `nothing matched ${selector}`, { timeout });
    return this.$<T>(selector)!;
  }

  async settle(): Promise<void> {
    await this.el.updateComplete;
  }

  availableDays(): HTMLButtonElement[] {
    return this.$$<HTMLButtonElement>('.day.is-available');
  }

  slots(): HTMLButtonElement[] {
    return this.$$<HTMLButtonElement>('button.slot');
  }

  async waitForSlots(): Promise<HTMLButtonElement[]> {
    await this.waitFor('button.slot');
    return this.slots();
  }

  input(label: string): HTMLInputElement {
    const labels = this.$$<HTMLLabelElement>('label');
    const match = labels.find((l) => l.textContent!.replace(/\s+/g, ' ').trim().startsWith(label));
    if (!match) throw new Error(`no field labelled ${label}; have: ${labels.map((l) => l.textContent!.trim()).join(' | ')}`);
    return this.root.getElementById(match.htmlFor) as HTMLInputElement;
  }

  async type(label: string, value: string): Promise<void> {
    const input = this.input(label);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.settle();
  }

  submitButton(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('button[type="submit"]')!;
  }

  text(): string {
    return this.root.textContent!.replace(/\s+/g, ' ');
  }
}
