import ipaddr from 'ipaddr.js';

/** Where DNS UPDATE messages go: the zone's primary server. */
export interface DnsServerAddress {
  /** Host name or IP address, without brackets. */
  host: string;
  port: number;
}

export const DEFAULT_DNS_PORT = 53;

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

export type ServerParse = { ok: true; server: DnsServerAddress } | { ok: false; reason: string };

/**
 * Parses `server`: "ns1.example.com", "192.0.2.1:5353", "[2001:db8::1]:53", "[2001:db8::1]" or a
 * bare IPv6 address (which cannot carry a port: its colons are the address's own).
 */
export function parseServer(text: string): ServerParse {
  const input = text.trim();
  if (input === '') return { ok: false, reason: 'must not be empty' };
  if (input.includes('://')) return { ok: false, reason: 'is a URL; DNS updates go to a host name or IP address, optionally with :port' };
  let host: string;
  let portText: string | undefined;
  if (input.startsWith('[')) {
    const match = /^\[([^\]]+)\](?::(.*))?$/.exec(input);
    if (match === null) return { ok: false, reason: 'expected [IPv6 address]:port, e.g. "[2001:db8::53]:53"' };
    host = match[1] ?? '';
    portText = match[2];
    if (!ipaddr.IPv6.isValid(host)) return { ok: false, reason: `"${host}" in brackets is not an IPv6 address` };
  } else if ((input.match(/:/g) ?? []).length > 1) {
    if (!ipaddr.IPv6.isValid(input)) return { ok: false, reason: 'is not host:port; write an IPv6 address with a port as "[2001:db8::53]:53"' };
    host = input;
  } else {
    const colon = input.indexOf(':');
    host = colon === -1 ? input : input.slice(0, colon);
    portText = colon === -1 ? undefined : input.slice(colon + 1);
    if (!HOST_NAME.test(host)) return { ok: false, reason: `"${host}" is not a host name or IPv4 address` };
  }
  let port = DEFAULT_DNS_PORT;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return { ok: false, reason: `port "${portText}" must be a number from 1 to 65535` };
    }
    port = Number(portText);
  }
  return { ok: true, server: { host: host.replace(/\.$/, ''), port } };
}

/** "192.0.2.1:53", "[2001:db8::1]:53", "ns1.example.com:53": for messages. */
export function formatServer(server: DnsServerAddress): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
