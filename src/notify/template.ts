/**
 * The `{variable}` templates of `[[notify]]` webhooks (url and body). Rendering and escaping are
 * the shared HTTP templates', so both kinds of webhook behave the same: percent-encoded in the
 * url and in a form body, JSON-escaped in a JSON body, as written in any other body.
 */
import { HttpTemplates } from '../http-template.js';

export const NOTIFY_VARIABLES = ['event', 'name', 'type', 'provider', 'ip', 'old_ip', 'error', 'time', 'host', 'message'] as const;
export type NotifyVariable = (typeof NOTIFY_VARIABLES)[number];
export type NotifyValues = Record<NotifyVariable, string>;

const SAMPLE_VALUES = Object.fromEntries(NOTIFY_VARIABLES.map((name) => [name, 'sample'])) as NotifyValues;

export const notifyTemplates = new HttpTemplates(NOTIFY_VARIABLES, SAMPLE_VALUES);

/** Every variable, as JSON: what a webhook without `body` sends. */
export const DEFAULT_NOTIFY_BODY = notifyTemplates.everyVariableAsJson();
