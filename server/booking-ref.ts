/**
 * Booking refs, as the contract defines them: URL-safe base64 without padding of the 16 bytes of
 * the configuration UUID, the 16 bytes of the booking UUID, then the salt bytes.
 */
import { randomBytes } from 'node:crypto';

export interface BookingRef {
  configurationId: string;
  bookingId: string;
  /** The salt bytes, URL-safe base64 without padding. */
  salt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SALT_BYTES = 12;

const uuidBytes = (uuid: string): Buffer => {
  if (!UUID.test(uuid)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
};

const uuidOf = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** A fresh salt for a booking. */
export const mintSalt = (): string => randomBytes(SALT_BYTES).toString('base64url');

export const encodeBookingRef = ({ configurationId, bookingId, salt }: BookingRef): string =>
  Buffer.concat([uuidBytes(configurationId), uuidBytes(bookingId), Buffer.from(salt, 'base64url')]).toString('base64url');

/** Decodes a ref, raw or URL-encoded (also tolerating standard base64); undefined when malformed. */
export function decodeBookingRef(ref: string): BookingRef | undefined {
  let text: string;
  try {
    text = decodeURIComponent(ref.trim());
  } catch {
    return undefined;
  }
  text = text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length <= 32) return undefined;
  return {
    configurationId: uuidOf(bytes.subarray(0, 16)),
    bookingId: uuidOf(bytes.subarray(16, 32)),
    salt: bytes.subarray(32).toString('base64url'),
  };
}
