import type { ReactiveControllerHost } from 'lit';
import type { FlowState } from '../flow/state.js';
import { prefetchParts } from '../lazy/index.js';

/**
 * Focus follows the guest, as a controller: to each new step's heading (never on first load, which
 * must not pull the page's focus), and to the calendar's active day when the keyboard moved it
 * (maybe into another month). The first step shown also starts prefetching the later steps' parts.
 */
export function focusController(
  host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
  state: () => FlowState,
): void {
  let lastStep = '';
  const find = <E extends Element = HTMLElement>(selector: string) => host.renderRoot.querySelector<E>(selector);
  host.addController({
    hostUpdated() {
      const { step, outcome } = state();
      const key = `${step}:${outcome}`;
      // A step whose part is still loading is entered once the part shows (focus goes to its heading then).
      if (key !== lastStep && !(step !== 'loading' && find('[part=skeleton]'))) {
        const first = lastStep === '' || lastStep.startsWith('loading');
        if (first && step !== 'loading') prefetchParts();
        lastStep = key;
        if (!first) find('[data-step-heading]')?.focus();
      }
      const focused = (host.renderRoot as ShadowRoot).activeElement;
      if (focused?.classList.contains('day') && focused.getAttribute('tabindex') !== '0') {
        find('.day[tabindex="0"]')?.focus();
      }
    },
  });
}
