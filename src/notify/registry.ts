/**
 * Every `[[notify]]` type, registered like the providers: what the config loader needs (the
 * options schema, which tables hold secrets, what url the type can use) and what the dispatch
 * rules need, eagerly; the sending code is loaded by `load()` only when a run sends.
 */
import type * as z from 'zod/mini';
import type { NotifyConfig } from '../config/types.js';
import type { HttpClient } from '../http/client.js';
import type { Notifier } from './notifier.js';
import { healthchecksNotifySchema, notifyUrlTemplate, webhookNotifySchema } from './schema.js';

/** The types in the order `type` lists them in a config error. */
export const NOTIFY_TYPES = ['webhook', 'healthchecks'] as const;
export type NotifyType = (typeof NOTIFY_TYPES)[number];

export type NotifierFactory = (config: NotifyConfig, http: HttpClient) => Notifier;

export interface NotifierKind {
  /** The type's own keys of a `[[notify]]` table (type, url and on are in config/schema.ts). */
  optionsSchema: z.core.$ZodType<Record<string, unknown>> & Pick<z.ZodMiniType<Record<string, unknown>>, 'safeParse'>;
  /** Tables whose every value is a secret (a webhook's Authorization header …). */
  secretTables: readonly string[];
  /** Why this type cannot send to `url` (already a valid http(s) url), if it cannot. */
  urlProblem?: (url: string) => string | undefined;
  /**
   * Sends one message every run, whatever `on` says: silence is how healthchecks.io notices a
   * machine that stopped running ddns, and it de-duplicates its own alerts.
   */
  everyRun: boolean;
  load(): Promise<NotifierFactory>;
}

export const NOTIFIERS: Readonly<Record<NotifyType, NotifierKind>> = {
  webhook: {
    optionsSchema: webhookNotifySchema,
    secretTables: ['headers'],
    urlProblem: (url) => {
      const checked = notifyUrlTemplate.safeParse(url);
      return checked.success ? undefined : (checked.error.issues[0]?.message ?? 'invalid url');
    },
    everyRun: false,
    load: async () => (await import('./webhook.js')).createWebhookNotifier,
  },
  healthchecks: {
    optionsSchema: healthchecksNotifySchema,
    secretTables: [],
    everyRun: true,
    load: async () => (await import('./healthchecks.js')).createHealthchecksNotifier,
  },
};

/** The registered kind of a configured notifier (the config loader accepts no other type). */
export function notifierKind(type: string): NotifierKind | undefined {
  return Object.hasOwn(NOTIFIERS, type) ? NOTIFIERS[type as NotifyType] : undefined;
}
