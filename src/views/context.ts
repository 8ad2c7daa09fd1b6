import type { BookingFlow, FlowState } from '../flow/flow.js';
import type { Translate } from '../i18n/index.js';

/** What every view reads: the flow (state and transitions) and the guest's language settings. */
export interface ViewContext {
  flow: BookingFlow;
  state: FlowState;
  t: Translate;
  locale: string;
  hourCycle: 'h12' | 'h23';
}
