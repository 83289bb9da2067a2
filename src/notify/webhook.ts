import type { HttpClient } from '../providers/http.js';
import type { NotifyConfig } from '../config/types.js';
import { originOf, type Message } from './dispatch.js';
import type { WebhookNotifyOptions } from './schema.js';
import { DEFAULT_NOTIFY_BODY, renderNotifyBody, renderNotifyUrl } from './template.js';
import { sendRequest, type Notifier } from './notifier.js';

export interface RenderedNotification {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function headerLookup(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The request for one message: variables percent-encoded in the url, escaped for the body's content type. */
export function renderWebhook(url: string, options: WebhookNotifyOptions, message: Message): RenderedNotification {
  const headers = { ...options.headers };
  const renderedUrl = renderNotifyUrl(url, message.values);
  if (options.method === 'GET') return { url: renderedUrl, method: options.method, headers, body: undefined };
  const contentType = headerLookup(headers, 'content-type');
  const rendered = renderNotifyBody(options.body ?? DEFAULT_NOTIFY_BODY, message.values, contentType);
  if (contentType === undefined) headers['Content-Type'] = rendered.contentType;
  return { url: renderedUrl, method: options.method, headers, body: rendered.body };
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
