import dnsPacket from 'dns-packet';
import ipaddr from 'ipaddr.js';
import type { RecordType } from '../../domain.js';

/**
 * DNS wire format for what the RFC 2136 provider sends and reads. Queries are encoded and every
 * answer is decoded with `dns-packet`; the UPDATE message is built here because dns-packet
 * cannot encode the RRset deletion of RFC 2136 §2.5.2 (CLASS ANY with an empty RDATA: its A/AAAA
 * encoders always write an address) and knows neither CLASS NONE nor TSIG. Layout facts: WIRE.md.
 */

export const TYPE = { A: 1, SOA: 6, CNAME: 5, AAAA: 28, TSIG: 250 } as const;
export const CLASS = { IN: 1, ANY: 255 } as const;
export const OPCODE = { QUERY: 0, UPDATE: 5 } as const;

/** Header RCODEs (RFC 1035, RFC 2136 §2.2). */
export const RCODE = {
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

const RCODE_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(RCODE).map(([name, code]) => [code, name]));

export function rcodeName(rcode: number): string {
  return RCODE_NAMES.get(rcode) ?? `RCODE ${rcode}`;
}

export const HEADER_BYTES = 12;
/** Largest DNS message over UDP without EDNS (RFC 1035 §4.2.1); bigger ones go over TCP. */
export const MAX_UDP_MESSAGE = 512;

const FLAG_QR = 0x8000;
const FLAG_AA = 0x0400;
const FLAG_TC = 0x0200;

export interface MessageHeader {
  id: number;
  isResponse: boolean;
  opcode: number;
  authoritative: boolean;
  truncated: boolean;
  rcode: number;
  /** QDCOUNT/ANCOUNT/NSCOUNT/ARCOUNT (ZOCOUNT/PRCOUNT/UPCOUNT/ADCOUNT in an UPDATE). */
  counts: [number, number, number, number];
}

export class WireFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export function readHeader(message: Buffer): MessageHeader {
  if (message.length < HEADER_BYTES) throw new WireFormatError(`a ${message.length}-byte message is shorter than a DNS header`);
  const flags = message.readUInt16BE(2);
  return {
    id: message.readUInt16BE(0),
    isResponse: (flags & FLAG_QR) !== 0,
    opcode: (flags >> 11) & 0xf,
    authoritative: (flags & FLAG_AA) !== 0,
    truncated: (flags & FLAG_TC) !== 0,
    rcode: flags & 0xf,
    counts: [message.readUInt16BE(4), message.readUInt16BE(6), message.readUInt16BE(8), message.readUInt16BE(10)],
  };
}

/** A name in uncompressed wire form; the names given here are already validated DNS names. */
export function encodeName(name: string): Buffer {
  const trimmed = name.replace(/\.$/, '');
  const labels = trimmed === '' ? [] : trimmed.split('.');
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'ascii');
    if (bytes.length === 0 || bytes.length > 63) throw new WireFormatError(`label "${label}" of ${name} cannot be encoded`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** The offset just after the (possibly compressed) name starting at `offset`. */
export function skipName(message: Buffer, offset: number): number {
  let position = offset;
  for (;;) {
    if (position >= message.length) throw new WireFormatError('a name runs past the end of the message');
    const length = message[position] ?? 0;
    if (length === 0) return position + 1;
    if ((length & 0xc0) === 0xc0) return position + 2; // a compression pointer ends the name
    if ((length & 0xc0) !== 0) throw new WireFormatError(`unknown label type 0x${length.toString(16)}`);
    position += 1 + length;
  }
}

/** Reads an uncompressed name (TSIG algorithm names must not be compressed, RFC 8945 §4.2). */
export function readUncompressedName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let position = offset;
  for (;;) {
    if (position >= message.length) throw new WireFormatError('a name runs past the end of the message');
    const length = message[position] ?? 0;
    if (length === 0) return { name: labels.join('.'), end: position + 1 };
    if ((length & 0xc0) !== 0) throw new WireFormatError('a compressed name where RFC 8945 forbids compression');
    labels.push(message.toString('latin1', position + 1, position + 1 + length));
    position += 1 + length;
  }
}

