import { randomBytes } from 'node:crypto';

const SALT_BYTES = 12;

/** A fresh salt for a booking ref, URL-safe base64 without padding. */
export const mintSalt = (): string => randomBytes(SALT_BYTES).toString('base64url');
