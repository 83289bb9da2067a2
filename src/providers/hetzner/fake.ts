import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeZoneStore, hostInZone, nameInZone, pageOf, recordSetContent, recordSetValues, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of the Hetzner Cloud DNS API (WIRE.md in this folder): the Bearer token checked on every
 * request, `/zones` paged by page/per_page with `meta.pagination`, RRSets by name and type (their
 * values one per line in the store), and async actions: each write answers an action `running`,
 * which reads `running` once more and then `success` (or `error`, when one was asked for).
 */
export interface FakeHetznerOptions {
  token: string;
  zones: string[];
}

export interface FakeHetzner extends RunningFake {
  /** The next write's action ends in `error` with this code and message. */
  failNextAction(code: string, message: string): void;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface FakeAction {
  id: number;
  command: string;
  reads: number;
  error: { code: string; message: string } | null;
  apply: () => void;
}

function jsonObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'json_error', 'invalid JSON in request body');
}

function pageParameter(text: string | null, fallback: number, maximum: number): number {
  const value = text === null ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1 || value > maximum) throw new ApiError(400, 'invalid_input', 'invalid input in field page/per_page');
  return value;
}

function valuesOf(records: unknown, type: string): string[] {
  if (!Array.isArray(records) || records.length === 0) throw new ApiError(400, 'invalid_input', 'invalid input in field records');
  return records.map((record: unknown) => {
    const value = record !== null && typeof record === 'object' ? (record as Record<string, unknown>).value : undefined;
    const valid = typeof value === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(value) : value.includes(':'));
    if (!valid) throw new ApiError(422, 'invalid_input', `invalid input in field records: ${String(value)} is no ${type} value`);
    return value;
  });
}

function ttlOf(ttl: unknown): number | null {
  if (ttl === undefined || ttl === null) return null;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 60 || ttl > 2_147_483_647) throw new ApiError(400, 'invalid_input', 'invalid input in field ttl');
  return ttl;
}

