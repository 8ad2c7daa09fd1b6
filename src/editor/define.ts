import { SchedulerEditor } from './scheduler-editor.js';

export { SchedulerEditor };
export type { EditorRequest } from './admin.js';
export type { EditorStrings } from './strings.js';

// Registers the tag once, where there is a registry.
if (typeof customElements !== 'undefined' && !customElements.get('scheduler-editor')) {
  customElements.define('scheduler-editor', SchedulerEditor);
}

declare global {
  interface HTMLElementTagNameMap {
    'scheduler-editor': SchedulerEditor;
  }
}
