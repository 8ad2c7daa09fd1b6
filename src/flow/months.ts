import { isAbort, type ApiError } from '../api/errors.js';
import { isGroupSlot } from '../contract/group.js';
import type { Availability, TimeSlot } from '../contract/guest.js';
import { addMonths, dayKeyOf } from '../time/index.js';
import { availabilityWindow, type AvailabilityWindow } from './requests.js';

/** One month's availability in one zone. A value: a change replaces it, nothing edits it. */
export interface MonthAvailability {
  readonly status: 'loading' | 'ready' | 'error';
  readonly byDay: ReadonlyMap<string, TimeSlot[]>;
  readonly order: string[];
  readonly error?: ApiError;
  /** The request that fills it in (settled once it is ready). */
  readonly request?: Promise<void>;
}

export type FetchMonth = (window: AvailabilityWindow) => Promise<Availability>;
export type MonthChanged = (month: string, entry: MonthAvailability) => void;

/**
 * The months fetched for one start of the flow, keyed by zone and month. Each month is asked for
 * once (concurrent asks share one request); an entry is replaced, never changed, so what a reader
 * holds stays as it was read.
 */
export class MonthCache {
  #entries = new Map<string, MonthAvailability>();
  #fetch: FetchMonth;
  #changed: MonthChanged;

  /**
   * `fetch`: one month's availability (the client, with the flow's signal).
   * `changed`: a month's entry was replaced (loading, ready or error).
   */
  constructor(fetch: FetchMonth, changed: MonthChanged) {
    this.#fetch = fetch;
    this.#changed = changed;
  }

  monthState(month: string, timeZone: string): MonthAvailability | undefined {
    return this.#entries.get(`${timeZone}|${month}`);
  }

  /** Fetches a month from `now` on, once; a failed month is asked for again. */
  loadMonth(month: string, timeZone: string, now: number): Promise<void> {
    const key = `${timeZone}|${month}`;
    const cached = this.#entries.get(key);
    if (cached && cached.status !== 'error') return cached.request!;
    const window = availabilityWindow(month, timeZone, now);
    let loading!: MonthAvailability;
    const request = (async () => {
      let next: MonthAvailability;
      try {
        // Always awaited, so `loading` below is set before this goes on.
        const availability = await (window ? this.#fetch(window) : ({ time_slots: [] } as Availability));
        const byDay = new Map<string, TimeSlot[]>();
        for (const slot of availability.time_slots ?? []) {
          // A group session without a seat left (`capacity` absent or 0 or less) is not offered.
          if (isGroupSlot(slot) && !(slot.capacity > 0)) continue;
          const day = dayKeyOf(slot.start_time, timeZone);
          const list = byDay.get(day);
          if (list) list.push(slot);
          else byDay.set(day, [slot]);
        }
        next = { ...loading, status: 'ready', byDay, order: availability.order ?? [] };
      } catch (error) {
        if (isAbort(error)) {
          if (this.#entries.get(key) === loading) this.#entries.delete(key);
          return;
        }
        next = { ...loading, status: 'error', error: error as ApiError };
      }
      if (this.#entries.get(key) !== loading) return;
      this.#entries.set(key, next);
      this.#changed(month, next);
    })();
    loading = { status: 'loading', byDay: new Map(), order: [], request };
    this.#entries.set(key, loading);
    this.#changed(month, loading);
    return request;
  }

  /** Forgets every month (a request still out for one of them changes nothing when it settles). */
  clear(): void {
    this.#entries = new Map();
  }

  /** Forgets failed months, so the next ask fetches them again. */
  forgetErrors(): void {
    for (const [key, entry] of this.#entries) if (entry.status === 'error') this.#entries.delete(key);
  }

  /**
   * The first month after `from` up to `last` with times, fetching month by month; `null` when
   * none (or one fails), `undefined` once `wanted()` says the answer is no longer needed.
   */
  async nextWithTimes(
    from: string,
    last: string,
    timeZone: string,
    now: number,
    wanted: () => boolean,
  ): Promise<string | null | undefined> {
    for (let month = addMonths(from, 1); month <= last; month = addMonths(month, 1)) {
      await this.loadMonth(month, timeZone, now);
      if (!wanted()) return undefined;
      const entry = this.monthState(month, timeZone);
      if (entry?.status === 'error') break;
      if (entry?.byDay.size) return month;
    }
    return null;
  }
}
