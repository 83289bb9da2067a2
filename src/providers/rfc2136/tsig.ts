import { timingSafeEqual } from 'node:crypto';
import { hmac } from '../signing.js';
import { TSIG_ALGORITHMS, type TsigAlgorithm } from './tsig-keys.js';
import { CLASS, encodeName, lastRecordOffset, readHeader, readUncompressedName, skipName, TYPE, WireFormatError } from './wire.js';

/**
 * TSIG (RFC 8945, algorithms RFC 4635): signing requests and verifying answers at the byte level,
 * independent of how the message was built. Verified against the packet-level vectors in WIRE.md
 * (see rfc2136-tsig.test.ts).
 */

export { TSIG_ALGORITHMS, TSIG_ALGORITHM_NAMES, isBase64Secret, type TsigAlgorithm } from './tsig-keys.js';

/** Allowed difference between the signer's clock and the verifier's, in seconds (RFC 8945 recommends 300). */
export const DEFAULT_FUDGE = 300;

/** TSIG error codes (RFC 8945 §3). */
export const TSIG_ERROR = { NOERROR: 0, BADSIG: 16, BADKEY: 17, BADTIME: 18, BADMODE: 19, BADNAME: 20, BADALG: 21, BADTRUNC: 22 } as const;

const TSIG_ERROR_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(TSIG_ERROR).map(([name, code]) => [code, name]));

export function tsigErrorName(error: number): string {
  return TSIG_ERROR_NAMES.get(error) ?? `TSIG error ${error}`;
}

export interface TsigKey {
  /** Key name as configured (compared and hashed in canonical lower-case form). */
  name: string;
  algorithm: TsigAlgorithm;
  /** The base64-decoded secret. */
  secret: Buffer;
}

/** The TSIG fields that enter the MAC besides the key name and algorithm (RFC 8945 §4.3.3). */
export interface TsigVariables {
  /** Unix seconds; 48 bits on the wire. */
  timeSigned: number;
  fudge: number;
  error: number;
  otherData: Buffer;
}

/** A TSIG RR as read from a message. */
export interface TsigRecord extends TsigVariables {
  keyName: string;
  algorithmName: string;
  mac: Buffer;
  originalId: number;
}

/** Canonical wire form (RFC 4034 §6.2): lower-case, uncompressed, absolute. */
function canonicalName(name: string): Buffer {
  return encodeName(name.toLowerCase());
}

function writeUint48(value: number): Buffer {
  const buffer = Buffer.alloc(6);
  buffer.writeUInt16BE(Math.floor(value / 2 ** 32) & 0xffff, 0);
  buffer.writeUInt32BE(value % 2 ** 32, 2);
  return buffer;
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value, 0);
  return buffer;
}

/**
 * The MAC of RFC 8945 §4.3: over [request MAC length + request MAC] (answers only), the message
 * without its TSIG RR (ARCOUNT not counting it, ID = the TSIG's Original ID), then the TSIG
 * variables: key name, class ANY, TTL 0, algorithm name, time signed, fudge, error, other data.
 */
export function computeTsigMac(key: TsigKey, message: Buffer, variables: TsigVariables, requestMac?: Buffer): Buffer {
  const algorithm = TSIG_ALGORITHMS[key.algorithm];
  const tail = Buffer.alloc(6);
  tail.writeUInt16BE(variables.fudge, 0);
  tail.writeUInt16BE(variables.error, 2);
  tail.writeUInt16BE(variables.otherData.length, 4);
  const classAndTtl = Buffer.alloc(6);
  classAndTtl.writeUInt16BE(CLASS.ANY, 0);
  classAndTtl.writeUInt32BE(0, 2);
  const parts = [
    ...(requestMac === undefined ? [] : [u16(requestMac.length), requestMac]),
    message,
    canonicalName(key.name),
    classAndTtl,
    canonicalName(algorithm.wireName),
    writeUint48(variables.timeSigned),
    tail,
    variables.otherData,
  ];
  return hmac(algorithm.hash, key.secret, Buffer.concat(parts));
}

