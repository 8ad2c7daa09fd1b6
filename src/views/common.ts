import { html, nothing, type TemplateResult } from 'lit';
import type { TimeSlot, UiSettings } from '../contract/guest.js';
import type { StringKey, Translate } from '../i18n/index.js';
import { formatDateTimeRange, formatDuration } from '../time/index.js';
import type { ShownError, ViewContext } from './context.js';
import { safeUrl } from './safe-url.js';

/** The message of each error type the widget knows; any other says what its status means. */
const MESSAGE_BY_TYPE: Partial<Record<ShownError['type'], StringKey>> = {
  network: 'networkError',
  timeout: 'timeoutError',
  bad_response: 'badResponse',
  internal_error: 'serverError',
  invalid_session: 'sessionExpired',
  unauthorized: 'sessionExpired',
  not_found_error: 'notFound',
  rate_limit_error: 'rateLimited',
  invalid_ref: 'invalidRef',
  session_full: 'sessionFull',
  session_changed: 'sessionChanged',
  not_configured: 'notConfigured',
  invalid_api_url: 'notConfigured',
};

/** A sentence a guest understands, for any error the widget can meet. */
export function describeError(error: ShownError, t: Translate): string {
  const key = error.slotUnavailable
    ? 'slotTaken'
    : (MESSAGE_BY_TYPE[error.type] ??
      (error.status >= 500
        ? 'serverError'
        : error.type === 'invalid_request_error'
          ? 'invalidRequest'
          : 'genericError'));
  return t(key, { seconds: error.retryAfter ?? 30, message: error.message });
}

export function renderNotice(
  { t, flow }: ViewContext,
  error: ShownError | null,
  retry = () => flow.retry(),
): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div class="notice" part="error" role="alert" tabindex="-1" data-step-heading>
    <span>${describeError(error, t)}</span>
    ${error.retryable ? html`<button type="button" part="button retry-button" @click=${retry}>${t('retry')}</button>` : nothing}
  </div>`;
}

export function renderSkeleton(): TemplateResult {
  return html`<div class="skeleton" part="skeleton" aria-hidden="true"><span></span><span></span><span></span></div>`;
}

/** The event's title: Nylas's `name`, else the local API's `event_booking.title`, else the organizer. */
export const titleOf = ({ name, event_booking, organizer }: UiSettings): string =>
  name || event_booking?.title || organizer.name || organizer.email;

/**
 * Title, duration, organizer, place and (when known) time of the event. The duration is a slot's
 * length (`when`'s, else the selected day's first time): Nylas's ui-settings do not say it. While
 * rescheduling, a time other than the booked one comes after the booked one, struck: from → to.
 */
export function renderSummary(
  { state, schedule, t, locale, hourCycle }: ViewContext,
  headingLevel: 2 | 3,
  when?: { start_time?: number; end_time?: number } | null,
  extra: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  const { settings, timeZone, existing } = state;
  const { company_logo_url: logoUrl, company_name: company } = settings!.appearance ?? {};
  const { description, location } = settings!.event_booking ?? {};
  const { organizer } = settings!;
  const title = titleOf(settings!);
  type Times = Pick<TimeSlot, 'start_time' | 'end_time'>;
  const timeOf = ({ start_time, end_time }: Times) =>
    formatDateTimeRange(start_time, end_time, { locale, timeZone, hourCycle });
  const known = when?.end_time ? (when as Times) : null;
  const moved =
    known && state.mode === 'reschedule' && when !== existing && existing?.end_time ? (existing as Times) : null;
  const sample = known ?? schedule.slots[0];
  const who = organizer.name || organizer.email;
  const logo = httpUrl(logoUrl);
  // Initials of the first two words of the name (or of the email's local part).
  const initials = (organizer.name || organizer.email.split('@')[0]!)
    .split(/[\s._-]+/, 2)
    .map((word) => [...word][0])
    .join('')
    .toUpperCase();
  return html`<section class="summary" part="summary">
    <div class="brand">${logo ? html`<img class="logo" src=${logo} alt=${company || who} />` : nothing}<span class="primary" aria-hidden="true">${initials}</span></div>
    ${headingLevel === 2 ? html`<h2 tabindex="-1" data-step-heading>${title}</h2>` : html`<h3>${title}</h3>`}
    ${description ? html`<p class="muted">${description}</p>` : nothing}
    <dl>
      <dt>${t('with')}</dt>
      <dd>${who}</dd>
      ${
        sample
          ? html`<dt>${t('duration')}</dt>
            <dd>${formatDuration((sample.end_time - sample.start_time) / 60, locale)}</dd>`
          : nothing
      }
      ${
        moved
          ? html`<dt>${t('previousTime')}</dt>
            <dd><s>${timeOf(moved)}</s></dd>`
          : nothing
      }
      ${
        known
          ? html`<dt>${t('when')}</dt>
            <dd>${timeOf(known)}</dd>`
          : nothing
      }
      ${
        location
          ? html`<dt>${t('where')}</dt>
            <dd>${placeOf(location)}</dd>`
          : nothing
      }
      ${extra}
    </dl>
  </section>`;
}

/** An absolute http(s) URL, else null. */
const httpUrl = (value?: string) => (value && /^https?:\/\//i.test(value) ? safeUrl(value) : null);

/** A meeting place: an absolute http(s) URL becomes a link, anything else stays text. */
function placeOf(location: string): TemplateResult | string {
  const url = httpUrl(location);
  return url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${location}</a>` : location;
}
