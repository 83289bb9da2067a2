import type * as z from 'zod/mini';

/**
 * Reading provider answers that may be anything: a proxy's HTML page, a truncated body, an empty
 * one. Shared by the provider clients so that every provider names a bad answer the same way.
 */

/** `text` as JSON, or undefined when it is not JSON at all. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `text` as JSON of the shape `schema` describes, or undefined when it is not JSON or not of that shape. */
export function parseJsonAs<S extends z.ZodMiniType>(schema: S, text: string): z.output<S> | undefined {
  const parsed = schema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

// Worded with the other operator-facing messages; re-exported for the provider clients.
export { describeBody } from '../messages.js';
