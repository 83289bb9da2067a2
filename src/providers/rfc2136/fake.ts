import { createHmac, timingSafeEqual } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { FakeZoneStore, plainName, type FakeRecord } from '../../../test/helpers/fake-zone-store.js';
import type { RunningFake } from '../../../test/helpers/provider-kit.js';

/**
 * A small authoritative DNS server on 127.0.0.1 (UDP and TCP on one random port) over the shared
 * FakeZoneStore, speaking what WIRE.md in this folder describes: it answers queries from the store
 * (A, AAAA, CNAME, and the SOA and NS it makes up for each zone apex), applies UPDATE messages as
 * RFC 2136 §3 says (zone section, prerequisites, prescan, then the update section atomically) and
 * verifies TSIG (RFC 8945) before anything else. Everything here — the message parser, the answer
 * encoder and the TSIG MAC — is written anew from the RFCs and shares no code with the client, so
 * that a mistake in the client's wire code cannot be mirrored by the fake. No jest imports.
 *
 * `script` lets a test answer a message its own way (a REFUSED update, a truncated UDP answer,
 * silence, a bad MAC) after the TSIG check; answering undefined leaves the message to the server.
 */

export type FakeTsigAlgorithm = 'hmac-md5' | 'hmac-sha1' | 'hmac-sha224' | 'hmac-sha256' | 'hmac-sha384' | 'hmac-sha512';

export interface FakeTsigKey {
  name: string;
  algorithm: FakeTsigAlgorithm;
  /** Base64, as in BIND's `secret "…";`. */
  secret: string;
}

/** A resource record of a scripted answer. `data`: the address, the target name, or (SOA) the primary's name. */
export interface FakeDnsRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'SOA';
  ttl: number;
  data: string;
}

/** How a scripted answer is signed: properly, not at all, with a corrupted MAC, or as a TSIG error. */
export type FakeSigning = 'ok' | 'none' | 'bad-mac' | { error: number; otherData?: Buffer; timeSigned?: number };

export interface FakeDnsReply {
  rcode?: number;
  /** The AA flag; set unless false. */
  authoritative?: boolean;
  truncated?: boolean;
  answers?: FakeDnsRecord[];
  authorities?: FakeDnsRecord[];
  signing?: FakeSigning;
  /** Send nothing (a lost datagram). */
  silent?: boolean;
  /** Send these bytes instead of a well-formed answer. */
  raw?: (message: SeenDnsMessage) => Buffer;
}

export interface SeenDnsMessage {
  raw: Buffer;
  via: 'udp' | 'tcp';
  id: number;
  opcode: number;
  /** Name and numeric type of the first question (of an UPDATE: its zone). */
  qname: string;
  qtype: string;
}

export interface FakeRfc2136Options {
  zones: readonly string[];
  keys: readonly FakeTsigKey[];
  /** The update-policy: may `key` change `name`'s `type` RRset? Absent: any name of its zone. */
  mayUpdate?: (key: string, name: string, type: string) => boolean;
  /**
   * Whether answers to A/AAAA queries name their zone in the authority section (the SOA beside a
   * negative answer, the NS beside a positive one), as BIND does; false: only SOA queries do.
   */
  zoneHints?: boolean;
  /** The server's clock in ms (TSIG time checks and the time it signs with). */
  now?: () => number;
}

export interface FakeRfc2136 extends RunningFake {
  port: number;
  /** Every message received, in order. */
  seen: SeenDnsMessage[];
  script: (message: SeenDnsMessage) => FakeDnsReply | undefined;
  zoneHints: boolean;
}

/** Restated from RFC 1035 and RFC 2136 §2.2, not imported from wire.ts: the fake shares nothing with the client. */
export const FAKE_RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
} as const;
export const FAKE_TSIG_ERROR = { BADSIG: 16, BADKEY: 17, BADTIME: 18 } as const;

const TYPE_CODES = { A: 1, NS: 2, CNAME: 5, SOA: 6, AAAA: 28 } as const;
const TSIG_TYPE = 250;
/** QTYPEs that are not RRset types (RFC 1035 §3.2.3, RFC 2136 §3.4.1.3). */
const META_TYPES = new Set([251, 252, 253, 254]);
const ANY = 255;
const CLASS_IN = 1;
const CLASS_NONE = 254;
const CLASS_ANY = 255;
const OPCODE_QUERY = 0;
const OPCODE_UPDATE = 5;
const FUDGE = 300;
const UDP_LIMIT = 512;
/** What the fake stores: the types an UPDATE may add. */
const STORABLE = new Set(['A', 'AAAA', 'CNAME']);

