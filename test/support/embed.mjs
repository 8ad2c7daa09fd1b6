// How a page embeds the built widget, as the README tells site owners: the folder `npm run build`
// leaves in dist/scheduler-widget/ uploaded whole, and one module script tag pointing at its entry.
// Every test and benchmark of the built files embeds it through here.
import { resolve } from 'node:path';

/** The folder a site owner uploads, relative to the repository. */
export const WIDGET_FOLDER = 'dist/scheduler-widget';

/** The script tag for the widget folder served at `folderUrl` (a path or an absolute URL, no trailing slash). */
export const widgetScriptTags = (folderUrl = `/${WIDGET_FOLDER}`) =>
  `<script type="module" src="${folderUrl}/scheduler-widget.js"></script>`;

/** The one-file classic copy, for hosts that take a single file. */
export const oneFileScriptTag = (folderUrl = `/${WIDGET_FOLDER}`) =>
  `<script src="${folderUrl}/scheduler-widget.iife.js"></script>`;

/** The name of a chunk of the widget folder a request path asks for (`details` for `…/scheduler-widget/details-AbC12.js`), else null. */
export function chunkName(path) {
  const match = /\/scheduler-widget\/([a-z-]+?)-[\w-]{8}\.js$/.exec(path);
  return match ? match[1] : null;
}

/** The folder a page's site serves so that the widget folder is at `/${WIDGET_FOLDER}`: the repository. */
export const builtRoot = resolve(import.meta.dirname, '../..');
