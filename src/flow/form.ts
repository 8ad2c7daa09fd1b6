import type { Person } from '../contract/guest.js';

/** The guest's form as the flow holds it, and what of it was filled in. */

export interface GuestForm {
  name: string;
  email: string;
  additionalGuests: Person[];
  fields: Record<string, string>;
  cancellationReason: string;
}

/** The fields the guest filled in. */
export const filled = (fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
