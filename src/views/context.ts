import type { FlowState, ScheduleView, ViewActions } from '../flow/state.js';
import type { Translate } from '../i18n/index.js';

export type { ViewActions };

/**
 * What every view gets: the flow's state and the guest's language settings to render, and of the
 * flow only what a view may read or ask for (no client, no requests: a view cannot reach the API).
 */
export interface ViewContext {
  flow: ViewActions;
  state: FlowState;
  schedule: ScheduleView;
  t: Translate;
  locale: string;
  hourCycle: 'h12' | 'h23';
  host: ViewHost;
}

/**
 * The element a part renders in: re-rendered when the part settles, its shadow root given the part's
 * `styles` (src/lazy/).
 */
export interface PartHost extends EventTarget {
  requestUpdate(): void;
  readonly shadowRoot: ShadowRoot | null;
}

/** Of the element, what views read besides the flow (and where parts render). */
export interface ViewHost extends PartHost {
  /** `month` (a calendar beside the chosen day's times) or `week`. */
  layout: string;
  /** Settles once the render under way is in the DOM. */
  updateComplete: Promise<boolean>;
}

/** An error as a view shows it. */
export type ShownError = NonNullable<FlowState['notice']>;
