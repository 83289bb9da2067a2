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

/** A short, single-line description of an unexpected body for error messages: `body "…"`, `body starts "…"` or `empty body`. */
export function describeBody(text: string): string {
  const oneLine = text.trim().replace(/\s+/g, ' ');
  if (oneLine === '') return 'empty body';
  return oneLine.length > 80 ? `body starts "${oneLine.slice(0, 80)}…"` : `body "${oneLine}"`;
}
