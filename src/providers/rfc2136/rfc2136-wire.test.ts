import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '../../config/load.js';
import { PROVIDERS } from '../registry.js';
import { formatServer, parseServer } from './server.js';
import { buildQuery, buildReplaceUpdate, decodeResponse, lastRecordOffset, readHeader } from './wire.js';
import { rfc2136Metadata } from './metadata.js';

describe('rfc2136 server = "host:port"', () => {
  it.each([
    ['ns1.example.com', { host: 'ns1.example.com', port: 53 }],
    ['ns1.example.com.:5353', { host: 'ns1.example.com', port: 5353 }],
    ['192.0.2.53', { host: '192.0.2.53', port: 53 }],
    ['192.0.2.53:1053', { host: '192.0.2.53', port: 1053 }],
    ['[2001:db8::53]:1053', { host: '2001:db8::53', port: 1053 }],
    ['[2001:db8::53]', { host: '2001:db8::53', port: 53 }],
    ['2001:db8::53', { host: '2001:db8::53', port: 53 }],
  ])('%s', (text, server) => {
    expect(parseServer(text)).toEqual({ ok: true, server });
  });

  it.each([
    ['', /empty/],
    ['ns1.example.com:0', /port "0"/],
    ['ns1.example.com:65536', /port/],
    ['ns1.example.com:dns', /port "dns"/],
    ['[ns1.example.com]:53', /not an IPv6 address/],
    ['2001:db8::53:53:zz', /\[2001:db8::53\]:53/],
    ['ns 1.example.com', /host name/],
    ['http://ns1.example.com', /is a URL/],
  ])('rejects %j', (text, reason) => {
    const parsed = parseServer(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('formats IPv6 servers in brackets', () => {
    expect(formatServer({ host: '::1', port: 5353 })).toBe('[::1]:5353');
    expect(formatServer({ host: '127.0.0.1', port: 53 })).toBe('127.0.0.1:53');
  });
});

describe('rfc2136 config schema', () => {
  const valid = { server: '127.0.0.1:53', tsig_name: 'DDNS-Key.', tsig_secret: 'NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk=' };

  it('defaults the algorithm to hmac-sha256 and normalises the key name', () => {
    expect(rfc2136Metadata.configSchema.parse(valid)).toEqual({ ...valid, tsig_name: 'ddns-key', tsig_algorithm: 'hmac-sha256' });
    expect(rfc2136Metadata.secretKeys).toEqual(['tsig_secret']);
  });

  it('rejects unknown algorithms, a non-base64 secret (without repeating it), bad servers and unknown keys', () => {
    expect(rfc2136Metadata.configSchema.safeParse({ ...valid, tsig_algorithm: 'hmac-sha3' }).success).toBe(false);
    const badSecret = rfc2136Metadata.configSchema.safeParse({ ...valid, tsig_secret: 'secret!value' });
    expect(badSecret.success).toBe(false);
    expect(JSON.stringify(badSecret.error?.issues)).not.toContain('secret!value');
    expect(rfc2136Metadata.configSchema.safeParse({ ...valid, server: 'ns1:bad' }).success).toBe(false);
    expect(rfc2136Metadata.configSchema.safeParse({ ...valid, zone: 'example.com' }).success).toBe(false);
  });
});

describe('rfc2136 in the config loader', () => {
  const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const SECRET = 'NoTCJU+DMqFWywaPyxSijrDEA/eC3nK0xi3AMEZuPVk=';
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'ddns-rfc2136-config-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function load(providerLines: string[]) {
    const file = path.join(directory, 'config.toml');
    const text = ['[[provider]]', 'name = "bind"', 'type = "rfc2136"', ...providerLines, '', '[[record]]', 'provider = "bind"', 'name = "home.example.test"', ''];
    await writeFile(file, text.join('\n'), { mode: 0o600 });
    return loadConfig(file, { env: { DDNS_TSIG_SECRET: SECRET }, platform: 'linux', isRoot: false });
  }

  it('is registered', () => {
    expect(PROVIDERS.get('rfc2136')?.title).toMatch(/RFC 2136/);
  });

  it('loads examples/rfc2136.toml with the secret from the environment, registering it for masking', async () => {
    const config = await loadConfig(path.join(REPO_ROOT, 'examples', 'rfc2136.toml'), { env: { DDNS_TSIG_SECRET: SECRET }, platform: 'linux', isRoot: false });
    expect(config.providers[0]).toMatchObject({
      type: 'rfc2136',
      options: { server: 'ns1.example.com:53', tsig_name: 'ddns-key', tsig_algorithm: 'hmac-sha256', tsig_secret: SECRET },
    });
    expect(config.records.map((record) => `${record.name} ${record.type}`)).toEqual(['home.example.com A', 'home.example.com AAAA']);
    expect(config.secrets).toContain(SECRET);
  });

  it('reads tsig_secret_file, and names the line of a bad server or secret without repeating the secret', async () => {
    await writeFile(path.join(directory, 'ddns-key.secret'), `${SECRET}\n`);
    const fromFile = await load(['server = "[::1]:5353"', 'tsig_name = "ddns-key"', 'tsig_secret_file = "ddns-key.secret"']);
    expect(fromFile.providers[0]?.options).toEqual({ server: '[::1]:5353', tsig_name: 'ddns-key', tsig_algorithm: 'hmac-sha256', tsig_secret: SECRET });

    const badSecret = 'no*base64*here';
    const error = await load(['server = "ns1.example.test:99999"', 'tsig_name = "ddns-key"', `tsig_secret = "${badSecret}"`]).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/config\.toml:4: .*server.*port "99999"/);
    expect(message).toMatch(/config\.toml:6: .*tsig_secret.*base64/);
    expect(message).not.toContain(badSecret);
  });
});

describe('DNS UPDATE message (RFC 2136)', () => {
  it('replaces the RRset: zone SOA, delete (ANY, ttl 0, no rdata), then add (IN, ttl, address)', () => {
    const message = buildReplaceUpdate({ id: 0x1234, zone: 'example.test', name: 'home.example.test', type: 'A', ttl: 300, address: '81.2.69.160' });
    const name = '04686f6d65076578616d706c65047465737400'; // home.example.test.
    expect(message.toString('hex')).toBe(
      [
        '1234 2800 0001 0000 0002 0000', // ID, opcode UPDATE, ZO=1 PR=0 UP=2 AD=0
        '076578616d706c6504746573740000060001', // example.test. SOA IN
        `${name} 0001 00ff 00000000 0000`, // delete RRset: A, class ANY, ttl 0, rdlength 0
        `${name} 0001 0001 0000012c 0004 5102 45a0`, // add: A IN 300 81.2.69.160
      ]
        .join('')
        .replace(/\s+/g, ''),
    );
    expect(readHeader(message)).toMatchObject({ id: 0x1234, opcode: 5, isResponse: false, counts: [1, 0, 2, 0] });
    expect(lastRecordOffset(message)).toBe(12 + 18 + 19 + 10);
  });

  it('writes AAAA addresses as 16 bytes and refuses an address of the wrong family', () => {
    const message = buildReplaceUpdate({ id: 1, zone: 'example.test', name: 'example.test', type: 'AAAA', ttl: 60, address: '2a02:1388:1000::160' });
    expect(message.subarray(-22).toString('hex')).toBe('0000003c00102a021388100000000000000000000160');
    expect(() => buildReplaceUpdate({ id: 1, zone: 'example.test', name: 'example.test', type: 'AAAA', ttl: 60, address: '81.2.69.160' })).toThrow(/IPv6/);
  });

  it('asks queries without recursion and decodes the answer sections', () => {
    const query = buildQuery(7, 'home.example.test', 'SOA');
    expect(readHeader(query)).toMatchObject({ id: 7, opcode: 0, counts: [1, 0, 0, 0] });
    expect(query.readUInt16BE(2) & 0x0100).toBe(0);
    const answer = Buffer.from(query);
    answer.writeUInt16BE(0x8403, 2); // QR, AA, NXDOMAIN
    expect(decodeResponse(answer).header).toMatchObject({ isResponse: true, authoritative: true, rcode: 3 });
    expect(() => decodeResponse(answer.subarray(0, 8))).toThrow(/shorter than a DNS header/);
  });
});
