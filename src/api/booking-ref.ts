/** What a reschedule, cancel or confirm link carries, decoded as the contract says. */
export interface BookingRef {
  configurationId: string;
  bookingId: string;
  /** URL-safe base64 without padding; empty when the ref carries none. */
  salt: string;
}

const UUID_BYTES = 16;

/** 16 bytes (a binary string, as `atob` gives) as a lowercase UUID. */
const uuidOf = (binary: string): string =>
  Array.from(binary, (c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('')
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

/** Decodes a ref, raw or URL-encoded; `null` when it is not a well-formed ref. */
export function decodeBookingRef(ref: string): BookingRef | null {
  let text = ref.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    return null;
  }
  if (!/^[\w-]+$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (binary.length < 2 * UUID_BYTES) return null;
  return {
    configurationId: uuidOf(binary.slice(0, UUID_BYTES)),
    bookingId: uuidOf(binary.slice(UUID_BYTES, 2 * UUID_BYTES)),
    salt: btoa(binary.slice(2 * UUID_BYTES)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  };
}
