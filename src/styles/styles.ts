import { css } from 'lit';

/**
 * Design tokens are CSS custom properties on the host, so a page themes every part by setting
 * them on `scheduler-widget` (or any ancestor). Dark values apply with `prefers-color-scheme:
 * dark` unless `theme="light"`, and always with `theme="dark"`.
 */
export const styles = css`
  :host {
    --_accent: var(--scheduler-accent, #2563eb);
    --_on-accent: var(--scheduler-on-accent, #fff);
    --_text: var(--scheduler-text, #1f2937);
    --_muted: var(--scheduler-muted, #5b6472);
    --_bg: var(--scheduler-background, #fff);
    --_surface: var(--scheduler-surface, #f4f6f9);
    --_border: var(--scheduler-border, #d5dae1);
    --_danger: var(--scheduler-danger, #b42318);
    --_radius: var(--scheduler-radius, 8px);
    --_space: var(--scheduler-space, 8px);
    --_focus: var(--scheduler-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    display: block;
    container-type: inline-size;
    font-family: var(--scheduler-font-family, inherit);
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.45;
    min-width: 0;
    max-width: 100%;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_accent: var(--scheduler-accent, #7aa7ff);
      --_on-accent: var(--scheduler-on-accent, #0b1220);
      --_text: var(--scheduler-text, #e7eaf0);
      --_muted: var(--scheduler-muted, #a9b1bf);
      --_bg: var(--scheduler-background, #121722);
      --_surface: var(--scheduler-surface, #1c2331);
      --_border: var(--scheduler-border, #364055);
      --_danger: var(--scheduler-danger, #ff8a80);
    }
  }
  :host([theme='dark']) {
    --_accent: var(--scheduler-accent, #7aa7ff);
    --_on-accent: var(--scheduler-on-accent, #0b1220);
    --_text: var(--scheduler-text, #e7eaf0);
    --_muted: var(--scheduler-muted, #a9b1bf);
    --_bg: var(--scheduler-background, #121722);
    --_surface: var(--scheduler-surface, #1c2331);
    --_border: var(--scheduler-border, #364055);
    --_danger: var(--scheduler-danger, #ff8a80);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .root {
    padding: calc(var(--_space) * 2);
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--_muted);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    min-height: 44px;
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.55;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button.link {
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    padding: 0;
    min-height: 0;
  }
  :is(button, input, select, textarea, a, [tabindex]):focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
    box-shadow: var(--_focus);
  }
  a {
    color: var(--_accent);
  }
  .summary {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .summary dl {
    margin: 0;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
  }
  .summary dt {
    color: var(--_muted);
  }
  .summary dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .panels {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  @container (min-width: 620px) {
    .panels {
      grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr);
    }
  }
  /* calendar */
  .cal-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    margin-bottom: var(--_space);
  }
  .cal-head button {
    min-width: 44px;
    padding: 0;
  }
  .cal-title {
    font-weight: 600;
    text-align: center;
    flex: 1;
  }
  .cal-grid {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  .cal-grid th {
    font-weight: 500;
    font-size: 0.8em;
    color: var(--_muted);
    padding-bottom: calc(var(--_space) / 2);
  }
  .day {
    height: 44px;
    text-align: center;
    border-radius: 50%;
    border: 1px solid transparent;
    color: var(--_muted);
    cursor: default;
  }
  .day.is-available {
    background: var(--_surface);
    color: var(--_accent);
    font-weight: 700;
    cursor: pointer;
  }
  .day.is-today {
    border-color: var(--_border);
  }
  .day.is-selected {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .day:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .cal-nav span {
    display: inline-block;
  }
  :host(:dir(rtl)) .cal-nav span,
  .root[dir='rtl'] .cal-nav span {
    transform: scaleX(-1);
  }
  .cal-grid[aria-busy='true'] .day {
    opacity: 0.4;
  }
  /* slots */
  .slots {
    display: grid;
    gap: var(--_space);
    align-content: start;
  }
  .slot-list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5em, 1fr));
    gap: var(--_space);
    max-height: 22em;
    overflow-y: auto;
  }
  .slot {
    width: 100%;
    color: var(--_accent);
    border-color: var(--_accent);
    font-weight: 600;
  }
  .slot[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .tz {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  /* forms */
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .check {
    display: flex;
    gap: var(--_space);
    align-items: center;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    width: 100%;
    min-height: 44px;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.2em;
    height: 1.2em;
    accent-color: var(--_accent);
  }
  textarea {
    min-height: 5em;
    resize: vertical;
  }
  :is(input, select, textarea):user-invalid {
    border-color: var(--_danger);
  }
  .req {
    color: var(--_danger);
  }
  .guest-row {
    display: grid;
    grid-template-columns: 1fr 1fr auto;
    gap: var(--_space);
    align-items: end;
  }
  @container (max-width: 420px) {
    .guest-row {
      grid-template-columns: 1fr;
    }
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: space-between;
  }
  .notice {
    border: 1px solid var(--_danger);
    color: var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space) * 1.5);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
  }
  .skeleton {
    display: grid;
    gap: var(--_space);
  }
  .skeleton span {
    display: block;
    height: 1.2em;
    border-radius: var(--_radius);
    background: var(--_surface);
    animation: pulse 1.2s ease-in-out infinite;
  }
  .skeleton span:nth-child(1) {
    width: 55%;
  }
  .skeleton span:nth-child(3) {
    height: 12em;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
