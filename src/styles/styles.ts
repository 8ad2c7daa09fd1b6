import { css } from 'lit';
import { hostStyles } from './host.js';

/** The widget's look: its host's design tokens (`host.ts`), then its own parts. */
export const styles = css`
  ${hostStyles}
  :host([display=popup]),
  :host([display=floating]) {
    display: contents;
  }
  * {
    box-sizing: border-box;
  }
  .root,
  .panels,
  .slots,
  .summary,
  .tz {
    display: grid;
    gap: var(--_space);
    align-content: start;
  }
  .root,
  .panels {
    gap: calc(var(--_space)*2);
  }
  .root {
    padding: calc(var(--_space)*2);
  }
  h2,
  h3,
  p,
  dd,
  dl,
  ul {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  .muted,
  dt,
  th,
  .day {
    color: var(--_muted);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space)*0.75) calc(var(--_space)*1.5);
    min-height: 44px;
    min-width: 44px;
  }
  input {
    width: 100%;
  }
  button {
    cursor: pointer;
  }
  [aria-disabled='true'],
  :disabled {
    cursor: default;
    opacity: 0.6;
  }
  .primary,
  .slot[aria-pressed='true'],
  .cal .day.is-selected {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .link {
    border: 0;
    padding: 0;
    min-height: 0;
    text-decoration: underline;
  }
  a,
  .link {
    color: var(--_accent);
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .logo {
    height: 40px;
    max-width: 10em;
    object-fit: contain;
  }
  .brand span {
    width: 40px;
    line-height: 40px;
    text-align: center;
    border-radius: 50%;
  }
  /* Text from the configuration or the guest takes its own direction (like dir=auto). */
  .summary :is(h2,h3,p,dd),
  label,
  legend,
  input,
  textarea,
  small {
    unicode-bidi: plaintext;
  }
  .summary dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: calc(var(--_space)/2) calc(var(--_space)*1.5);
  }
  dd {
    overflow-wrap: anywhere;
  }
  @container (min-width: 600px) {
    .panels {
      grid-template-columns: 1.3fr 1fr;
    }
  }
  .cal-head,
  .notice,
  .brand {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .cal-title {
    flex: 1;
    text-align: center;
    font-weight: 600;
  }
  :dir(rtl) .cal-nav span {
    display: inline-block;
    transform: scaleX(-1);
  }
  .cal-grid {
    width: 100%;
    border-spacing: calc(var(--_space)/2);
    table-layout: fixed;
  }
  th {
    font-size: 0.8em;
    font-weight: 500;
  }
  .day {
    height: 44px;
    text-align: center;
    white-space: nowrap;
    border-radius: var(--_radius);
  }
  .day.is-available:hover {
    box-shadow: inset 0 0 0 2px var(--_accent);
  }
  .day.is-available {
    background: var(--_surface);
    color: var(--_accent);
    font-weight: 700;
    cursor: pointer;
  }
  .day.is-today {
    text-decoration: underline;
  }
  .day.is-loading {
    background: var(--_surface);
  }
  ul {
    list-style: none;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5em, 1fr));
    gap: var(--_space);
    max-height: 22em;
    overflow-y: auto;
    padding: calc(var(--_space)/2);
    margin: calc(var(--_space)/-2);
  }
  .group {
    grid-template-columns: 1fr;
  }
  .slot small {
    display: block;
    font-weight: 400;
  }
  .slot {
    width: 100%;
    color: var(--_accent);
    border-color: var(--_accent);
    font-weight: 600;
  }
  .slots h3 {
    font-size: 1em;
    line-height: 44px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .slot[aria-current] {
    border-style: dashed;
  }
  .empty {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space)*2);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .field-error,
  .notice {
    color: var(--_danger);
  }
  .tz p:empty {
    margin-top: calc(var(--_space)*-1);
  }
  .notice {
    border: 1px solid;
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space)*1.5);
  }
  .skeleton span {
    display: block;
    height: 1.2em;
    margin-bottom: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .skeleton span:last-child {
    height: 12em;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton span {
      animation: pulse 1.2s infinite;
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
