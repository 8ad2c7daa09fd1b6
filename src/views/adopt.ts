import type { CSSResult } from 'lit';

/** A part's styles, added once to the element's shadow root when the part first renders there (no `<style>`: strict CSP). */
export function adoptStyles(root: HTMLElement | DocumentFragment, styles: CSSResult): void {
  const sheets = (root as ShadowRoot).adoptedStyleSheets;
  if (!sheets.includes(styles.styleSheet!)) sheets.push(styles.styleSheet!);
}
