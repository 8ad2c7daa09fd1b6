/**
 * The built web components, served by the API itself so a self-hosted owner builds nothing: the
 * widget's folder (`dist/scheduler-widget/`) under `/scheduler-widget/…` and the editor's
 * (`dist/scheduler-editor/`, once built) under `/scheduler-editor/…`. Chunks named with a content
 * hash never change and are cached for a year; entries and language files keep their names across
 * releases and are revalidated after five minutes.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { notFound, type AppEnv } from './envelope.js';

/** The folders served: URL prefix (`/scheduler-widget`) → folder on disk. */
export type AssetFolders = Record<string, string>;

export const assetFolders = (dist: string): AssetFolders => ({
  '/scheduler-widget': resolve(dist, 'scheduler-widget'),
  '/scheduler-editor': resolve(dist, 'scheduler-editor'),
});

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Rollup's `[name]-[hash]` file names: eight URL-safe base64 characters before the extension. */
const HASHED = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+(?:\.map)?$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATED = 'public, max-age=300';

/** The file a URL path names inside `folder`, or undefined when it would leave the folder. */
function fileIn(folder: string, path: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (relative.includes('\0') || relative.split('/').some((part) => part.startsWith('.'))) return undefined;
  const file = resolve(folder, `.${relative}`);
  return file.startsWith(folder + sep) ? file : undefined;
}

export function assetRoutes(folders: AssetFolders, cors: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const [prefix, folder] of Object.entries(folders)) {
    app.use(`${prefix}/*`, cors);
    app.get(`${prefix}/*`, async (c) => {
      const file = fileIn(folder, c.req.path.slice(prefix.length));
      const found = file === undefined ? undefined : await stat(file).catch(() => undefined);
      if (file === undefined || !found?.isFile()) {
        throw notFound(`There is no ${c.req.path}; build the components with npm run build.`);
      }
      const etag = `W/"${found.size.toString(16)}-${Math.floor(found.mtimeMs).toString(16)}"`;
      const headers = {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': HASHED.test(file) ? IMMUTABLE : REVALIDATED,
        'X-Content-Type-Options': 'nosniff',
        ETag: etag,
      };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(new Uint8Array(await readFile(file)), 200, headers);
    });
  }
  return app;
}
