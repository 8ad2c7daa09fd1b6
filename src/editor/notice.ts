import { html, nothing } from 'lit';
import { ApiError } from '../api/errors.js';
import type { Notice } from './context.js';
import type { EditorTranslate } from './strings.js';

/** What the organizer should read about a failed call: refused access, no answer, or the API's own reason. */
export function noticeOf(t: EditorTranslate, error: unknown): Notice {
  const status = error instanceof ApiError ? error.status : 0;
  const text =
    status === 401
      ? t('unauthorized')
      : status === 0 || status >= 500
        ? t('networkError')
        : t('refused', { message: (error as Error).message });
  return { kind: 'alert', text };
}

/** News in a polite live region (always present, so screen readers hear what enters it); problems as an alert. */
export const renderNotice = (notice: Notice | null) =>
  html`<div role="status" aria-live="polite">${
    notice?.kind === 'status' ? html`<p class="notice">${notice.text}</p>` : nothing
  }</div>
    ${notice?.kind === 'alert' ? html`<p role="alert">${notice.text}</p>` : nothing}`;
