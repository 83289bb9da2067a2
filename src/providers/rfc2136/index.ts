import { randomInt } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import { isInsideZone } from '../../config/dns-name.js';
import type { RecordType } from '../../domain.js';
import { canonicalAddress, sameAddress } from '../address.js';
import { ProviderError } from '../../http/errors.js';
import type { Provider, ProviderContext, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec } from '../types.js';
import { formatServer, parseServer, type DnsServerAddress } from './server.js';
import { exchange } from './transport.js';
import {
  decodeSecret,
  isBase64Secret,
  signRequest,
  TSIG_ALGORITHMS,
  TSIG_ERROR,
  tsigErrorName,
  verifyResponse,
  type TsigAlgorithm,
  type TsigKey,
  type TsigRecord,
} from './tsig.js';
import {
  buildQuery,
  buildReplaceUpdate,
  decodeResponse,
  RCODE,
  rcodeName,
  WireFormatError,
  type AnswerRecord,
  type DecodedResponse,
  type QueryType,
} from './wire.js';
import { clockOffBy } from '../../messages.js';

/**
 * RFC 2136 dynamic updates signed with TSIG, for BIND, Knot, PowerDNS and other servers that
 * accept them. Every message — queries included — is signed with the configured key, and every
 * answer's TSIG is verified before it is believed. Wire facts: WIRE.md in this folder.
 */

/** TTL of a created record when the config sets none (and of an updated one that had none). */
export const DEFAULT_TTL = 300;
/** Used when the core does not pass its `settings.timeout` in the context: the same default. */
const DEFAULT_TIMEOUT_MS = 10_000;

export interface Rfc2136Settings {
  server: DnsServerAddress;
  key: TsigKey;
  timeoutMs: number;
  /** Injectable clocks and IDs for tests. */
  now?: () => number;
  nextId?: () => number;
}

type Purpose = { kind: 'query'; name: string; type: QueryType } | { kind: 'update'; name: string; type: RecordType; zone: string };

function describePurpose(purpose: Purpose): string {
  return purpose.kind === 'query' ? `query for ${purpose.name} ${purpose.type}` : `update of ${purpose.name} ${purpose.type} in zone ${purpose.zone}`;
}

function readUint48(buffer: Buffer): number {
  return buffer.readUInt16BE(0) * 2 ** 32 + buffer.readUInt32BE(2);
}

/** "the system clock is 12 minutes off (ahead of the server's 2026-…)", from a BADTIME answer. */
export function describeClockSkew(tsig: TsigRecord, ourSeconds: number): string {
  // RFC 8945 §5.2.3: the server puts its own time in Other Data (48 bits); older servers put it in Time Signed.
  const serverSeconds = tsig.otherData.length === 6 ? readUint48(tsig.otherData) : tsig.timeSigned;
  return clockOffBy((ourSeconds - serverSeconds) * 1000, 'the server', new Date(serverSeconds * 1000));
}

class DnsUpdateClient {
  private readonly now: () => number;
  private readonly nextId: () => number;

  constructor(
    private readonly settings: Rfc2136Settings,
    private readonly log: ProviderLogger,
    private readonly countRequest: () => void = () => undefined,
  ) {
    this.now = settings.now ?? Date.now;
    this.nextId = settings.nextId ?? (() => randomInt(0, 0x10000));
  }

  get serverLabel(): string {
    return formatServer(this.settings.server);
  }

  query(name: string, type: QueryType): Promise<DecodedResponse> {
    return this.send(buildQuery(this.nextId(), name, type), { kind: 'query', name, type });
  }

  update(zone: string, name: string, type: RecordType, ttl: number, address: string): Promise<DecodedResponse> {
    const message = buildReplaceUpdate({ id: this.nextId(), zone, name, type, ttl, address });
    return this.send(message, { kind: 'update', name, type, zone });
  }

