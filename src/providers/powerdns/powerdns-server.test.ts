import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { runDdns, type CliResult } from '../../../test/helpers/cli.js';
import { startFakeServer, type FakeServer } from '../../../test/helpers/fake-server.js';
import { dig, freePort, localCheckConfig, type LocalRecord, requireExecutables, stopProcess } from '../../../test/helpers/local-server.js';
import { caught, providerContext, spec } from '../../../test/helpers/provider-context.js';
import { FIRST_IP, FIRST_IPV6, SECOND_IP } from '../../../test/helpers/scenario.js';
import { createPowerdnsProvider } from './index.js';

/**
 * The real CLI against a real PowerDNS Authoritative server (pdns_server with the gsqlite3 backend)
 * on 127.0.0.1, as rfc2136-bind.test.ts runs BIND 9: the test makes an sqlite database from the
 * backend's schema in a temporary directory, starts `pdns_server` there (its own empty pdns.conf, so
 * /etc/powerdns is not read; free high ports for DNS and for the webserver; a random api-key),
 * creates the zone through the API (`POST /zones`), runs `ddns check` and asks `dig` what the
 * server now answers. `.ci/run` installs pdns-server, pdns-backend-sqlite3, sqlite3 and
 * bind9-dnsutils; without them this test fails instead of skipping.
 */

const ZONE = 'example.test';
const SCHEMA = '/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql';
const PACKAGES = ['pdns-server', 'pdns-backend-sqlite3', 'sqlite3', 'bind9-dnsutils'];
const NEEDS = 'PowerDNS Authoritative with the sqlite3 backend, sqlite3 and dig';
/** What a wrong key looks like: the server's own is random per run. */
const WRONG_KEY = 'wrong-powerdns-api-key-0123456789';

interface Pdns {
  dir: string;
  /** The DNS port (UDP and TCP). */
  port: number;
  /** The webserver's URL, what `server` says. */
  url: string;
  apiKey: string;
  process: ResultPromise;
  output: () => string;
}

