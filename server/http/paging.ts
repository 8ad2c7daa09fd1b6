import { invalidRequest } from './envelope.js';

export const DEFAULT_PAGE_SIZE = 50;

/** A keyset cursor: the sort key and id of the last item of the page. Opaque to clients. */
export interface Cursor {
  key: number;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(`${cursor.key}:${cursor.id}`).toString('base64url');

export function decodeCursor(token: string | undefined): Cursor | undefined {
  if (token === undefined || token === '') return undefined;
  const match = /^(-?\d{1,16}):(.{1,254})$/s.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw invalidRequest('page_token: Not a page token this API handed out');
  return { key: Number(match[1]), id: match[2]! };
}
