import { RE2JS } from 're2js';
import { z } from 'zod';
import type { AdditionalField } from '../../src/contract/guest.js';
import { invalidRequest } from '../domain-errors.js';
import { isIsoDate } from '../../src/contract/validators.js';

/**
 * Patterns compiled for RE2JS, a port of RE2: matching takes time linear in the value, whatever
 * the pattern (a backtracking engine takes seconds on `(a+)+$` and 28 characters). Patterns RE2
 * cannot run (backreferences, lookarounds) are refused when the configuration is written.
 */
const compiled = new Map<string, RE2JS | null>();
const COMPILED_MAX = 1000;

/** The pattern as a linear-time matcher, or null when RE2 cannot compile it. */
export function linearPattern(pattern: string): RE2JS | null {
  let matcher = compiled.get(pattern);
  if (matcher === undefined) {
    try {
      matcher = RE2JS.compile(RE2JS.translateRegExp(pattern));
    } catch {
      matcher = null;
    }
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(pattern, matcher);
  }
  return matcher;
}

const isEmail = (value: string) => z.email().safeParse(value).success;

/** Why `value` does not fit `field`, or undefined when it does. */
function problem(field: AdditionalField, value: string): string | undefined {
  switch (field.type) {
    case 'email':
      if (!isEmail(value)) return 'Invalid email address';
      break;
    case 'date':
      if (!isIsoDate(value)) return 'Expected a date like "2025-12-24"';
      break;
    case 'dropdown':
    case 'radio_button':
      if (!field.options?.includes(value)) return `Must be one of: ${(field.options ?? []).join(', ')}`;
      break;
    case 'multi_select': {
      const chosen = value.split(',');
      if (!chosen.every((option) => field.options?.includes(option)) || new Set(chosen).size < chosen.length) {
        return `Must be distinct options among: ${(field.options ?? []).join(', ')}, joined by commas`;
      }
      break;
    }
    case 'checkbox':
      if (value !== 'true' && value !== 'false') return 'Must be "true" or "false"';
      if (field.required && value !== 'true') return 'Must be checked';
      break;
  }
  // Like an HTML `pattern` attribute, the pattern must match the whole value. (A stored pattern
  // RE2 cannot compile predates that check; it lets nothing through.)
  if (field.pattern !== undefined && !linearPattern(field.pattern)?.matches(value)) {
    return `Does not match the expected format (${field.pattern})`;
  }
  return undefined;
}

/**
 * A booking's additional fields checked against the configuration's: unknown keys are refused,
 * required ones enforced, types, options and patterns applied. Returns the non-empty values.
 */
export function checkAdditionalFields(
  fields: Record<string, AdditionalField>,
  values: Record<string, string>,
): Record<string, string> {
  const unknown = Object.keys(values).filter((key) => !Object.hasOwn(fields, key));
  if (unknown.length > 0) {
    const known = Object.keys(fields).join(', ') || 'none';
    throw invalidRequest(`additional_fields.${unknown[0]}: Unknown field (this configuration has: ${known})`);
  }
  const accepted: Record<string, string> = {};
  for (const [key, field] of Object.entries(fields)) {
    // Own properties only: a field named "constructor" or "toString" must not find Object.prototype's.
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (value === undefined || value.trim() === '') {
      if (field.required) throw invalidRequest(`additional_fields.${key}: Required (${field.label})`);
      continue;
    }
    const why = problem(field, value);
    if (why) throw invalidRequest(`additional_fields.${key}: ${why}`);
    accepted[key] = value;
  }
  return accepted;
}