async function api(pdns: Pdns, method: string, path: string, body?: object): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(`${pdns.url}/api/v1/servers/localhost${path}`, {
    method,
    headers: { 'X-API-Key': pdns.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function startPdns(pdnsServer: string, sqlite3: string): Promise<Pdns> {
  const dir = await mkdtemp(join(tmpdir(), 'ddns-pdns-'));
  const database = join(dir, 'pdns.sqlite3');
  await execa(sqlite3, [database], { inputFile: SCHEMA });
  await writeFile(join(dir, 'pdns.conf'), '# empty: every setting is on the command line\n');
  const port = await freePort();
  const webPort = await freePort({ udp: false });
  const apiKey = randomBytes(18).toString('base64url');
  const args = [
    `--config-dir=${dir}`,
    '--launch=gsqlite3',
    `--gsqlite3-database=${database}`,
    '--local-address=127.0.0.1',
    `--local-port=${port}`,
    '--webserver=yes',
    '--webserver-address=127.0.0.1',
    `--webserver-port=${webPort}`,
    '--webserver-allow-from=127.0.0.1',
    '--api=yes',
    `--api-key=${apiKey}`,
    `--socket-dir=${dir}`,
    // No query for the security status of this version to the internet.
    '--security-poll-suffix=',
    '--disable-syslog',
    '--guardian=no',
    '--daemon=no',
  ];
  let output = '';
  const child = execa(pdnsServer, args, { reject: false, all: true, stdin: 'ignore' });
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const pdns: Pdns = { dir, port, url: `http://127.0.0.1:${webPort}`, apiKey, process: child, output: () => output };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pdns_server exited with ${child.exitCode} before answering:\n${output}`);
    if ((await api(pdns, 'GET', '').catch(() => undefined))?.status === 200) return pdns;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopProcess(child);
  throw new Error(`pdns_server's API did not answer on ${pdns.url} within 20s:\n${output}`);
}

/** The zone as a user makes it through the API: NS, the SOA PowerDNS adds, and a two-address RRset. */
async function createZone(pdns: Pdns): Promise<void> {
  const created = await api(pdns, 'POST', '/zones', {
    name: `${ZONE}.`,
    kind: 'Native',
    nameservers: [`ns1.${ZONE}.`],
    rrsets: [
      {
        name: `multi.${ZONE}.`,
        type: 'A',
        ttl: 600,
        changetype: 'REPLACE',
        records: [
          { content: '81.2.69.1', disabled: false },
          { content: '81.2.69.2', disabled: false },
        ],
      },
    ],
  });
  if (created.status !== 201) throw new Error(`POST /zones answered HTTP ${created.status}: ${created.text}`);
}

async function serial(pdns: Pdns): Promise<number> {
  const zone = await api(pdns, 'GET', `/zones/${ZONE}.`);
  return (JSON.parse(zone.text) as { serial: number }).serial;
}

describe('powerdns against a real PowerDNS Authoritative server', () => {
  let pdns: Pdns | undefined;
  let ipEcho: FakeServer;
  const ip = { v4: FIRST_IP, v6: FIRST_IPV6 };
  let runDir: string;

  beforeAll(async () => {
    const [pdnsServer, sqlite3] = await requireExecutables(['pdns_server', 'sqlite3', 'dig'], NEEDS, PACKAGES);
    await access(SCHEMA).catch(() => {
      throw new Error(
        `${SCHEMA} is missing: this test needs ${NEEDS}. .ci/run installs it; on Debian/Ubuntu run: apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`,
      );
    });
    ipEcho = await startFakeServer((request) => ({ body: `${request.path === '/v6' ? ip.v6 : ip.v4}\n` }));
    pdns = await startPdns(pdnsServer, sqlite3);
    await createZone(pdns);
  }, 40_000);

  afterAll(async () => {
    if (pdns !== undefined) {
      await stopProcess(pdns.process);
      await rm(pdns.dir, { recursive: true, force: true });
    }
    await ipEcho?.close();
  });

  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'ddns-powerdns-'));
    ip.v4 = FIRST_IP;
    ip.v6 = FIRST_IPV6;
  });
  afterEach(async () => {
    await rm(runDir, { recursive: true, force: true });
  });

  const server = (): Pdns => {
    if (pdns === undefined) throw new Error('pdns_server did not start');
    return pdns;
  };

  /** Writes a config for the records and runs `ddns check` on it; the key comes from a file, as recommended. */
  async function check(records: LocalRecord[], options: { apiKey?: string } = {}): Promise<CliResult> {
    await writeFile(join(runDir, 'pdns.key'), `${options.apiKey ?? server().apiKey}\n`, { mode: 0o600 });
    const config = localCheckConfig(ipEcho.url, { name: 'pdns', lines: ['type = "powerdns"', `server = "${server().url}"`, 'api_key_file = "pdns.key"'] }, records);
    await writeFile(join(runDir, 'config.toml'), config, { mode: 0o600 });
    return runDdns(['check', '--config', join(runDir, 'config.toml')]);
  }

  it('creates an A record, sends nothing while it is unchanged, and makes one write when the address changes; dig sees each value', async () => {
    expect(await dig(server(), `home.${ZONE}`, 'A')).toBe('');

    let result = await check([{ name: `home.${ZONE}`, type: 'A' }]);
    expect({ exit: result.exitCode, out: result.stdout }).toEqual({ exit: 0, out: expect.stringMatching(/created\s+home\.example\.test A \(pdns\)\s+→ 81\.2\.69\.160/) });
    expect(await dig(server(), `home.${ZONE}`, 'A')).toBe(FIRST_IP);

    // Unchanged address: the state says PowerDNS holds it, nothing is sent.
    const before = await serial(server());
    result = await check([{ name: `home.${ZONE}`, type: 'A' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.test/);
    expect(result.stdout).toMatch(/ · 0 provider requests · /);
    expect(await serial(server())).toBe(before);

    ip.v4 = SECOND_IP;
    result = await check([{ name: `home.${ZONE}`, type: 'A' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/updated\s+home\.example\.test A \(pdns\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    // The zone listing, the RRset's read and the one PATCH; the serial moves by that one change.
    expect(result.stdout).toMatch(/ · 3 provider requests · /);
    expect(await serial(server())).toBe(before + 1);
    expect(await dig(server(), `home.${ZONE}`, 'A')).toBe(SECOND_IP);
  }, 90_000);

  it('creates an AAAA record with the configured ttl', async () => {
    const result = await check([{ name: `v6.${ZONE}`, type: 'AAAA', extra: 'ttl = 120' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+v6\.example\.test AAAA \(pdns\)\s+→ 2a02:1388:1000::160/);
    const full = await execa('dig', ['@127.0.0.1', '-p', String(server().port), `v6.${ZONE}`, 'AAAA', '+noall', '+answer']);
    expect(String(full.stdout)).toMatch(/^v6\.example\.test\.\s+120\s+IN\s+AAAA\s+2a02:1388:1000::160$/m);
  }, 60_000);

  it('replaces an RRset of two addresses with the one address, keeping its ttl', async () => {
    expect(await dig(server(), `multi.${ZONE}`, 'A')).toBe('81.2.69.1\n81.2.69.2');
    const result = await check([{ name: `multi.${ZONE}`, type: 'A' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/updated\s+multi\.example\.test A \(pdns\)\s+81\.2\.69\.1, 81\.2\.69\.2 → 81\.2\.69\.160/);
    const full = await execa('dig', ['@127.0.0.1', '-p', String(server().port), `multi.${ZONE}`, 'A', '+noall', '+answer']);
    expect(String(full.stdout).trim()).toMatch(/^multi\.example\.test\.\s+600\s+IN\s+A\s+81\.2\.69\.160$/);
  }, 60_000);

  it('exits 4 with a clear auth message when the API key is wrong, and changes nothing', async () => {
    const result = await check([{ name: `wrong.${ZONE}`, type: 'A' }], { apiKey: WRONG_KEY });
    expect(result.exitCode).toBe(4);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/PowerDNS rejected the API key: Unauthorized \(HTTP 401\); check api_key/);
    for (const secret of [WRONG_KEY, server().apiKey]) {
      expect(output).not.toContain(secret);
      expect(await readFile(join(runDir, 'ddns.log'), 'utf8')).not.toContain(secret);
    }
    expect(await dig(server(), `wrong.${ZONE}`, 'A')).toBe('');
  }, 60_000);

  describe('the provider directly against pdns_server', () => {
    const provider = (options: Record<string, unknown> = {}) => createPowerdnsProvider({ server: server().url, api_key: server().apiKey, server_id: 'localhost', ...options }, providerContext());

    it('finds no A at the apex (only the SOA and NS are there) nor an AAAA beside an A, and an unknown server id is not-found', async () => {
      expect(await provider().find(spec(ZONE))).toBeUndefined();
      expect(await provider().find(spec(`multi.${ZONE}`, 'AAAA'))).toBeUndefined();
      const missing = await caught(provider({ server_id: 'nope' }).find(spec(`home.${ZONE}`)));
      expect(missing).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/not found: Not Found \(HTTP 404\); check server and server_id/) });
    });

    it('a name in no zone of the server is not-found; an address the server cannot parse is its 422, a config error', async () => {
      const outside = await caught(provider().find(spec('home.other.test')));
      expect(outside.kind).toBe('not-found');
      const refused = await caught(provider().create(spec(`bad.${ZONE}`), 'not-an-address'));
      expect(refused).toMatchObject({ kind: 'config', message: expect.stringMatching(/PATCH \/zones\/\{zone\} refused: .*Parsing record content.* \(HTTP 422\)/) });
    });
  });

  it('pdns_server really ran from the temporary directory', async () => {
    expect(server().output()).toMatch(/PowerDNS Authoritative Server 4\./);
    await expect(access(join(server().dir, 'pdns.controlsocket'))).resolves.toBeUndefined();
  });
});