  /**
   * Signs, sends, verifies the answer's TSIG and maps every failure RCODE to a ProviderError.
   * Returns only NOERROR and NXDOMAIN answers (NXDOMAIN matters to queries only).
   */
  private async send(message: Buffer, purpose: Purpose): Promise<DecodedResponse> {
    this.countRequest();
    const signedAt = Math.floor(this.now() / 1000);
    const signed = signRequest(message, this.settings.key, signedAt);
    const { response, transport } = await exchange(this.settings.server, signed.packet, {
      timeoutMs: this.settings.timeoutMs,
      debug: (line) => this.log.debug(line),
    });
    let decoded: DecodedResponse;
    let verification: ReturnType<typeof verifyResponse>;
    try {
      decoded = decodeResponse(response);
      verification = verifyResponse(response, this.settings.key, signed.mac, Math.floor(this.now() / 1000));
    } catch (error) {
      // Whatever a malformed answer makes the parsers throw (WireFormatError, a Buffer RangeError) means the same.
      const reason = error instanceof WireFormatError ? error.message : String((error as { message?: unknown }).message ?? error);
      throw new ProviderError('protocol', `DNS server ${this.serverLabel} sent an undecodable answer to the ${describePurpose(purpose)}: ${reason}`);
    }
    const { rcode } = decoded.header;
    this.log.debug(`DNS ${describePurpose(purpose)} → ${rcodeName(rcode)} over ${transport.toUpperCase()} from ${this.serverLabel} (TSIG ${verification.status})`);

    if (verification.status === 'tsig-error') throw this.tsigError(verification.tsig, signedAt, purpose);
    if (verification.status === 'invalid') {
      throw new ProviderError(
        'protocol',
        `the answer of DNS server ${this.serverLabel} to the ${describePurpose(purpose)} failed TSIG verification (${verification.reason}); ` +
          'is something between ddns and the server rewriting DNS messages?',
      );
    }
    if (rcode !== RCODE.NOERROR && rcode !== RCODE.NXDOMAIN) throw this.rcodeError(rcode, purpose);
    if (verification.status === 'unsigned') {
      // A server that processed a signed request signs its answer (RFC 8945 §5.3): an unsigned
      // success cannot be told apart from a spoofed one.
      throw new ProviderError(
        'protocol',
        `DNS server ${this.serverLabel} answered the ${describePurpose(purpose)} without a TSIG signature; the answer cannot be trusted`,
      );
    }
    return decoded;
  }

  private keyLabel(): string {
    return `"${this.settings.key.name}" (${this.settings.key.algorithm})`;
  }

  private tsigError(tsig: TsigRecord, signedAt: number, purpose: Purpose): ProviderError {
    const code = tsigErrorName(tsig.error);
    const server = this.serverLabel;
    switch (tsig.error) {
      case TSIG_ERROR.BADTIME:
        return new ProviderError(
          'clock-skew',
          `DNS server ${server} rejected the ${describePurpose(purpose)} as signed at the wrong time (BADTIME): ` +
            `${describeClockSkew(tsig, signedAt)}; TSIG allows ${tsig.fudge || 300}s — fix the system clock (NTP)`,
          { code },
        );
      case TSIG_ERROR.BADKEY:
        return new ProviderError(
          'auth',
          `the server ${server} rejected the TSIG key ${this.keyLabel()} with BADKEY: it has no key of that name and algorithm; ` +
            'check tsig_name and tsig_algorithm against its key statement',
          { code },
        );
      case TSIG_ERROR.BADSIG:
        return new ProviderError(
          'auth',
          `the server ${server} rejected the TSIG key ${this.keyLabel()} with BADSIG: the signature does not verify, so tsig_secret ` +
            "is not the server's secret for that key",
          { code },
        );
      default:
        return new ProviderError('auth', `the server ${server} rejected the TSIG key ${this.keyLabel()} with ${code}`, { code });
    }
  }

  private rcodeError(rcode: number, purpose: Purpose): ProviderError {
    const code = rcodeName(rcode);
    const server = this.serverLabel;
    const what = describePurpose(purpose);
    const zoneHint = purpose.kind === 'update' ? `zone ${purpose.zone}` : `a zone containing ${purpose.name}`;
    switch (rcode) {
      case RCODE.NOTAUTH:
        return new ProviderError(
          'auth',
          `the server ${server} rejected the TSIG key ${this.keyLabel()} or is not authoritative for ${zoneHint} (NOTAUTH on the ${what}); ` +
            'check the key and that server is the primary of the zone',
          { code },
        );
      case RCODE.REFUSED:
        if (purpose.kind === 'update') {
          return new ProviderError(
            'auth',
            `DNS server ${server} refused the ${what} (REFUSED): its update-policy (or allow-update) does not allow key ` +
              `${this.keyLabel()} to change ${purpose.name} ${purpose.type}, or it does not serve zone ${purpose.zone}`,
            { code },
          );
        }
        return new ProviderError(
          'config',
          `DNS server ${server} refused the ${what} (REFUSED): it does not serve ${zoneHint}, or its allow-query excludes this host; ` +
            'check server (the zone\'s primary) or set zone = "…" in the [[record]]',
          { code },
        );
      case RCODE.NOTZONE:
        return new ProviderError('config', `${purpose.name} is not inside ${zoneHint} (NOTZONE from ${server}); check zone in the [[record]]`, { code });
      case RCODE.SERVFAIL:
        return new ProviderError('transient', `DNS server ${server} failed to process the ${what} (SERVFAIL); see its log (zone not loaded, journal not writable …)`, { code });
      case RCODE.NOTIMP:
        return new ProviderError('config', `DNS server ${server} does not implement the ${what} (NOTIMP): does it accept dynamic updates?`, { code });
      default:
        return new ProviderError('protocol', `DNS server ${server} answered the ${what} with ${code}`, { code });
    }
  }
}

