import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { ProviderError } from '../../http/errors.js';
import { formatServer, type DnsServerAddress } from './server.js';
import { MAX_UDP_MESSAGE, readHeader } from './wire.js';

/**
 * Sends one DNS message and returns the matching answer: over UDP, or over TCP when the message
 * is too big for UDP or the UDP answer is truncated (TC bit), as RFC 1035 §4.2 and RFC 2136 §6
 * say. Every failure is a ProviderError of kind 'transient' (the core retries those); every
 * socket is closed before the promise settles.
 */

export interface ExchangeOptions {
  timeoutMs: number;
  /** For debug lines only. */
  debug?: (message: string) => void;
}

export interface Exchange {
  response: Buffer;
  transport: 'udp' | 'tcp';
}

/** Largest DNS message over TCP (its 2-byte length prefix). */
const MAX_TCP_MESSAGE = 0xffff;

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

function errorCode(error: unknown): string {
  // Jest's ESM VM: Node's own errors may fail `instanceof Error`; read the code by shape.
  const shaped = error as { code?: unknown; message?: unknown };
  if (typeof shaped.code === 'string') return shaped.code;
  return typeof shaped.message === 'string' ? shaped.message : String(error);
}

async function resolveAddress(server: DnsServerAddress): Promise<{ address: string; family: 4 | 6 }> {
  if (net.isIP(server.host) !== 0) return { address: server.host, family: net.isIP(server.host) === 6 ? 6 : 4 };
  try {
    const { address, family } = await lookup(server.host);
    return { address, family: family === 6 ? 6 : 4 };
  } catch (error) {
    throw new ProviderError('transient', `cannot resolve the DNS server name ${server.host} (${errorCode(error)})`, { cause: error });
  }
}

/** True for an answer to `request`: QR set and the same ID (a stray or late datagram is ignored). */
function answers(request: Buffer, response: Buffer): boolean {
  if (response.length < 12) return false;
  const header = readHeader(response);
  return header.isResponse && header.id === request.readUInt16BE(0);
}

export async function exchange(server: DnsServerAddress, request: Buffer, options: ExchangeOptions): Promise<Exchange> {
  if (request.length > MAX_TCP_MESSAGE) throw new ProviderError('config', `a ${request.length}-byte DNS message is too big even for TCP`);
  const { address, family } = await resolveAddress(server);
  const target = { address, family, port: server.port };
  if (request.length > MAX_UDP_MESSAGE) {
    options.debug?.(`DNS: ${request.length}-byte message to ${formatServer(server)} over TCP (too big for UDP)`);
    return { response: await exchangeTcp(target, request, server, options.timeoutMs), transport: 'tcp' };
  }
  const udp = await exchangeUdp(target, request, server, options.timeoutMs);
  if (!readHeader(udp).truncated) return { response: udp, transport: 'udp' };
  options.debug?.(`DNS: truncated UDP answer from ${formatServer(server)}; asking again over TCP`);
  return { response: await exchangeTcp(target, request, server, options.timeoutMs), transport: 'tcp' };
}

interface Target {
  address: string;
  family: 4 | 6;
  port: number;
}

function exchangeUdp(target: Target, request: Buffer, server: DnsServerAddress, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = dgram.createSocket(target.family === 6 ? 'udp6' : 'udp4');
    let settled = false;
    const finish = (error: ProviderError | undefined, response?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('message');
      // close() throws when the socket never got bound (e.g. connect failed early): nothing left to close then.
      try {
        socket.close();
      } catch {
        /* already closed */
      }
      if (error !== undefined) reject(error);
      else if (response !== undefined) resolve(response);
    };
    const timer = setTimeout(
      () => finish(new ProviderError('transient', `no answer from DNS server ${formatServer(server)} within ${seconds(timeoutMs)} (UDP)`)),
      timeoutMs,
    );
    socket.on('error', (error) =>
      finish(new ProviderError('transient', `DNS server ${formatServer(server)} over UDP: ${errorCode(error)}`, { cause: error })),
    );
    socket.on('message', (message) => {
      if (answers(request, message)) finish(undefined, message);
    });
    // A connected socket only receives datagrams from the server, and reports ICMP "port
    // unreachable" as ECONNREFUSED instead of waiting for the timeout.
    socket.connect(target.port, target.address, () => {
      socket.send(request, (error) => {
        if (error) finish(new ProviderError('transient', `DNS server ${formatServer(server)} over UDP: ${errorCode(error)}`, { cause: error }));
      });
    });
  });
}

function exchangeTcp(target: Target, request: Buffer, server: DnsServerAddress, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const socket = net.connect({ host: target.address, port: target.port, family: target.family });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (error: ProviderError | undefined, response?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error !== undefined) reject(error);
      else if (response !== undefined) resolve(response);
    };
    const timer = setTimeout(
      () => finish(new ProviderError('transient', `no answer from DNS server ${formatServer(server)} within ${seconds(timeoutMs)} (TCP)`)),
      timeoutMs,
    );
    socket.on('error', (error) =>
      finish(new ProviderError('transient', `DNS server ${formatServer(server)} over TCP: ${errorCode(error)}`, { cause: error })),
    );
    socket.on('close', () =>
      finish(new ProviderError('transient', `DNS server ${formatServer(server)} closed the TCP connection before answering`)),
    );
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(request.length, 0);
      socket.write(Buffer.concat([length, request]));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Answers are length-prefixed; skip any that is not ours (none is expected on a fresh connection).
      while (received.length >= 2 && received.length >= 2 + received.readUInt16BE(0)) {
        const message = received.subarray(2, 2 + received.readUInt16BE(0));
        received = received.subarray(2 + message.length);
        if (answers(request, message)) {
          finish(undefined, Buffer.from(message));
          return;
        }
      }
    });
  });
}
