import { css } from 'lit';

/**
 * Design tokens are CSS custom properties read on the host, so a page themes every part by
 * setting them on `scheduler-widget` (or any ancestor). Light and dark defaults come from one
 * `light-dark()` pair each: light by default (the look of most pages; a dark box on a light site
 * is worse than a light one on a dark site), `theme="dark"` forces dark, and `theme="auto"` lets
 * the visitor's `prefers-color-scheme` decide.
 */
export const hostStyles = css`
  :host {
    color-scheme: light;
    --_accent: var(--scheduler-accent,light-dark(#2563eb,#7aa7ff));
    --_on-accent: var(--scheduler-on-accent,light-dark(#fff,#0b1220));
    --_text: var(--scheduler-text,light-dark(#1f2937,#e7eaf0));
    --_muted: var(--scheduler-muted,light-dark(#5b6472,#a9b1bf));
    --_bg: var(--scheduler-background,light-dark(#fff,#121722));
    --_surface: var(--scheduler-surface,light-dark(#eef2f8,#1f2736));
    --_border: var(--scheduler-border,light-dark(#d5dae1,#364055));
    --_danger: var(--scheduler-danger,light-dark(#b42318,#ff8a80));
    --_radius: var(--scheduler-radius,8px);
    --_space: var(--scheduler-space,8px);
    --_focus: var(--scheduler-focus-ring,0 0 0 2px var(--_bg),0 0 0 4px var(--_accent));
    display: block;
    container-type: inline-size;
    font-family: var(--scheduler-font-family,inherit);
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.45;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
`;
