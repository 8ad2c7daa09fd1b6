import { SchedulerWidget } from './scheduler-widget.js';
import type { SchedulerEventMap } from './events.js';

export * from './index.js';

// Registers the tag once, and only where there is a DOM (importing on a server must not throw).
if (typeof customElements !== 'undefined' && !customElements.get('scheduler-widget')) {
  customElements.define('scheduler-widget', SchedulerWidget);
}

declare global {
  interface HTMLElementTagNameMap {
    'scheduler-widget': SchedulerWidget;
  }
  interface GlobalEventHandlersEventMap extends SchedulerEventMap {}
}