const HASHES: Record<string, string> = {
  'hmac-md5.sig-alg.reg.int': 'md5',
  'hmac-sha1': 'sha1',
  'hmac-sha224': 'sha224',
  'hmac-sha256': 'sha256',
  'hmac-sha384': 'sha384',
  'hmac-sha512': 'sha512',
};
const WIRE_ALGORITHM: Record<FakeTsigAlgorithm, string> = {
  'hmac-md5': 'hmac-md5.sig-alg.reg.int',
  'hmac-sha1': 'hmac-sha1',
  'hmac-sha224': 'hmac-sha224',
  'hmac-sha256': 'hmac-sha256',
  'hmac-sha384': 'hmac-sha384',
  'hmac-sha512': 'hmac-sha512',
};

function typeName(code: number): string {
  return Object.entries(TYPE_CODES).find(([, value]) => value === code)?.[0] ?? `TYPE${code}`;
}

class MalformedMessage extends Error {}

/** A resource record as read from a message. */
interface ParsedRecord {
  name: string;
  type: number;
  klass: number;
  ttl: number;
  rdata: Buffer;
  /** Where its RDATA starts in the message (names inside it may point back into the message). */
  rdataOffset: number;
  /** Where the record starts. */
  start: number;
}

interface ParsedMessage {
  id: number;
  flags: number;
  question: { name: string; type: number; klass: number; bytes: Buffer } | undefined;
  /** Answer / prerequisite, authority / update and additional sections. */
  sections: [ParsedRecord[], ParsedRecord[], ParsedRecord[]];
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let position = offset;
  let end: number | undefined;
  for (let jumps = 0; ; ) {
    const length = message[position];
    if (length === undefined) throw new MalformedMessage('name past the end');
    if (length === 0) return { name: labels.join('.').toLowerCase(), end: end ?? position + 1 };
    if ((length & 0xc0) === 0xc0) {
      if (position + 1 >= message.length || ++jumps > 32) throw new MalformedMessage('bad compression pointer');
      end ??= position + 2;
      position = message.readUInt16BE(position) & 0x3fff;
      continue;
    }
    if ((length & 0xc0) !== 0 || position + 1 + length > message.length) throw new MalformedMessage('bad label');
    labels.push(message.toString('latin1', position + 1, position + 1 + length));
    position += 1 + length;
  }
}

function parseMessage(message: Buffer): ParsedMessage {
  if (message.length < 12) throw new MalformedMessage('short header');
  const counts = [4, 6, 8, 10].map((offset) => message.readUInt16BE(offset));
  let offset = 12;
  let question: ParsedMessage['question'];
  for (let i = 0; i < (counts[0] ?? 0); i++) {
    const { name, end } = readName(message, offset);
    if (end + 4 > message.length) throw new MalformedMessage('short question');
    if (i === 0) question = { name, type: message.readUInt16BE(end), klass: message.readUInt16BE(end + 2), bytes: message.subarray(offset, end + 4) };
    offset = end + 4;
  }
  const sections: ParsedRecord[][] = [];
  for (const count of counts.slice(1)) {
    const records: ParsedRecord[] = [];
    for (let i = 0; i < count; i++) {
      const start = offset;
      const { name, end } = readName(message, offset);
      if (end + 10 > message.length) throw new MalformedMessage('short record');
      const rdataOffset = end + 10;
      const rdataEnd = rdataOffset + message.readUInt16BE(end + 8);
      if (rdataEnd > message.length) throw new MalformedMessage('short rdata');
      records.push({ name, type: message.readUInt16BE(end), klass: message.readUInt16BE(end + 2), ttl: message.readUInt32BE(end + 4), rdata: message.subarray(rdataOffset, rdataEnd), rdataOffset, start });
      offset = rdataEnd;
    }
    sections.push(records);
  }
  return { id: message.readUInt16BE(0), flags: message.readUInt16BE(2), question, sections: [sections[0] ?? [], sections[1] ?? [], sections[2] ?? []] };
}

