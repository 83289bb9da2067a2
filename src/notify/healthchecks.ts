import type { HttpClient } from '../http/client.js';
import type { NotifyConfig } from '../config/types.js';
import { originOf, type Message } from './message.js';
import type { HealthchecksNotifyOptions } from './schema.js';
import { sendRequest, type Notifier } from './notifier.js';

/** healthchecks.io logs up to 100 kB of a ping's body; a run's errors never need that much. */
const MAX_BODY_LENGTH = 10_000;

/** `https://hc-ping.com/<uuid>` + `/fail` → `https://hc-ping.com/<uuid>/fail`, keeping any query (`?create=1`). */
export function pingUrl(url: string, suffix: '' | 'start' | 'fail'): string {
  if (suffix === '') return url;
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/${suffix}`;
  return parsed.href;
}

/**
 * `type = "healthchecks"` (healthchecks.io's pinging API, or a self-hosted Healthchecks): a run
 * that failed POSTs `url/fail` with its errors as the body, any other run POSTs `url` with a
 * one-line summary; healthchecks.io shows both bodies in the check's log.
 */
export function createHealthchecksNotifier(config: NotifyConfig, http: HttpClient): Notifier {
  const options = config.options as HealthchecksNotifyOptions;
  const post = (suffix: '' | 'start' | 'fail', body: string) =>
    sendRequest(http, {
      method: 'POST',
      url: pingUrl(config.url, suffix),
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: body.slice(0, MAX_BODY_LENGTH),
    });
  const notifier: Notifier = {
    type: 'healthchecks',
    target: originOf(config.url),
    send: (message: Message) =>
      message.event === 'failure' ? post('fail', `${message.errors.join('\n')}\n`) : post('', `${message.values.message}\n`),
  };
  if (options.start) notifier.start = () => post('start', '');
  return notifier;
}