export async function startFakeHetzner(options: FakeHetznerOptions): Promise<FakeHetzner> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 3600 });
  const actions = new Map<number, FakeAction>();
  let nextActionId = 9001;
  let nextError: { code: string; message: string } | null = null;
  let remaining = 3600;

  const zoneOf = (idOrName: string) => {
    const zone = store.zoneById(idOrName) ?? store.zoneByName(idOrName);
    if (zone === undefined) throw new ApiError(404, 'not_found', 'zone not found');
    return zone;
  };
  const rrsetOf = (record: FakeRecord) => {
    const name = hostInZone(record.name, record.zone);
    const ttl = record.extra['ttl'] === null ? null : record.ttl;
    return { id: `${name}/${record.type}`, name, type: record.type, ttl, labels: {}, protection: { change: false }, records: recordSetValues(record).map((value) => ({ value, comment: '' })), zone: Number(store.zoneByName(record.zone)?.id) };
  };
  const actionJson = (action: FakeAction, status: string) => ({
    id: action.id,
    command: action.command,
    status,
    progress: status === 'running' ? 50 : 100,
    started: '2026-01-01T00:00:00+00:00',
    finished: status === 'running' ? null : '2026-01-01T00:00:01+00:00',
    resources: [],
    error: status === 'error' ? action.error : null,
  });
  const startAction = (command: string, apply: () => void) => {
    const action: FakeAction = { id: nextActionId++, command, reads: 0, error: nextError, apply };
    nextError = null;
    actions.set(action.id, action);
    return actionJson(action, 'running');
  };
  const readAction = (action: FakeAction) => {
    action.reads += 1;
    if (action.reads < 2) return actionJson(action, 'running');
    if (action.error !== null) return actionJson(action, 'error');
    if (action.reads === 2) action.apply();
    return actionJson(action, 'success');
  };

  function route(request: SeenRequest): FakeReply {
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new ApiError(401, 'unauthorized', 'unable to authenticate');
    if (request.method === 'GET' && request.path === '/zones') {
      const page = pageParameter(request.query.get('page'), 1, Number.MAX_SAFE_INTEGER);
      const perPage = pageParameter(request.query.get('per_page'), 25, 50);
      const { items, totalCount, totalPages } = pageOf(store.zones(), page, perPage);
      return {
        status: 200,
        body: {
          zones: items.map((zone) => ({ id: Number(zone.id), name: zone.name, mode: 'primary', status: 'ok', ttl: 3600, labels: {} })),
          meta: { pagination: { page, per_page: perPage, previous_page: page > 1 ? page - 1 : null, next_page: page < totalPages ? page + 1 : null, last_page: totalPages, total_entries: totalCount } },
        },
      };
    }
    const actionMatch = /^\/zones\/actions\/(\d+)$/.exec(request.path);
    if (request.method === 'GET' && actionMatch !== null) {
      const action = actions.get(Number(actionMatch[1]));
      if (action === undefined) throw new ApiError(404, 'not_found', 'action not found');
      return { status: 200, body: { action: readAction(action) } };
    }
    const createMatch = /^\/zones\/([^/]+)\/rrsets$/.exec(request.path);
    if (request.method === 'POST' && createMatch !== null) {
      const zone = zoneOf(decodeURIComponent(createMatch[1] ?? ''));
      const body = jsonObject(request.body);
      if (typeof body.name !== 'string' || (body.type !== 'A' && body.type !== 'AAAA')) throw new ApiError(400, 'invalid_input', 'invalid input in fields name, type');
      const name = nameInZone(body.name, zone.name);
      if (store.records({ name, type: body.type }).length > 0) throw new ApiError(409, 'uniqueness_error', 'RRSet with the same name and type already exists');
      const content = recordSetContent(valuesOf(body.records, body.type));
      const ttl = ttlOf(body.ttl);
      const created = store.create({ zone: zone.name, name, type: body.type, content, ...(ttl === null ? { extra: { ttl: null } } : { ttl }) });
      return { status: 201, body: { rrset: rrsetOf(created), action: startAction('create_rrset', () => undefined) } };
    }
    const rrsetMatch = /^\/zones\/([^/]+)\/rrsets\/([^/]+)\/([^/]+)(\/actions\/(set_records|change_ttl))?$/.exec(request.path);
    if (rrsetMatch !== null) {
      const zone = zoneOf(decodeURIComponent(rrsetMatch[1] ?? ''));
      const name = nameInZone(decodeURIComponent(rrsetMatch[2] ?? ''), zone.name);
      const type = rrsetMatch[3] ?? '';
      const [existing] = store.records({ zone: zone.name, name, type });
      if (existing === undefined) throw new ApiError(404, 'not_found', 'rrset not found');
      if (request.method === 'GET' && rrsetMatch[4] === undefined) return { status: 200, body: { rrset: rrsetOf(existing) } };
      if (request.method === 'POST' && rrsetMatch[5] === 'set_records') {
        const content = recordSetContent(valuesOf(jsonObject(request.body).records, type));
        return { status: 201, body: { action: startAction('set_records', () => store.update(existing.id, { content })) } };
      }
      if (request.method === 'POST' && rrsetMatch[5] === 'change_ttl') {
        const ttl = ttlOf(jsonObject(request.body).ttl);
        return { status: 201, body: { action: startAction('change_ttl', () => store.update(existing.id, ttl === null ? { extra: { ttl: null } } : { ttl, extra: { ttl } })) } };
      }
    }
    throw new ApiError(404, 'not_found', 'not found');
  }

  const server = await startFakeServer((request) => {
    remaining = Math.max(0, remaining - 1);
    const headers = { 'RateLimit-Limit': '3600', 'RateLimit-Remaining': String(remaining), 'RateLimit-Reset': String(Math.floor(Date.now() / 1000) + 3600 - remaining) };
    try {
      return { ...route(request), headers };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, headers, body: { error: { code: error.code, message: error.message, details: {} } } };
      throw error;
    }
  });
  return {
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    close: () => server.close(),
    failNextAction: (code, message) => {
      nextError = { code, message };
    },
  };
}