/** Canonical (lower-case, uncompressed) wire form of a name. */
function nameBytes(name: string): Buffer {
  const labels = plainName(name) === '' ? [] : plainName(name).split('.');
  return Buffer.concat([...labels.flatMap((label) => [Buffer.from([label.length]), Buffer.from(label, 'latin1')]), Buffer.from([0])]);
}

function uint16(value: number): Buffer {
  const bytes = Buffer.alloc(2);
  bytes.writeUInt16BE(value);
  return bytes;
}

function uint48(value: number): Buffer {
  const bytes = Buffer.alloc(6);
  bytes.writeUIntBE(value, 0, 6);
  return bytes;
}

function resourceRecord(name: string, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(klass, 2);
  fixed.writeUInt32BE(ttl, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([nameBytes(name), fixed, rdata]);
}

function recordBytes(record: FakeDnsRecord, serial = 1): Buffer {
  let rdata: Buffer;
  switch (record.type) {
    case 'A':
    case 'AAAA':
      rdata = Buffer.from(ipaddr.parse(record.data).toByteArray());
      break;
    case 'CNAME':
    case 'NS':
      rdata = nameBytes(record.data);
      break;
    case 'SOA': {
      const timers = Buffer.alloc(20);
      [serial, 3600, 600, 86400, 300].forEach((value, index) => timers.writeUInt32BE(value, index * 4));
      rdata = Buffer.concat([nameBytes(record.data), nameBytes(`hostmaster.${record.name}`), timers]);
      break;
    }
  }
  return resourceRecord(record.name, TYPE_CODES[record.type], CLASS_IN, record.ttl, rdata);
}

/** The text the store holds for an RR's RDATA, or undefined for a type the fake does not store. */
function rdataText(message: Buffer, record: ParsedRecord): string | undefined {
  if (record.type === TYPE_CODES.A && record.rdata.length === 4) return ipaddr.fromByteArray([...record.rdata]).toString();
  if (record.type === TYPE_CODES.AAAA && record.rdata.length === 16) return ipaddr.fromByteArray([...record.rdata]).toString();
  if (record.type === TYPE_CODES.CNAME && record.rdata.length > 0) return readName(message, record.rdataOffset).name;
  return undefined;
}

/** Addresses compared as addresses: the store may hold a seeded AAAA in any notation. */
function sameContent(type: string, left: string, right: string): boolean {
  if ((type === 'A' || type === 'AAAA') && ipaddr.isValid(left) && ipaddr.isValid(right)) return ipaddr.parse(left).toString() === ipaddr.parse(right).toString();
  return plainName(left) === plainName(right);
}

interface TsigFields {
  keyName: string;
  algorithm: string;
  timeSigned: number;
  fudge: number;
  mac: Buffer;
  originalId: number;
  error: number;
  otherData: Buffer;
}

function parseTsig(message: Buffer, record: ParsedRecord): TsigFields {
  const { name: algorithm, end } = readName(message, record.rdataOffset);
  const rdataEnd = record.rdataOffset + record.rdata.length;
  let offset = end;
  const take = (bytes: number): number => {
    if (offset + bytes > rdataEnd) throw new MalformedMessage('short TSIG');
    const at = offset;
    offset += bytes;
    return at;
  };
  const timeSigned = message.readUIntBE(take(6), 6);
  const fudge = message.readUInt16BE(take(2));
  const macSize = message.readUInt16BE(take(2));
  const mac = Buffer.from(message.subarray(take(macSize), offset));
  const originalId = message.readUInt16BE(take(2));
  const error = message.readUInt16BE(take(2));
  const otherSize = message.readUInt16BE(take(2));
  const otherData = Buffer.from(message.subarray(take(otherSize), offset));
  return { keyName: record.name, algorithm, timeSigned, fudge, mac, originalId, error, otherData };
}

/** RFC 8945 §4.3.3: [request MAC] + message (without the TSIG RR) + the TSIG variables. */
function tsigMac(hash: string, secret: Buffer, message: Buffer, fields: Omit<TsigFields, 'mac' | 'originalId'>, requestMac?: Buffer): Buffer {
  const hmac = createHmac(hash, secret);
  if (requestMac !== undefined) hmac.update(Buffer.concat([uint16(requestMac.length), requestMac]));
  hmac.update(message);
  hmac.update(nameBytes(fields.keyName));
  hmac.update(Buffer.from([0, CLASS_ANY, 0, 0, 0, 0]));
  hmac.update(nameBytes(fields.algorithm));
  hmac.update(Buffer.concat([uint48(fields.timeSigned), uint16(fields.fudge), uint16(fields.error), uint16(fields.otherData.length), fields.otherData]));
  return hmac.digest();
}

function tsigRecord(fields: TsigFields): Buffer {
  const rdata = Buffer.concat([
    nameBytes(fields.algorithm),
    uint48(fields.timeSigned),
    uint16(fields.fudge),
    uint16(fields.mac.length),
    fields.mac,
    uint16(fields.originalId),
    uint16(fields.error),
    uint16(fields.otherData.length),
    fields.otherData,
  ]);
  return resourceRecord(fields.keyName, TSIG_TYPE, CLASS_ANY, 0, rdata);
}

/** The verified signer of a request: the key and the request's MAC, which the answer's MAC covers. */
interface Signer {
  key: FakeTsigKey;
  hash: string;
  secret: Buffer;
  requestMac: Buffer;
}

type Verification = { ok: true; signer: Signer | undefined } | { ok: false; tsig: TsigFields; error: number; signer?: Signer };

/** A state of one name and type in the zone, as an UPDATE sees and changes it. */
interface WorkingRecord {
  id?: string;
  name: string;
  type: string;
  content: string;
  ttl: number;
}

class UpdateRefused extends Error {
  constructor(readonly rcode: number) {
    super(`rcode ${rcode}`);
  }
}

class FakeAuthority {
  private readonly serials = new Map<string, number>();

  constructor(
    readonly store: FakeZoneStore,
    private readonly options: FakeRfc2136Options,
    private readonly hints: () => boolean,
  ) {}

  private now(): number {
    return Math.floor((this.options.now ?? Date.now)() / 1000);
  }

  private serial(zone: string): number {
    return this.serials.get(zone) ?? 1;
  }

  private soa(zone: string): FakeDnsRecord {
    return { name: zone, type: 'SOA', ttl: 300, data: `ns1.${zone}` };
  }

  private ns(zone: string): FakeDnsRecord {
    return { name: zone, type: 'NS', ttl: 300, data: `ns1.${zone}` };
  }

  /** RFC 8945 §5.2: key and algorithm, then the MAC, then the time. An unsigned message passes unsigned. */
  verify(message: Buffer, parsed: ParsedMessage): Verification {
    const additional = parsed.sections[2];
    const last = additional.at(-1);
    if (last === undefined || last.type !== TSIG_TYPE) {
      if (additional.some((record) => record.type === TSIG_TYPE)) throw new MalformedMessage('TSIG not last');
      return { ok: true, signer: undefined };
    }
    const tsig = parseTsig(message, last);
    const key = this.options.keys.find((candidate) => plainName(candidate.name) === tsig.keyName);
    const hash = HASHES[tsig.algorithm];
    if (key === undefined || hash === undefined || WIRE_ALGORITHM[key.algorithm] !== tsig.algorithm) return { ok: false, tsig, error: FAKE_TSIG_ERROR.BADKEY };
    const secret = Buffer.from(key.secret, 'base64');
    const unsigned = Buffer.from(message.subarray(0, last.start));
    unsigned.writeUInt16BE(tsig.originalId, 0);
    unsigned.writeUInt16BE(additional.length - 1, 10);
    const expected = tsigMac(hash, secret, unsigned, tsig);
    if (expected.length !== tsig.mac.length || !timingSafeEqual(expected, tsig.mac)) return { ok: false, tsig, error: FAKE_TSIG_ERROR.BADSIG };
    const signer: Signer = { key, hash, secret, requestMac: tsig.mac };
    if (Math.abs(this.now() - tsig.timeSigned) > tsig.fudge) return { ok: false, tsig, error: FAKE_TSIG_ERROR.BADTIME, signer };
    return { ok: true, signer };
  }

  /** The answer to a query, from the store (RFC 1034 §4.3.2, without following CNAMEs). */
  query(question: NonNullable<ParsedMessage['question']>): FakeDnsReply {
    const zone = this.store.zoneOf(question.name)?.name;
    if (zone === undefined || question.klass !== CLASS_IN) return { rcode: FAKE_RCODE.REFUSED, authoritative: false };
    const name = question.name;
    const apex = name === zone;
    const wanted = typeName(question.type);
    const held = this.store.records({ name }).filter((record) => this.store.zoneOf(record.name)?.name === zone);
    const hints = this.hints();
    if (apex && (wanted === 'SOA' || wanted === 'NS')) {
      return { answers: [wanted === 'SOA' ? this.soa(zone) : this.ns(zone)], authorities: hints && wanted === 'SOA' ? [this.ns(zone)] : [] };
    }
    const cname = held.find((record) => record.type === 'CNAME');
    if (cname !== undefined && wanted !== 'CNAME') return { answers: [this.asAnswer(cname)] };
    const matching = held.filter((record) => record.type === wanted && (wanted === 'A' || wanted === 'AAAA' || wanted === 'CNAME'));
    if (matching.length > 0) return { answers: matching.map((record) => this.asAnswer(record)), authorities: hints ? [this.ns(zone)] : [] };
    const exists = apex || held.length > 0 || this.store.records().some((record) => record.name.endsWith(`.${name}`));
    return { rcode: exists ? FAKE_RCODE.NOERROR : FAKE_RCODE.NXDOMAIN, authorities: hints || wanted === 'SOA' ? [this.soa(zone)] : [] };
  }

  private asAnswer(record: FakeRecord): FakeDnsRecord {
    return { name: record.name, type: record.type as FakeDnsRecord['type'], ttl: record.ttl, data: record.content };
  }

  /** RFC 2136 §3: applies the UPDATE or answers why not; nothing changes unless everything passes. */
  update(message: Buffer, parsed: ParsedMessage, signer: Signer | undefined): number {
    const zoneQuestion = parsed.question;
    if (zoneQuestion === undefined || message.readUInt16BE(4) !== 1 || zoneQuestion.type !== TYPE_CODES.SOA) return FAKE_RCODE.FORMERR;
    const zone = this.store.zoneByName(zoneQuestion.name)?.name;
    if (zone === undefined || zoneQuestion.klass !== CLASS_IN) return FAKE_RCODE.NOTAUTH;
    // As BIND's update-policy: only a key may change the zone.
    if (signer === undefined) return FAKE_RCODE.REFUSED;
    const inZone = (name: string) => name === zone || name.endsWith(`.${zone}`);
    const [prerequisites, updates] = parsed.sections;
    const current = (): WorkingRecord[] => this.store.records({ zone }).map((record) => ({ id: record.id, name: record.name, type: record.type, content: record.content, ttl: record.ttl }));
    try {
      this.checkPrerequisites(message, prerequisites, current(), inZone);
      for (const record of updates) this.prescan(record, inZone, signer.key.name);
      const working = current();
      for (const record of updates) this.apply(message, record, working);
      this.commit(zone, working);
    } catch (error) {
      if (error instanceof UpdateRefused) return error.rcode;
      throw error;
    }
    return FAKE_RCODE.NOERROR;
  }

  /** RFC 2136 §3.2. */
  private checkPrerequisites(message: Buffer, prerequisites: ParsedRecord[], records: WorkingRecord[], inZone: (name: string) => boolean): void {
    const valueSets = new Map<string, string[]>();
    for (const prerequisite of prerequisites) {
      if (prerequisite.ttl !== 0) throw new UpdateRefused(FAKE_RCODE.FORMERR);
      if (!inZone(prerequisite.name)) throw new UpdateRefused(FAKE_RCODE.NOTZONE);
      const type = typeName(prerequisite.type);
      const atName = records.filter((record) => record.name === prerequisite.name);
      const rrset = atName.filter((record) => record.type === type);
      if (prerequisite.klass === CLASS_ANY || prerequisite.klass === CLASS_NONE) {
        if (prerequisite.rdata.length !== 0) throw new UpdateRefused(FAKE_RCODE.FORMERR);
        const exists = prerequisite.type === ANY ? atName.length > 0 : rrset.length > 0;
        const mustExist = prerequisite.klass === CLASS_ANY;
        if (exists !== mustExist) {
          const rcode = prerequisite.type === ANY ? (mustExist ? FAKE_RCODE.NXDOMAIN : FAKE_RCODE.YXDOMAIN) : mustExist ? FAKE_RCODE.NXRRSET : FAKE_RCODE.YXRRSET;
          throw new UpdateRefused(rcode);
        }
      } else if (prerequisite.klass === CLASS_IN) {
        const text = rdataText(message, prerequisite);
        if (text === undefined) throw new UpdateRefused(FAKE_RCODE.NXRRSET);
        const key = `${prerequisite.name}/${type}`;
        valueSets.set(key, [...(valueSets.get(key) ?? []), text]);
      } else {
        throw new UpdateRefused(FAKE_RCODE.FORMERR);
      }
    }
    // "RRset exists (value dependent)": the whole RRset must equal the values given.
    for (const [key, values] of valueSets) {
      const [name, type] = key.split('/') as [string, string];
      const held = records.filter((record) => record.name === name && record.type === type);
      const equal = held.length === values.length && held.every((record) => values.some((value) => sameContent(type, record.content, value)));
      if (!equal) throw new UpdateRefused(FAKE_RCODE.NXRRSET);
    }
  }

  /** RFC 2136 §3.4.1 (and the update-policy, which BIND checks per RR before changing anything). */
  private prescan(record: ParsedRecord, inZone: (name: string) => boolean, keyName: string): void {
    if (!inZone(record.name)) throw new UpdateRefused(FAKE_RCODE.NOTZONE);
    const meta = META_TYPES.has(record.type);
    if (record.klass === CLASS_IN) {
      if (meta || record.type === ANY) throw new UpdateRefused(FAKE_RCODE.FORMERR);
      if (!STORABLE.has(typeName(record.type))) throw new UpdateRefused(FAKE_RCODE.NOTIMP);
    } else if (record.klass === CLASS_ANY) {
      if (record.ttl !== 0 || record.rdata.length !== 0 || meta) throw new UpdateRefused(FAKE_RCODE.FORMERR);
    } else if (record.klass === CLASS_NONE) {
      if (record.ttl !== 0 || meta || record.type === ANY) throw new UpdateRefused(FAKE_RCODE.FORMERR);
    } else {
      throw new UpdateRefused(FAKE_RCODE.FORMERR);
    }
    const mayUpdate = this.options.mayUpdate ?? (() => true);
    if (!mayUpdate(plainName(keyName), record.name, typeName(record.type))) throw new UpdateRefused(FAKE_RCODE.REFUSED);
  }

  /** RFC 2136 §3.4.2, on the working copy. */
  private apply(message: Buffer, record: ParsedRecord, working: WorkingRecord[]): void {
    const type = typeName(record.type);
    const removeWhere = (predicate: (entry: WorkingRecord) => boolean) => {
      for (let i = working.length - 1; i >= 0; i--) if (predicate(working[i]!)) working.splice(i, 1);
    };
    if (record.klass === CLASS_ANY) {
      removeWhere((entry) => entry.name === record.name && (record.type === ANY || entry.type === type));
      return;
    }
    const content = rdataText(message, record);
    if (content === undefined) throw new UpdateRefused(FAKE_RCODE.FORMERR);
    if (record.klass === CLASS_NONE) {
      removeWhere((entry) => entry.name === record.name && entry.type === type && sameContent(type, entry.content, content));
      return;
    }
    const atName = working.filter((entry) => entry.name === record.name);
    // §3.4.2.2: a CNAME and other data never share a name; the conflicting add is silently ignored.
    if (type === 'CNAME' ? atName.some((entry) => entry.type !== 'CNAME') : atName.some((entry) => entry.type === 'CNAME')) return;
    if (type === 'CNAME') removeWhere((entry) => entry.name === record.name && entry.type === 'CNAME');
    const duplicate = working.find((entry) => entry.name === record.name && entry.type === type && sameContent(type, entry.content, content));
    if (duplicate !== undefined) duplicate.ttl = record.ttl;
    else working.push({ name: record.name, type, content, ttl: record.ttl });
  }

  /**
   * Writes the difference to the store with as few changes as it takes: a removed record and an
   * added one of the same name and type become one update, so replacing an address is one write.
   */
  private commit(zone: string, working: WorkingRecord[]): void {
    const before = this.store.records({ zone });
    const kept = new Set(working.flatMap((entry) => (entry.id === undefined ? [] : [entry.id])));
    const removed = before.filter((record) => !kept.has(record.id));
    const writesBefore = this.store.writes;
    for (const entry of working) {
      if (entry.id !== undefined) {
        const old = before.find((record) => record.id === entry.id);
        if (old !== undefined && old.ttl !== entry.ttl) this.store.update(entry.id, { ttl: entry.ttl });
        continue;
      }
      const replaced = removed.findIndex((record) => record.name === entry.name && record.type === entry.type);
      if (replaced >= 0) {
        const [old] = removed.splice(replaced, 1);
        this.store.update(old!.id, { content: entry.content, ttl: entry.ttl });
      } else {
        this.store.create({ zone, name: entry.name, type: entry.type, content: entry.content, ttl: entry.ttl });
      }
    }
    for (const record of removed) this.store.remove(record.id);
    if (this.store.writes !== writesBefore) this.serials.set(zone, this.serial(zone) + 1);
  }

  /** The answer's bytes: header, the question (or zone) echoed, the sections, then the TSIG RR. */
  encode(request: ParsedMessage, reply: FakeDnsReply, signer: Signer | undefined, tsigFields: TsigFields | undefined, truncate: boolean): Buffer {
    const opcode = (request.flags >> 11) & 0xf;
    const flags = 0x8000 | (opcode << 11) | (reply.authoritative === false ? 0 : 0x0400) | (reply.truncated || truncate ? 0x0200 : 0) | ((reply.rcode ?? 0) & 0xf);
    const serialOf = (record: FakeDnsRecord) => this.serial(plainName(record.name));
    const answers = truncate ? [] : (reply.answers ?? []);
    const authorities = truncate ? [] : (reply.authorities ?? []);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(request.id, 0);
    header.writeUInt16BE(flags, 2);
    header.writeUInt16BE(request.question === undefined ? 0 : 1, 4);
    header.writeUInt16BE(answers.length, 6);
    header.writeUInt16BE(authorities.length, 8);
    const body = Buffer.concat([header, request.question?.bytes ?? Buffer.alloc(0), ...[...answers, ...authorities].map((record) => recordBytes(record, serialOf(record)))]);
    const signing = reply.signing ?? 'ok';
    const tsig = tsigFields ?? this.answerTsig(body, signing, signer, request);
    if (tsig === undefined) return body;
    const signed = Buffer.concat([body, tsigRecord(tsig)]);
    signed.writeUInt16BE(1, 10);
    return signed;
  }

  private answerTsig(body: Buffer, signing: FakeSigning, signer: Signer | undefined, request: ParsedMessage): TsigFields | undefined {
    if (signing === 'none' || signer === undefined) return undefined;
    const scripted = typeof signing === 'object' ? signing : undefined;
    const fields = {
      keyName: plainName(signer.key.name),
      algorithm: WIRE_ALGORITHM[signer.key.algorithm],
      timeSigned: scripted?.timeSigned ?? this.now(),
      fudge: FUDGE,
      error: scripted?.error ?? 0,
      otherData: scripted?.otherData ?? Buffer.alloc(0),
    };
    // BADSIG and BADKEY answers carry no MAC (RFC 8945 §5.3.2); every other answer is signed.
    const unsignedError = fields.error === FAKE_TSIG_ERROR.BADSIG || fields.error === FAKE_TSIG_ERROR.BADKEY;
    let mac = unsignedError ? Buffer.alloc(0) : tsigMac(signer.hash, signer.secret, body, fields, signer.requestMac);
    if (signing === 'bad-mac') mac = Buffer.from(mac.map((byte) => byte ^ 0xff));
    return { ...fields, mac, originalId: request.id };
  }

  /** The NOTAUTH answer to a request whose TSIG failed (RFC 8945 §5.2). */
  tsigFailure(request: ParsedMessage, failure: Extract<Verification, { ok: false }>): Buffer {
    const reply: FakeDnsReply = { rcode: FAKE_RCODE.NOTAUTH, authoritative: false };
    if (failure.error === FAKE_TSIG_ERROR.BADTIME && failure.signer !== undefined) {
      // Signed, with the request's time and the server's own clock in Other Data (§5.2.3).
      const otherData = uint48(this.now());
      return this.encode(request, { ...reply, signing: { error: failure.error, otherData, timeSigned: failure.tsig.timeSigned } }, failure.signer, undefined, false);
    }
    const tsig: TsigFields = { ...failure.tsig, mac: Buffer.alloc(0), originalId: request.id, error: failure.error, otherData: Buffer.alloc(0) };
    return this.encode(request, reply, undefined, tsig, false);
  }
}

function seenMessage(raw: Buffer, via: 'udp' | 'tcp', parsed: ParsedMessage): SeenDnsMessage {
  return { raw, via, id: parsed.id, opcode: (parsed.flags >> 11) & 0xf, qname: parsed.question?.name ?? '', qtype: String(parsed.question?.type ?? '') };
}

export async function startFakeRfc2136(options: FakeRfc2136Options): Promise<FakeRfc2136> {
  const store = new FakeZoneStore({ zones: options.zones, defaultTtl: 300 });
  const seen: SeenDnsMessage[] = [];
  const sockets = new Set<net.Socket>();
  let fake: FakeRfc2136 | undefined;
  const authority = new FakeAuthority(store, options, () => fake?.zoneHints ?? true);

  /** The answer to one request, or undefined to stay silent. */
  function handle(raw: Buffer, via: 'udp' | 'tcp'): Buffer | undefined {
    let parsed: ParsedMessage;
    try {
      parsed = parseMessage(raw);
    } catch {
      return undefined;
    }
    if ((parsed.flags & 0x8000) !== 0) return undefined;
    const message = seenMessage(Buffer.from(raw), via, parsed);
    seen.push(message);
    let verification: Verification;
    try {
      verification = authority.verify(raw, parsed);
    } catch {
      return authority.encode(parsed, { rcode: FAKE_RCODE.FORMERR, authoritative: false }, undefined, undefined, false);
    }
    if (!verification.ok) return authority.tsigFailure(parsed, verification);
    const { signer } = verification;
    const scripted = fake?.script(message);
    let reply: FakeDnsReply;
    if (scripted !== undefined) {
      if (scripted.silent) return undefined;
      if (scripted.raw) return scripted.raw(message);
      reply = scripted;
    } else if (message.opcode === OPCODE_QUERY && parsed.question !== undefined) {
      reply = authority.query(parsed.question);
    } else if (message.opcode === OPCODE_UPDATE) {
      let rcode: number;
      try {
        rcode = authority.update(raw, parsed, signer);
      } catch {
        rcode = FAKE_RCODE.FORMERR;
      }
      reply = { rcode, authoritative: false };
    } else {
      reply = { rcode: FAKE_RCODE.NOTIMP, authoritative: false };
    }
    const answer = authority.encode(parsed, reply, signer, undefined, false);
    // RFC 1035 §4.2.1: a UDP answer over 512 bytes is cut to the header and question, with TC set.
    if (via === 'udp' && answer.length > UDP_LIMIT) return authority.encode(parsed, reply, signer, undefined, true);
    return answer;
  }

  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const request = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + request.length);
        const answer = handle(Buffer.from(request), 'tcp');
        if (answer !== undefined) socket.write(Buffer.concat([uint16(answer.length), answer]));
      }
    });
  });
  const { port, udp } = await listenOnBoth(tcp);
  udp.on('message', (raw, remote) => {
    const answer = handle(raw, 'udp');
    if (answer !== undefined) udp.send(answer, remote.port, remote.address);
  });

  fake = {
    endpoint: `127.0.0.1:${port}`,
    port,
    store,
    seen,
    script: () => undefined,
    zoneHints: options.zoneHints ?? true,
    requestCount: () => seen.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        udp.close(() => tcp.close(() => resolve()));
      }),
  };
  return fake;
}

/** One port for TCP and UDP: the client falls back from one to the other on the same address. */
async function listenOnBoth(tcp: net.Server): Promise<{ port: number; udp: dgram.Socket }> {
  for (let attempt = 0; ; attempt++) {
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const { port } = tcp.address() as net.AddressInfo;
    const udp = dgram.createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      udp.once('error', onError);
      udp.bind(port, '127.0.0.1', () => {
        udp.off('error', onError);
        resolve(true);
      });
    });
    if (bound) return { port, udp };
    udp.close();
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
    if (attempt >= 10) throw new Error('fake rfc2136: no port free for both TCP and UDP');
  }
}
