/** Checking a value against a zod schema, for the HTTP layer and the domain alike. */
import type { z } from 'zod';
import { invalidRequest } from './domain-errors.js';

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );

/** `value` checked against `schema`; a 400 naming the offending fields otherwise. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.output<S> {
  const result = schema.safeParse(value, {
    error: (issue) => (issue.input === undefined ? 'Required' : undefined),
  });
  if (result.success) return result.data;
  const described = result.error.issues
    .slice(0, 3)
    .map((issue) => `${fieldPath(issue.path) || what}: ${issue.message}`);
  throw invalidRequest(described.join('; '));
}
