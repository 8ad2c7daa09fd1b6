// How a page embeds the BUILT widget, in one place: the folder a test serves and the tags a page puts
// in its <head>. When the build's layout changes (the one-file script and its parts today), only this
// file changes for the tests that use it.
import { resolve } from 'node:path';

/** The folder to serve: the built files are under its `dist/`, as a site owner uploads them. */
export const builtRoot = resolve(import.meta.dirname, '../..');

/**
 * The `<script>` tags that load the built widget from `baseUrl`, the URL `builtRoot` is served at
 * ('' for the page's own origin).
 * @param {string} [baseUrl]
 */
export function widgetScriptTags(baseUrl = '') {
  return `<script src="${baseUrl}/dist/scheduler-widget.iife.js"></script>`;
}

