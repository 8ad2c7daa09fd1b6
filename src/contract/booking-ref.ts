/**
 * Booking refs, as the contract defines them: URL-safe base64 without padding of the 16 bytes of
 * the configuration UUID, the 16 bytes of the booking UUID, then the salt bytes. The one codec
 * the widget and the local API share (plain `atob`/`btoa`, so it runs in browsers and Node).
 */

export interface BookingRef {
  configurationId: string;
  bookingId: string;
  /** The salt bytes, URL-safe base64 without padding. */
  salt: string;
}

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const UUID_BYTES = 16;

/** A binary string (one char per byte) as URL-safe base64 without padding. */
const toBase64Url = (binary: string): string => btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** 16 bytes (a binary string) as a lowercase UUID. */
const uuidOf = (binary: string): string =>
  Array.from(binary, (c) => c.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('')
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

const uuidBytes = (uuid: string): string => {
  if (!UUID.test(uuid)) throw new Error(`not a UUID: ${uuid}`);
  return uuid.replace(/-/g, '').replace(/../g, (hex) => String.fromCharCode(parseInt(hex, 16)));
};

/**
 * Decodes a ref, raw or URL-encoded (standard base64 is tolerated too); undefined when it is not
 * a well-formed ref. ASCII whitespace inside is ignored (as `atob` does). The salt may be empty
 * (the two UUIDs alone, 32 bytes): Nylas's `<nylas-scheduling>` takes such a ref to reschedule and
 * cancel, which need no salt (confirming with it is refused by the API, as any wrong salt).
 */
export function decodeBookingRef(ref: string): BookingRef | undefined {
  let binary = '';
  try {
    binary = atob(decodeURIComponent(ref).replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    // Not URL-encoding or not base64: left empty, so refused below.
  }
  if (binary.length < 2 * UUID_BYTES) return undefined;
  return {
    configurationId: uuidOf(binary.slice(0, UUID_BYTES)),
    bookingId: uuidOf(binary.slice(UUID_BYTES, 2 * UUID_BYTES)),
    salt: toBase64Url(binary.slice(2 * UUID_BYTES)),
  };
}

export const encodeBookingRef = ({ configurationId, bookingId, salt }: BookingRef): string =>
  toBase64Url(uuidBytes(configurationId) + uuidBytes(bookingId) + atob(salt.replace(/-/g, '+').replace(/_/g, '/')));
