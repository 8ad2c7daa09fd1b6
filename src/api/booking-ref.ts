/** What a reschedule, cancel or confirm link carries, decoded as the contract says. */
export interface BookingRef {
  configurationId: string;
  bookingId: string;
  /** URL-safe base64 without padding; empty when the ref carries none. */
  salt: string;
}

const UUID_BYTES = 16;

function uuidOf(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Decodes a ref, raw or URL-encoded; `null` when it is not a well-formed ref. */
export function decodeBookingRef(ref: string): BookingRef | null {
  let text = ref.trim();
  try {
    text = decodeURIComponent(text);
  } catch {
    return null;
  }
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (binary.length < 2 * UUID_BYTES) return null;
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return {
    configurationId: uuidOf(bytes.subarray(0, UUID_BYTES)),
    bookingId: uuidOf(bytes.subarray(UUID_BYTES, 2 * UUID_BYTES)),
    salt: toBase64Url(bytes.subarray(2 * UUID_BYTES)),
  };
}
