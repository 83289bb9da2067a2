import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeReply, type SeenRequest } from '../../../test/helpers/fake-server.js';
import { FakeApiError, jsonObjectOf } from '../../../test/helpers/fake-per-test.js';
import { FakeZoneStore, hostInZone, nameInZone, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A fake of netcup's CCP DNS API (WIRE.md in this folder): one POST endpoint
 * (`/run/webservice/servers/endpoint.php?JSON`), `{action, param}` bodies, the
 * `{serverrequestid, …, status, statuscode, shortmessage, longmessage, responsedata}` envelope with
 * HTTP 200 for errors too, `login` issuing session ids that every other action must carry (an
 * unknown or expired one is 4001), customernumber and apikey checked on every request,
 * `infoDnsZone` / `infoDnsRecords` (5029 for an empty zone) / `updateDnsRecords` (5028 for an
 * unknown zone; records without id are created) / `logout`.
 */
export interface FakeNetcupOptions {
  customerNumber: string;
  apiKey: string;
  apiPassword: string;
  zones: string[];
}

export interface RunningNetcupFake extends RunningFake {
  /** Forgets every session, as netcup does after a while of no use. */
  expireSessions(): void;
  /** The sessions issued so far. */
  logins(): number;
}

const ENDPOINT = '/run/webservice/servers/endpoint.php';

class NetcupError extends FakeApiError {
  constructor(
    code: number,
    readonly short: string,
    long: string,
  ) {
    super(code, long);
  }
}

const validation = (long: string) => new NetcupError(4013, 'Validation Error.', long);

function envelope(action: string, status: string, statuscode: number, shortmessage: string, longmessage: string, responsedata: unknown): FakeReply {
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body: { serverrequestid: randomBytes(14).toString('base64url'), clientrequestid: '', action, status, statuscode, shortmessage, longmessage, responsedata } };
}

