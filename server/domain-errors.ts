/**
 * The refusals of the domain (scheduling/, group/): what was wrong, as one of the contract's error
 * types and a message a person can act on. They carry no HTTP status: the HTTP layer
 * (http/envelope.ts) maps each type to one and answers the contract's error envelope.
 */
import type { AdminErrorType } from '../src/contract/admin.js';

export type DomainErrorType = Extract<
  AdminErrorType,
  'invalid_request_error' | 'not_found_error' | 'timeslot_not_available'
>;

export class DomainError extends Error {
  constructor(
    readonly type: DomainErrorType,
    message: string,
  ) {
    super(message);
  }
}

export const invalidRequest = (message: string) => new DomainError('invalid_request_error', message);
export const notFound = (message: string) => new DomainError('not_found_error', message);