/** Numeric address order (81.2.69.2 before 81.2.69.10). */
function byAddress(a: AnswerRecord, b: AnswerRecord): number {
  const bytesOf = (record: AnswerRecord) => (ipaddr.isValid(record.data) ? ipaddr.parse(record.data).toByteArray() : []);
  const [left, right] = [bytesOf(a), bytesOf(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? -1) - (right[i] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Records of `name` in the answer section, owner compared case-insensitively. */
function ownedBy(records: readonly AnswerRecord[], name: string): AnswerRecord[] {
  return records.filter((record) => record.name === name);
}

class Rfc2136Provider implements Provider {
  /**
   * Zone of each record name, found once per run: from the answer to the record's own query when
   * it names the zone, else by an SOA query. Failed lookups are dropped so a retry asks again.
   */
  private readonly zones = new Map<string, Promise<string>>();

  constructor(
    private readonly client: DnsUpdateClient,
    private readonly log: ProviderLogger,
  ) {}

  async find(spec: RecordSpec): Promise<ProviderRecord | undefined> {
    const response = await this.client.query(spec.name, spec.type);
    this.requireAuthoritative(response, `${spec.name} ${spec.type}`);
    const owned = ownedBy(response.answers, spec.name);
    const cname = owned.find((record) => record.type === 'CNAME');
    if (cname === undefined) this.noteZone(spec.name, response);
    if (response.header.rcode === RCODE.NXDOMAIN) return undefined;
    if (cname !== undefined) {
      // RFC 2136 §3.4.2.2: the server silently ignores an A/AAAA added beside a CNAME.
      throw new ProviderError(
        'conflict',
        `${spec.name} is a CNAME (to ${cname.data}) on ${this.client.serverLabel}; an ${spec.type} record cannot be added beside it — remove the CNAME or use another name`,
      );
    }
    // Sorted: servers rotate the order of an RRset between answers (BIND's rrset-order cyclic).
    const addresses = owned.filter((record) => record.type === spec.type).sort(byAddress);
    const [first] = addresses;
    if (first === undefined) return undefined;
    if (addresses.length > 1) {
      this.log.warn(
        `${spec.name} holds ${addresses.length} ${spec.type} records (${addresses.map((record) => record.data).join(', ')}); ` +
          'the next update replaces them with the one detected address',
      );
    }
    // Several addresses are reported together so that the core sees a difference and the
    // delete-then-add update leaves exactly one.
    return {
      id: `${spec.name}/${spec.type}`,
      name: spec.name,
      type: spec.type,
      content: addresses.map((record) => canonicalAddress(record.data)).join(', '),
      ttl: first.ttl,
    };
  }

  create(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    return this.replace(spec, ip, spec.ttl ?? DEFAULT_TTL);
  }

  update(spec: RecordSpec, existing: ProviderRecord, ip: string): Promise<ProviderRecord> {
    // Delete-then-add rewrites the TTL too: keep the record's own when the config sets none.
    return this.replace(spec, ip, spec.ttl ?? existing.ttl ?? DEFAULT_TTL);
  }

  /**
   * Sends the delete-then-add UPDATE, then reads the record back. NOERROR alone is not trusted:
   * a server ignores adds it considers no-ops or conflicting (a CNAME created meanwhile) and
   * still answers NOERROR, and the state may only record what the server really holds.
   */
  private async replace(spec: RecordSpec, ip: string, ttl: number): Promise<ProviderRecord> {
    const zone = await this.zoneOf(spec);
    await this.client.update(zone, spec.name, spec.type, ttl, ip);
    const stored = await this.find(spec);
    if (stored === undefined || !sameAddress(stored.content, ip)) {
      throw new ProviderError(
        'protocol',
        `DNS server ${this.client.serverLabel} answered NOERROR to the update of ${spec.name} ${spec.type}, ` +
          `but then answered ${stored === undefined ? 'no record' : stored.content} instead of ${ip}; is server the zone's primary?`,
      );
    }
    return stored;
  }

  /**
   * An authoritative answer names the zone it comes from: the SOA in the authority section of a
   * negative answer, the zone's NS records there beside a positive one (BIND sends them to
   * non-recursive queries like ours). Kept, it spares the SOA query that would find it again
   * before the update: a changed record costs its read, its update and its read-back, nothing
   * more. Not used after a CNAME, whose answer may come from the target's zone.
   */
  private noteZone(name: string, response: DecodedResponse): void {
    if (this.zones.has(name)) return;
    const apex =
      response.authorities.find((record) => record.type === 'SOA' && isInsideZone(name, record.name)) ??
      response.authorities.find((record) => record.type === 'NS' && isInsideZone(name, record.name));
    if (apex === undefined) return;
    this.log.debug(`DNS: ${name} is in zone ${apex.name} (from the ${apex.type} beside the answer)`);
    this.zones.set(name, Promise.resolve(apex.name));
  }

  private zoneOf(spec: RecordSpec): Promise<string> {
    if (spec.zone !== undefined) return Promise.resolve(spec.zone.toLowerCase().replace(/\.$/, ''));
    const cached = this.zones.get(spec.name);
    if (cached !== undefined) return cached;
    const lookup = this.discoverZone(spec.name);
    this.zones.set(spec.name, lookup);
    lookup.catch(() => this.zones.delete(spec.name));
    return lookup;
  }

  /**
   * The zone is the owner of the SOA record the authoritative server returns for an SOA query of
   * the name: in the answer section when the name is the apex, else in the authority section
   * (NODATA or NXDOMAIN). One query, and the same way `nsupdate` finds the zone.
   */
  private async discoverZone(name: string): Promise<string> {
    const response = await this.client.query(name, 'SOA');
    this.requireAuthoritative(response, `${name} SOA`);
    const soa = [...response.answers, ...response.authorities].find((record) => record.type === 'SOA' && isInsideZone(name, record.name));
    if (soa !== undefined) {
      this.log.debug(`DNS: ${name} is in zone ${soa.name}`);
      return soa.name;
    }
    const delegation = response.authorities.filter((record) => record.type === 'NS');
    if (delegation.length > 0) {
      throw new ProviderError(
        'config',
        `${name} is delegated to other name servers (${delegation.map((record) => record.data).join(', ')}) by ${this.client.serverLabel}; ` +
          "send the updates to the delegated zone's primary",
      );
    }
    throw new ProviderError(
      'protocol',
      `DNS server ${this.client.serverLabel} answered the SOA query for ${name} without naming its zone; set zone = "…" in the [[record]]`,
    );
  }

  /** Only the zone's own server knows the record: a resolver's cached answer is not the record. */
  private requireAuthoritative(response: DecodedResponse, what: string): void {
    if (!response.header.authoritative) {
      throw new ProviderError(
        'config',
        `DNS server ${this.client.serverLabel} is not authoritative for ${what} (its answer lacks the AA flag); server must be the zone's primary, not a resolver`,
      );
    }
  }
}

function timeoutOf(context: ProviderContext): number {
  // The core may pass its settings.timeout along; use it when it does.
  if ('timeoutMs' in context && typeof context.timeoutMs === 'number' && context.timeoutMs > 0) return context.timeoutMs;
  return DEFAULT_TIMEOUT_MS;
}

function isTsigAlgorithm(value: unknown): value is TsigAlgorithm {
  return typeof value === 'string' && Object.hasOwn(TSIG_ALGORITHMS, value);
}

/** Settings from validated `[[provider]]` options; throws ProviderError('config') for anything unusable. */
export function rfc2136Settings(options: Record<string, unknown>, timeoutMs: number): Rfc2136Settings {
  const serverText = options['server'];
  const parsed = typeof serverText === 'string' ? parseServer(serverText) : undefined;
  if (parsed === undefined || !parsed.ok) throw new ProviderError('config', `rfc2136: server ${parsed?.reason ?? 'is missing'}`);
  const name = options['tsig_name'];
  if (typeof name !== 'string' || name === '') throw new ProviderError('config', 'rfc2136: tsig_name is missing');
  const algorithm = options['tsig_algorithm'] ?? 'hmac-sha256';
  if (!isTsigAlgorithm(algorithm)) throw new ProviderError('config', `rfc2136: tsig_algorithm must be one of ${Object.keys(TSIG_ALGORITHMS).join(', ')}`);
  const secret = options['tsig_secret'];
  if (typeof secret !== 'string' || !isBase64Secret(secret)) throw new ProviderError('config', 'rfc2136: tsig_secret is missing or not base64');
  return { server: parsed.server, key: { name, algorithm, secret: decodeSecret(secret) }, timeoutMs };
}

export function createRfc2136ProviderWith(settings: Rfc2136Settings, log: ProviderLogger, countRequest?: () => void): Provider {
  return new Rfc2136Provider(new DnsUpdateClient(settings, log, countRequest), log);
}

export const createRfc2136Provider: ProviderFactory = (options, context) => {
  if (context.endpoint !== undefined) context.log.warn('rfc2136 does not use endpoint (an HTTP URL); it sends to server');
  return createRfc2136ProviderWith(rfc2136Settings(options, timeoutOf(context)), context.log, context.countRequest);
};
