import { SchedulerWidget } from './scheduler-widget.js';
import type { SchedulerEventMap } from './events.js';

export * from './index.js';

// Registers the tag once, where there is a registry (on a server, Lit's own shim if it installed one).
if (typeof customElements !== 'undefined' && !customElements.get('scheduler-widget')) {
  customElements.define('scheduler-widget', SchedulerWidget);
}

declare global {
  interface HTMLElementTagNameMap {
    'scheduler-widget': SchedulerWidget;
  }
  interface GlobalEventHandlersEventMap extends SchedulerEventMap {}
}
