/**
 * The only URLs the widget turns into links or redirects: absolute http(s), or relative ones that
 * resolve to http(s) on the page. Everything else (javascript:, data:, …) stays inert text.
 */
export function safeUrl(value: string | undefined | null, base = globalThis.location?.href): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
