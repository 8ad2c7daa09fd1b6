import { css } from 'lit';

/**
 * The styles of the steps after choosing a time (the guest form, the cancel and confirm forms, the
 * outcome screens), carried by their parts rather than by the script: the first paint needs none.
 */
export const stepStyles = css`
  form,
  .field,
  fieldset {
    display: grid;
    gap: var(--_space);
    align-content: start;
  }
  form {
    gap: calc(var(--_space)*2);
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-bottom: var(--_space);
  }
  select,
  textarea {
    width: 100%;
  }
  [type='checkbox'],
  [type='radio'] {
    min-height: 0;
    min-width: 0;
    width: 1.2em;
    height: 1.2em;
    margin: 0;
    accent-color: var(--_accent);
  }
  textarea {
    min-height: 5em;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .req {
    color: var(--_danger);
  }
  .actions,
  .check {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .actions {
    justify-content: space-between;
  }
  .actions:has(a) {
    justify-content: start;
    gap: var(--_space) calc(var(--_space)*2);
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
  /* A long email address (no place to break) wraps anywhere rather than widening the card. */
  .done {
    display: grid;
    grid-template-columns: auto minmax(0,1fr);
    overflow-wrap: anywhere;
    gap: 0 calc(var(--_space)*2);
    align-items: center;
  }
  .done::before {
    content: '\\2713';
    grid-row: span 2;
    display: grid;
    place-items: center;
    width: 48px;
    height: 48px;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 1.5em;
    font-weight: 700;
  }
  .done.gone::before {
    content: '\\2715';
    background: var(--_surface);
    color: var(--_muted);
  }
  .done + .summary {
    padding: calc(var(--_space)*2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;
