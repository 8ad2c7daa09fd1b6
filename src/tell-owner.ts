import type { ClientOptions } from './api/client.js';
import type { ApiError } from './api/errors.js';

/**
 * Tells the site owner in the console what went wrong and how to fix it (without `error`: that no
 * api-url was set). The explanations are a chunk of their own (src/owner.ts), loaded only then; if
 * even it is missing, the files beside the entry are.
 */
export const tellOwner = (
  error?: Pick<ApiError, 'type' | 'message' | 'status'>,
  options?: ClientOptions,
): Promise<void> =>
  import('./owner.js').then(
    (owner) => owner.tell(error, options),
    () => console.error('<scheduler-widget> upload the whole folder', error),
  );
