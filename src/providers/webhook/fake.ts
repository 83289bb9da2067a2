import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';
import { startFakeServer, type FakeReply, type FakeServer, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A receiving HTTP API for the webhook provider: what a user's own service behind a webhook does
 * (WIRE.md in this folder). It listens on one path (its secret part included), demands an
 * Authorization header if told to, reads the record's name, type and address from the query or
 * from a JSON or form body, under field names of its own, and keeps them in the shared
 * FakeZoneStore; it answers 200 with the record as JSON. A request it cannot read gets the 4xx a
 * real API would send. No jest imports: usable from tests and demo scripts alike.
 */

export type WebhookField = 'name' | 'type' | 'ip';

export interface FakeWebhookOptions {
  /** The one path the receiver serves, e.g. "/hooks/k-7f3e9b21"; any other path is 404. */
  path: string;
  /** The Authorization header value it demands; absent: none. */
  authorization?: string;
  /** Zones whose names it holds records for; a name outside them is 404. */
  zones: string[];
  /** Names of the query parameters or body fields carrying each value (default: name, type, ip). */
  fields?: Partial<Record<WebhookField, string>>;
}

export interface FakeWebhook extends RunningFake {
  url: string;
  server: FakeServer;
  /** Requests to the hook's path. */
  hooks(): SeenRequest[];
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT']);

function json(status: number, body: object): FakeReply {
  return { status, body };
}

class Refused extends Error {
  constructor(readonly reply: FakeReply) {
    super(JSON.stringify(reply.body));
  }
}

const refuse = (status: number, error: string) => new Refused(json(status, { error }));

/** The body's fields, by its Content-Type: a JSON object's strings, or a form's pairs; none for other bodies. */
function bodyFields(request: SeenRequest): Map<string, string> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (request.body === '' || request.method === 'GET') return new Map();
  if (mediaType === 'application/x-www-form-urlencoded') return new Map(new URLSearchParams(request.body));
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    throw refuse(400, 'the body is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw refuse(400, 'the body is not a JSON object');
  return new Map(Object.entries(parsed).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value] as const] : [])));
}

export async function startFakeWebhook(options: FakeWebhookOptions): Promise<FakeWebhook> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'uuid' });
  const fieldName = (field: WebhookField) => options.fields?.[field] ?? field;

  function handle(request: SeenRequest): FakeReply {
    if (request.path !== options.path) return json(404, { error: 'no such hook' });
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) return json(401, { error: 'unauthorized' });
    if (!METHODS.has(request.method)) return json(405, { error: 'method not allowed' });
    const fields = bodyFields(request);
    const value = (field: WebhookField) => fields.get(fieldName(field)) ?? request.query.get(fieldName(field)) ?? undefined;
    const name = value('name')?.toLowerCase().replace(/\.$/, '');
    const ip = value('ip');
    if (name === undefined || name === '') throw refuse(400, `${fieldName('name')} is missing`);
    if (ip === undefined || !(isIPv4(ip) || isIPv6(ip))) throw refuse(400, `${fieldName('ip')} is not an IP address`);
    const family = isIPv4(ip) ? 'A' : 'AAAA';
    const type = value('type') ?? family;
    if (type !== family) throw refuse(400, `${fieldName('ip')} is not an address of type ${type}`);
    if (store.zoneOf(name) === undefined) throw refuse(404, `no zone holds ${name}`);
    const content = family === 'A' ? ip : ipaddr.IPv6.parse(ip).toString();
    store.set(name, type, content);
    return json(200, { name, type, content });
  }

  const server = await startFakeServer((request) => {
    try {
      return handle(request);
    } catch (error) {
      if (error instanceof Refused) return error.reply;
      throw error;
    }
  });
  return {
    url: server.url,
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    hooks: () => server.requests.filter((request) => request.path === options.path),
    close: () => server.close(),
  };
}
