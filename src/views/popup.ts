import { css, html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/index.js';

/** What the popup's chrome needs from the element. */
export interface PopupHost {
  display: string;
  floatingPosition: string;
  floatingLabel: string;
  open(trigger?: HTMLElement | null): void;
  close(): void;
  renderRoot: HTMLElement | DocumentFragment;
}

/** The modal and the floating button: a part, loaded when a popup is first wanted (or shown floating). */
export const styles = css`
  dialog {
    padding: 0;
    width: min(100% - 32px,880px);
    max-width: none;
    max-height: calc(100% - 32px);
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    container-type: inline-size;
  }
  dialog::backdrop {
    background: #0009;
  }
  .frame {
    display: flex;
    flex-direction: column;
    min-height: 100%;
  }
  .close {
    align-self: end;
    margin: var(--_space) var(--_space) 0;
  }
  .floating {
    position: fixed;
    z-index: 2147483000;
    bottom: max(16px,env(safe-area-inset-bottom));
    right: max(16px,env(safe-area-inset-right));
    padding: 12px 20px;
    border-radius: 999px;
    box-shadow: 0 4px 16px #0004;
  }
  .floating[data-at^=top] {
    bottom: auto;
    top: max(16px,env(safe-area-inset-top));
  }
  .floating[data-at$=left] {
    right: auto;
    left: max(16px,env(safe-area-inset-left));
  }
  @media (max-width: 599px) {
    dialog {
      width: 100%;
      height: 100%;
      max-height: none;
      margin: 0;
      border: 0;
      border-radius: 0;
    }
    .floating {
      padding: 8px 14px;
    }
  }
`;

/**
 * The floating button (`display="floating"`) and the modal around the widget's content: a native
 * `<dialog>` (the page is inert behind it, Esc closes it), closed too by its button or a click on
 * the backdrop (the dialog itself, outside its frame).
 */
export function renderPopup(
  host: PopupHost,
  content: TemplateResult,
  t: Translate,
  label: string,
  warm: () => void,
): TemplateResult {
  return html`${
    host.display === 'floating'
      ? html`<button
          type="button"
          class="floating primary"
          part="floating-button"
          data-at=${host.floatingPosition}
          @click=${(event: Event) => host.open(event.currentTarget as HTMLElement)}
          @pointerover=${warm}
          @focus=${warm}
        >${host.floatingLabel || t('openScheduler')}</button>`
      : nothing
  }
    <dialog part="dialog" aria-label=${label} @click=${(event: Event) => event.target === event.currentTarget && host.close()}>
      <div class="frame">
        <button type="button" class="close" part="button close-button" aria-label=${t('close')} @click=${() => host.close()}>${'\u00d7'}</button>
        ${content}
      </div>
    </dialog>`;
}

/**
 * Shows the rendered modal (unless it is open): the page's scrolling is locked until it closes,
 * then given back, and focus returns to `trigger`.
 */
export function showModal(
  dialog: HTMLDialogElement,
  trigger: HTMLElement | null,
  emit: (name: 'scheduler-open' | 'scheduler-close') => void,
): void {
  if (dialog.open) return;
  dialog.showModal();
  const page = document.documentElement.style;
  const overflow = page.overflow;
  page.overflow = 'hidden';
  dialog.addEventListener(
    'close',
    () => {
      page.overflow = overflow;
      trigger?.focus();
      emit('scheduler-close');
    },
    { once: true },
  );
  emit('scheduler-open');
}
