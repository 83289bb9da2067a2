import type { HttpClient } from '../http/client.js';
import type { WebhookRequest } from '../http-template.js';
import type { NotifyConfig } from '../config/types.js';
import { originOf, type Message } from './message.js';
import type { WebhookNotifyOptions } from './schema.js';
import { DEFAULT_NOTIFY_BODY, notifyTemplates } from './template.js';
import { sendRequest, type Notifier } from './notifier.js';

/** The request for one message: variables percent-encoded in the url, escaped for the body's content type. */
export function renderWebhook(url: string, options: WebhookNotifyOptions, message: Message): WebhookRequest<string> {
  return notifyTemplates.renderRequest({ url, method: options.method, headers: options.headers, body: options.body }, message.values, DEFAULT_NOTIFY_BODY);
}

/** `type = "webhook"`: one HTTP request per message, built from url, method, headers and body. */
export function createWebhookNotifier(config: NotifyConfig, http: HttpClient): Notifier {
  const options = config.options as WebhookNotifyOptions;
  return {
    type: 'webhook',
    target: originOf(config.url),
    send: (message) => sendRequest(http, renderWebhook(config.url, options, message)),
  };
}