/** The TSIG RR itself: owner = key name, TYPE TSIG, CLASS ANY, TTL 0, then the RDATA of RFC 8945 §4.2. */
export function encodeTsigRecord(key: TsigKey, record: Omit<TsigRecord, 'keyName' | 'algorithmName'>): Buffer {
  const rdata = Buffer.concat([
    canonicalName(TSIG_ALGORITHMS[key.algorithm].wireName),
    writeUint48(record.timeSigned),
    u16(record.fudge),
    u16(record.mac.length),
    record.mac,
    u16(record.originalId),
    u16(record.error),
    u16(record.otherData.length),
    record.otherData,
  ]);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(TYPE.TSIG, 0);
  fixed.writeUInt16BE(CLASS.ANY, 2);
  fixed.writeUInt32BE(0, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([canonicalName(key.name), fixed, rdata]);
}

export interface SignedRequest {
  packet: Buffer;
  /** Needed to verify the answer, whose MAC covers it. */
  mac: Buffer;
}

/** Signs a complete message (ARCOUNT not yet counting a TSIG RR): appends the TSIG RR and counts it. */
export function signRequest(message: Buffer, key: TsigKey, timeSigned: number, fudge = DEFAULT_FUDGE): SignedRequest {
  const originalId = readHeader(message).id;
  const variables: TsigVariables = { timeSigned, fudge, error: TSIG_ERROR.NOERROR, otherData: Buffer.alloc(0) };
  const mac = computeTsigMac(key, message, variables);
  const packet = Buffer.concat([message, encodeTsigRecord(key, { ...variables, mac, originalId })]);
  packet.writeUInt16BE(readHeader(message).counts[3] + 1, 10);
  return { packet, mac };
}

/**
 * Splits a message that ends in a TSIG RR into the TSIG fields and the bytes its MAC covers (the
 * message without the RR, ARCOUNT decremented, ID replaced by the Original ID). Undefined when
 * the last record is not a TSIG RR (or there is none).
 */
export function splitSignedMessage(packet: Buffer): { unsigned: Buffer; tsig: TsigRecord } | undefined {
  const header = readHeader(packet);
  if (header.counts[3] === 0) return undefined;
  const start = lastRecordOffset(packet);
  if (start === undefined) return undefined;
  const fixed = skipName(packet, start);
  if (packet.readUInt16BE(fixed) !== TYPE.TSIG) return undefined;
  const keyName = readOwnerName(packet, start);
  const rdataLength = packet.readUInt16BE(fixed + 8);
  let offset = fixed + 10;
  const end = offset + rdataLength;
  const algorithm = readUncompressedName(packet, offset);
  offset = algorithm.end;
  const need = (bytes: number) => {
    if (offset + bytes > end) throw new WireFormatError('the TSIG record is shorter than its fields');
  };
  need(10);
  const timeSigned = packet.readUInt16BE(offset) * 2 ** 32 + packet.readUInt32BE(offset + 2);
  const fudge = packet.readUInt16BE(offset + 6);
  const macSize = packet.readUInt16BE(offset + 8);
  offset += 10;
  need(macSize);
  const mac = Buffer.from(packet.subarray(offset, offset + macSize));
  offset += macSize;
  need(6);
  const originalId = packet.readUInt16BE(offset);
  const error = packet.readUInt16BE(offset + 2);
  const otherLength = packet.readUInt16BE(offset + 4);
  offset += 6;
  need(otherLength);
  const otherData = Buffer.from(packet.subarray(offset, offset + otherLength));

  const unsigned = Buffer.from(packet.subarray(0, start));
  unsigned.writeUInt16BE(originalId, 0);
  unsigned.writeUInt16BE(header.counts[3] - 1, 10);
  return { unsigned, tsig: { keyName, algorithmName: algorithm.name.toLowerCase(), timeSigned, fudge, mac, originalId, error, otherData } };
}

/** The owner name of the RR at `offset`, following compression pointers, lower-case. */
function readOwnerName(message: Buffer, offset: number): string {
  const labels: string[] = [];
  let position = offset;
  for (let jumps = 0; jumps < 64; ) {
    const length = message[position];
    if (length === undefined) throw new WireFormatError('a name runs past the end of the message');
    if (length === 0) return labels.join('.').toLowerCase();
    if ((length & 0xc0) === 0xc0) {
      position = message.readUInt16BE(position) & 0x3fff;
      jumps++;
      continue;
    }
    labels.push(message.toString('latin1', position + 1, position + 1 + length));
    position += 1 + length;
  }
  throw new WireFormatError('a name with a compression loop');
}

export type ResponseVerification =
  /** Signed with our key, MAC and time check out. */
  | { status: 'verified'; tsig: TsigRecord }
  /** The server reports a TSIG error (BADSIG, BADKEY, BADTIME …); `tsig` carries its fields (BADTIME: its clock). */
  | { status: 'tsig-error'; tsig: TsigRecord }
  /** No TSIG RR: the server did not sign (it does for every answer to a signed request it could process). */
  | { status: 'unsigned' }
  /** Signed, but not verifiably by our key: wrong MAC, another key or algorithm, or a time outside the fudge. */
  | { status: 'invalid'; reason: string };

/** Verifies the TSIG of an answer to a request we signed with `key` and whose MAC was `requestMac`. */
export function verifyResponse(packet: Buffer, key: TsigKey, requestMac: Buffer, nowSeconds: number): ResponseVerification {
  const split = splitSignedMessage(packet);
  if (split === undefined) return { status: 'unsigned' };
  const { unsigned, tsig } = split;
  if (tsig.error !== TSIG_ERROR.NOERROR) return { status: 'tsig-error', tsig };
  if (tsig.keyName.replace(/\.$/, '') !== key.name.toLowerCase().replace(/\.$/, '')) {
    return { status: 'invalid', reason: `the answer is signed with key "${tsig.keyName}", not "${key.name}"` };
  }
  if (tsig.algorithmName.replace(/\.$/, '') !== TSIG_ALGORITHMS[key.algorithm].wireName) {
    return { status: 'invalid', reason: `the answer is signed with ${tsig.algorithmName}, not ${key.algorithm}` };
  }
  const expected = computeTsigMac(key, unsigned, tsig, requestMac);
  if (tsig.mac.length !== expected.length || !timingSafeEqual(tsig.mac, expected)) {
    return { status: 'invalid', reason: 'the MAC of the answer does not match' };
  }
  if (Math.abs(nowSeconds - tsig.timeSigned) > tsig.fudge) {
    return { status: 'invalid', reason: `the answer was signed at ${new Date(tsig.timeSigned * 1000).toISOString()}, outside the ${tsig.fudge}s fudge` };
  }
  return { status: 'verified', tsig };
}


export function decodeSecret(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64');
}
