import { css } from 'lit';

/**
 * The widget's design tokens (`--scheduler-*`, the same `light-dark()` defaults as
 * `src/styles/styles.ts`), so a page themes the editor and the widget with one set of properties.
 */
export const editorStyles = css`
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
  * {
    box-sizing: border-box;
  }
  .root {
    display: grid;
    gap: calc(var(--_space)*2);
    padding: calc(var(--_space)*2);
  }
  h2,
  h3,
  p,
  ul {
    margin: 0;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  nav,
  .row,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
  }
  .item {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
    justify-content: space-between;
    padding: var(--_space) 0;
    border-bottom: 1px solid var(--_border);
  }
  .muted,
  .hint {
    color: var(--_muted);
    font-size: .9em;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 44px;
    padding: 0 calc(var(--_space)*1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  button.primary,
  nav [aria-current='page'] {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  button.danger {
    color: var(--_danger);
  }
  button:disabled {
    opacity: .6;
    cursor: default;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  input,
  select,
  textarea {
    min-height: 44px;
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    max-width: 100%;
  }
  textarea {
    padding: var(--_space);
    width: 100%;
  }
  input[type='checkbox'] {
    min-height: auto;
    width: 1.2em;
    height: 1.2em;
    accent-color: var(--_accent);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field {
    display: grid;
    gap: 2px;
    align-content: start;
  }
  .check {
    display: flex;
    gap: var(--_space);
    align-items: center;
    min-height: 44px;
  }
  .error {
    color: var(--_danger);
    font-size: .9em;
  }
  [role='alert'],
  .notice {
    padding: var(--_space);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
  }
  [role='alert'] {
    color: var(--_danger);
  }
  fieldset {
    display: grid;
    gap: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space) calc(var(--_space)*1.5) calc(var(--_space)*1.5);
    margin: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .editor {
    display: grid;
    gap: calc(var(--_space)*2);
  }
  .editor-main {
    display: grid;
    gap: calc(var(--_space)*2);
    min-width: 0;
  }
  .editor form {
    display: grid;
    gap: calc(var(--_space)*2);
    min-width: 0;
  }
  @container (min-width: 900px) {
    .editor {
      grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr);
      align-items: start;
    }
    .editor aside {
      position: sticky;
      top: 0;
    }
  }
  aside {
    display: grid;
    gap: var(--_space);
  }
  .day {
    display: grid;
    grid-template-columns: 8em 6em 6em;
    gap: var(--_space);
    align-items: end;
  }
  .day input[type='text'] {
    width: 6em;
  }
  .sub {
    border-style: dashed;
  }
  .wide {
    flex-basis: 100%;
  }
`;
