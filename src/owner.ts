/**
 * What the site owner is told in the console about a mistake only they can fix (the attribute, file
 * or folder, and the fix), in a chunk of its own: loaded only when something is wrong, so none of
 * it weighs on the first bookable time. See docs/troubleshooting.md.
 */
import { DEFAULT_API_URL, type ClientOptions } from './api/client.js';
import type { ApiError } from './api/errors.js';

/** The folder `npm run build` leaves, to upload whole. */
export const UPLOAD_FOLDER =
  'upload the whole dist/scheduler-widget/ folder (scheduler-widget.js with its chunks and locales/ beside it), or use the one-file scheduler-widget.iife.js alone';

/** The owner's explanation of `error` (an error of a widget talking to `options`); without one, the default api-url's warning. */
export function explain(error?: Pick<ApiError, 'type' | 'message' | 'status'>, options?: ClientOptions): string {
  if (!error)
    return `no api-url: asking ${DEFAULT_API_URL} (Nylas US). Set api-url to your Scheduler API, e.g. api-url="http://localhost:8787" for the local one.`;
  const { type, message, status } = error;
  const apiUrl = options?.apiUrl;
  const [name, value] = Object.entries(options?.auth ?? {})[0] ?? [];
  const attribute = name?.replace('I', '-i');
  if (/^could not load the language file/.test(message)) {
    return `${message}: the guest sees English. Upload the locales/ folder beside scheduler-widget.js, or set locales-url to the folder that has it.`;
  }
  if (/^could not load/.test(message))
    return `${message}. The guest is told the booking service is unavailable. Fix: ${UPLOAD_FOLDER}.`;
  if (type === 'invalid_api_url') {
    return `${message}. Give the whole address: https://api.us.nylas.com (or api.eu), http://localhost:8787 for the local API, or a path on this site such as /scheduler-api.`;
  }
  if (type === 'not_configured') return `${message}: set configuration-id, session-id, or slug with client-id.`;
  if (type === 'network' || type === 'timeout') {
    return `api-url ${apiUrl} did not answer (${message}). Is the Scheduler API running there, and does it allow this page's origin (CORS)? The guest is told the booking service is unavailable.`;
  }
  if (type === 'bad_response') {
    return `api-url ${apiUrl} answered something that is not the Scheduler API (${message}). Check api-url: the API's base address, without /v3.`;
  }
  if (status === 404 && attribute) {
    return `${attribute} "${value}" is not found at ${apiUrl} (${message}). Check ${attribute}: the guest is told this booking page is not available.`;
  }
  return message;
}

/** Tells the owner in the console: a warning when the guest can still book (no api-url, a language file missing), else an error. */
export const tell = (error?: Pick<ApiError, 'type' | 'message' | 'status'>, options?: ClientOptions): void =>
  (error && !/language file/.test(error.message) ? console.error : console.warn)(
    '<scheduler-widget>',
    explain(error, options),
  );