/** Offset of the last resource record of the message (where a TSIG RR must be), or undefined when there is none. */
export function lastRecordOffset(message: Buffer): number | undefined {
  const { counts } = readHeader(message);
  const [questions, ...recordCounts] = counts;
  let offset = HEADER_BYTES;
  for (let i = 0; i < questions; i++) offset = skipName(message, offset) + 4;
  const records = recordCounts.reduce((sum, count) => sum + count, 0);
  let last: number | undefined;
  for (let i = 0; i < records; i++) {
    last = offset;
    const rdataStart = skipName(message, offset) + 10;
    if (rdataStart > message.length) throw new WireFormatError('a resource record runs past the end of the message');
    offset = rdataStart + message.readUInt16BE(rdataStart - 2);
    if (offset > message.length) throw new WireFormatError('a resource record runs past the end of the message');
  }
  return last;
}

export function resourceRecord(name: string, type: number, klass: number, ttl: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(klass, 2);
  fixed.writeUInt32BE(ttl, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([encodeName(name), fixed, rdata]);
}

export function addressRdata(type: RecordType, address: string): Buffer {
  const parsed = ipaddr.parse(address);
  const wanted = type === 'A' ? 'ipv4' : 'ipv6';
  if (parsed.kind() !== wanted) throw new WireFormatError(`${address} is not an ${wanted === 'ipv4' ? 'IPv4' : 'IPv6'} address for a ${type} record`);
  return Buffer.from(parsed.toByteArray());
}

export interface ReplaceRRsetUpdate {
  id: number;
  zone: string;
  name: string;
  type: RecordType;
  ttl: number;
  address: string;
}

/**
 * The UPDATE that replaces the name's A or AAAA RRset with one address (RFC 2136 §2.5; what
 * `nsupdate` sends for "update delete NAME A" + "update add NAME TTL A ADDRESS"):
 * zone section = the zone's SOA, no prerequisites, update section = delete the RRset
 * (CLASS ANY, TTL 0, no RDATA), then add the new RR. The server applies both atomically.
 */
export function buildReplaceUpdate(update: ReplaceRRsetUpdate): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(update.id, 0);
  header.writeUInt16BE(OPCODE.UPDATE << 11, 2);
  header.writeUInt16BE(1, 4); // ZOCOUNT
  header.writeUInt16BE(0, 6); // PRCOUNT
  header.writeUInt16BE(2, 8); // UPCOUNT
  header.writeUInt16BE(0, 10); // ADCOUNT (the TSIG RR is added by signing)
  const zoneFixed = Buffer.alloc(4);
  zoneFixed.writeUInt16BE(TYPE.SOA, 0);
  zoneFixed.writeUInt16BE(CLASS.IN, 2);
  return Buffer.concat([
    header,
    encodeName(update.zone),
    zoneFixed,
    resourceRecord(update.name, TYPE[update.type], CLASS.ANY, 0, Buffer.alloc(0)),
    resourceRecord(update.name, TYPE[update.type], CLASS.IN, update.ttl, addressRdata(update.type, update.address)),
  ]);
}

export type QueryType = 'A' | 'AAAA' | 'SOA';

/** A plain query (no RD: the server is asked as an authority, not as a resolver). */
export function buildQuery(id: number, name: string, type: QueryType): Buffer {
  return dnsPacket.encode({ type: 'query', id, flags: 0, questions: [{ type, class: 'IN', name }] });
}

export interface AnswerRecord {
  name: string;
  type: string;
  ttl: number;
  /** Address text for A/AAAA, the SOA/CNAME target name, or a description for other types. */
  data: string;
}

export interface DecodedResponse {
  header: MessageHeader;
  answers: AnswerRecord[];
  authorities: AnswerRecord[];
}

function toAnswerRecord(answer: dnsPacket.Answer): AnswerRecord {
  const base = { name: answer.name.toLowerCase().replace(/\.$/, ''), type: answer.type, ttl: 'ttl' in answer ? (answer.ttl ?? 0) : 0 };
  switch (answer.type) {
    case 'A':
    case 'AAAA':
    case 'CNAME':
    case 'NS':
      return { ...base, data: answer.data.toLowerCase() };
    case 'SOA':
      return { ...base, data: answer.data.mname.toLowerCase() };
    default:
      return { ...base, data: '' };
  }
}

/** Decodes an answer's header, answer and authority sections; throws WireFormatError when it cannot. */
export function decodeResponse(message: Buffer): DecodedResponse {
  const header = readHeader(message);
  let decoded: dnsPacket.DecodedPacket;
  try {
    decoded = dnsPacket.decode(message);
  } catch (error) {
    throw new WireFormatError(`undecodable DNS message (${(error as Error).message})`);
  }
  return {
    header,
    answers: (decoded.answers ?? []).map(toAnswerRecord),
    authorities: (decoded.authorities ?? []).map(toAnswerRecord),
  };
}
