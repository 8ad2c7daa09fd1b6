import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FlowHost } from '../flow/state.js';
import type { Translate } from '../i18n/index.js';
import { getPart, loadedPart } from '../lazy/index.js';
import type { PopupHost } from '../views/popup.js';

/** Of the element, what its popup needs. */
export interface PopupElement extends ReactiveControllerHost, HTMLElement, PopupHost {}

export interface Popup {
  /** Starts the first requests, so that times are there when it opens. */
  warm(): void;
  /** Opens the modal; focus returns to `trigger` (default: what has focus) when it closes. */
  open(trigger?: HTMLElement | null): void;
  /** The slotted trigger and, once its part has loaded, the modal around `content`. */
  render(content: TemplateResult, t: Translate, label: string): TemplateResult;
}

/** Each widget's popup, for the page's `[data-scheduler-open]` triggers. */
const popups = new WeakMap<Element, Popup>();

/**
 * Any `[data-scheduler-open]` element (its value, if any, is the widget's id) opens a popup, and
 * warms it on hover or focus. One listener for the page, there from the first widget on, so that a
 * trigger used before any part has loaded is not lost.
 */
function onPageTrigger(event: Event): void {
  const trigger = (event.target as Element).closest?.<HTMLElement>('[data-scheduler-open]');
  const id = trigger?.dataset.schedulerOpen;
  const widget =
    trigger && (id ? document.getElementById(id) : document.querySelector('scheduler-widget:not([display=inline])'));
  const popup = widget && popups.get(widget);
  if (!popup || (widget as PopupElement).display === 'inline') return;
  if (event.type !== 'click') return popup.warm();
  event.preventDefault();
  popup.open(trigger);
}
let pageTriggersWired = false;

/**
 * `display="popup"` or `"floating"`, as a controller: the slotted trigger, the page's triggers, the
 * modal (a part loaded once a trigger is hovered, focused or used, or at once for a floating
 * button). `warm` starts the first requests, so that times are there when it opens.
 */
export function popupController(
  host: PopupElement,
  warm: () => void,
  wanted: () => boolean,
  emit: FlowHost['emit'],
): Popup {
  /** What had focus when the popup opened, focused again when it closes. */
  let trigger: HTMLElement | null = null;
  let opening = false;
  const popup = {
    warm,
    open(from?: HTMLElement | null) {
      warm();
      trigger = from ?? (document.activeElement as HTMLElement | null);
      opening = true;
      host.requestUpdate();
    },
    render(content: TemplateResult, t: Translate, label: string) {
      const part = (wanted() || host.display === 'floating') && getPart('popup', host);
      const open = (event: Event) => host.open((event.target as Element).closest<HTMLElement>('[slot]'));
      return html`<slot name="trigger" @click=${open} @pointerover=${warm} @focusin=${warm}></slot>
        ${part ? part.renderPopup(host, content, t, label, warm) : nothing}`;
    },
    hostConnected() {
      if (pageTriggersWired) return;
      pageTriggersWired = true;
      for (const type of ['click', 'pointerover', 'focusin']) document.addEventListener(type, onPageTrigger);
    },
    hostUpdated() {
      // Opening: the modal is shown once its part has rendered it.
      const dialog = opening && host.renderRoot.querySelector('dialog');
      if (dialog) {
        opening = false;
        loadedPart('popup')!.showModal(dialog, trigger, (name) => emit(name, null));
      }
    },
  };
  popups.set(host, popup);
  host.addController(popup);
  return popup;
}