export async function startFakeNetcup(options: FakeNetcupOptions): Promise<RunningNetcupFake> {
  const store = new FakeZoneStore({ zones: options.zones, idStyle: 'numeric', defaultTtl: 86_400 });
  const sessions = new Set<string>();
  let logins = 0;

  const wire = (record: FakeRecord) => ({ id: record.id, hostname: hostInZone(record.name, record.zone), type: record.type, priority: '0', destination: record.content, deleterecord: false, state: 'yes' });
  const zoneNamed = (domainname: unknown): string | undefined => {
    if (typeof domainname !== 'string' || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domainname)) throw validation('Value in field domainname does not match requirements of type: domainname. ');
    return store.zoneByName(domainname)?.name;
  };
  const destinationOf = (type: string, destination: unknown): string => {
    const valid = typeof destination === 'string' && (type === 'A' ? /^\d{1,3}(\.\d{1,3}){3}$/.test(destination) : type === 'AAAA' ? /^[0-9a-f:]+$/i.test(destination) && destination.includes(':') : destination !== '');
    if (!valid) throw validation(`Value in field destination does not match requirements of type: ${type}.`);
    return destination;
  };

  function update(zone: string, param: Record<string, unknown>): unknown {
    const set = param['dnsrecordset'];
    const records = set !== null && typeof set === 'object' && !Array.isArray(set) ? (set as Record<string, unknown>)['dnsrecords'] : undefined;
    if (!Array.isArray(records) || records.length === 0) throw validation('Value in field dnsrecordset does not match requirements of type: dnsrecordset.');
    for (const item of records as unknown[]) {
      if (item === null || typeof item !== 'object') throw validation('Value in field dnsrecord does not match requirements of type: dnsrecord.');
      const record = item as Record<string, unknown>;
      const type = typeof record['type'] === 'string' ? record['type'].toUpperCase() : '';
      const hostname = record['hostname'];
      if (typeof hostname !== 'string' || !/^(@|\*|[a-z0-9_*-]+(\.[a-z0-9_-]+)*)$/i.test(hostname)) throw validation('der Host darf nicht leer sein oder aus Sonderzeichen bestehen');
      const id = record['id'];
      if (id === undefined) {
        store.create({ zone, name: nameInZone(plainName(hostname), zone), type, content: destinationOf(type, record['destination']) });
        continue;
      }
      const existing = typeof id === 'string' ? store.record(id) : undefined;
      if (existing === undefined || existing.zone !== zone) throw new NetcupError(5028, 'Update of DNS records failed', `Can not update (all) DNS records for zone. The record ${String(id)} could not be found.`);
      if (record['deleterecord'] === true) store.remove(existing.id);
      else store.update(existing.id, { name: nameInZone(plainName(hostname), zone), type, content: destinationOf(type, record['destination']) });
    }
    return { dnsrecords: store.records({ zone }).map(wire) };
  }

  function route(action: string, param: Record<string, unknown>): FakeReply {
    if (String(param['customernumber'] ?? '') !== options.customerNumber || param['apikey'] !== options.apiKey) {
      // What netcup answers a wrong API key (WIRE.md): a rate-limit text under the validation code.
      throw validation('More than 180 requests per minute. Please wait and retry later. Please contact our customer service to find out if the limitation of requests can be increased.');
    }
    if (action === 'login') {
      if (param['apipassword'] !== options.apiPassword) throw validation('The login was not successful. Please check customer number, API key and API password.');
      const id = randomBytes(24).toString('base64url');
      sessions.add(id);
      logins += 1;
      return envelope(action, 'success', 2000, 'Login successful', 'Session has been created successful.', { apisessionid: id });
    }
    const session = param['apisessionid'];
    if (typeof session !== 'string' || !sessions.has(session)) throw new NetcupError(4001, 'Api session id in invalid format', 'The session id is not in a valid format.');
    if (action === 'logout') {
      sessions.delete(session);
      return envelope(action, 'success', 2000, 'Logout successful', 'Session has been terminated successful.', '');
    }
    if (action === 'infoDnsZone') {
      const zone = zoneNamed(param['domainname']);
      if (zone === undefined) throw new NetcupError(5029, 'Can not get DNS zone.', 'Domain not found.');
      return envelope(action, 'success', 2000, 'DNS zone found', 'DNS zone was found.', { name: zone, ttl: '86400', serial: '2026120401', refresh: '28800', retry: '7200', expire: '1209600', dnssecstatus: false });
    }
    if (action === 'infoDnsRecords') {
      const zone = zoneNamed(param['domainname']);
      const records = zone === undefined ? [] : store.records({ zone });
      if (zone === undefined || records.length === 0) {
        throw new NetcupError(5029, 'Can not get DNS records for zone.', `Can not get DNS records for zone. The zone ${String(param['domainname'])} does not contain any DNS records.`);
      }
      return envelope(action, 'success', 2000, 'DNS records found', 'DNS Records for this zone were found.', { apisessionid: session, dnsrecords: records.map(wire) });
    }
    if (action === 'updateDnsRecords') {
      const zone = zoneNamed(param['domainname']);
      if (zone === undefined) {
        throw new NetcupError(5028, 'Update of DNS records failed', `Can not update (all) DNS records for zone. The zone ${String(param['domainname'])} could not be found.`);
      }
      return envelope(action, 'success', 2000, 'DNS records successful updated', 'The given DNS records for this zone were updated.', update(zone, param));
    }
    throw validation(`Value in field action does not match requirements of type: action.`);
  }

  const server = await startFakeServer((request: SeenRequest) => {
    if (request.method !== 'POST' || request.path !== ENDPOINT || !request.query.has('JSON')) return { status: 404, headers: { 'Content-Type': 'text/html' }, body: '<h1>Not Found</h1>' };
    let action = '';
    try {
      const body = jsonObjectOf(request.body, () => validation('JSON decode failed while validating request.'));
      action = typeof body['action'] === 'string' ? body['action'] : '';
      const param = body['param'];
      if (param === null || typeof param !== 'object' || Array.isArray(param)) throw validation('Api key missing. JSON decode failed while validating request.');
      return route(action, param as Record<string, unknown>);
    } catch (error) {
      if (error instanceof NetcupError) return envelope(action, 'error', error.code, error.short, error.message, '');
      if (error instanceof FakeApiError) return envelope(action, 'error', error.code, 'Validation Error.', error.message, '');
      throw error;
    }
  });
  return {
    endpoint: server.url,
    server,
    store,
    requestCount: () => server.requests.length,
    close: () => server.close(),
    expireSessions: () => sessions.clear(),
    logins: () => logins,
  };
}
