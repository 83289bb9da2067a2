import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { runDdns, type CliResult } from '../../../test/helpers/cli.js';
import { startFakeServer, type FakeServer } from '../../../test/helpers/fake-server.js';
import { dig, freePort, localCheckConfig, type LocalRecord, requireExecutables, stopProcess } from '../../../test/helpers/local-server.js';
import { FIRST_IP, FIRST_IPV6, SECOND_IP } from '../../../test/helpers/scenario.js';
import { ProviderError } from '../../http/errors.js';
import { createRfc2136ProviderWith } from './index.js';
import { decodeSecret } from './tsig.js';

/**
 * The real CLI against a real BIND 9 `named` on 127.0.0.1 with a free high port: the test writes
 * a zone, TSIG keys and a named.conf into a temporary directory, starts `named -g -c …` (no `-u`:
 * named then keeps the user that started it — root in CI, with its capabilities reduced but still
 * owner of the 0700 temporary directory, so it can write the journal; `-u bind` could not even
 * read that directory), runs `ddns check` and asks `dig` what the server now answers.
 * `.ci/run` installs bind9 and bind9-dnsutils; without them this test fails instead of skipping.
 */

const ZONE = 'example.test';
const KEY_NAME = 'ddns-key';
/** Base64 of 32 fixed bytes: a test-only key, the kind `tsig-keygen -a hmac-sha256` prints. */
const SECRET = 'j015qT2oK1/pCNx6tMifY3pffNMo9rgOdIneuiN0IK4=';
const WRONG_SECRET = 'AAAAqT2oK1/pCNx6tMifY3pffNMo9rgOdIneuiN0IK4=';
/** A second key that update-policy lets change only `only.example.test`. */
const LIMITED_KEY = 'limited-key';
const LIMITED_SECRET = 'bGltaXRlZC1rZXktc2VjcmV0LWZvci10ZXN0cy0wMDE=';
/** More A records than fit in a 512-byte UDP answer: reading them needs the TCP fallback. */
const BIG_RRSET = Array.from({ length: 40 }, (_, index) => `big IN A 81.2.69.${index + 1}`);

interface Bind {
  dir: string;
  port: number;
  process: ResultPromise;
  output: () => string;
}

async function startBind(named: string): Promise<Bind> {
  const dir = await mkdtemp(join(tmpdir(), 'ddns-bind-'));
  const port = await freePort();
  await writeFile(
    join(dir, `${ZONE}.zone`),
    [
      '$TTL 300',
      `@ IN SOA ns1.${ZONE}. hostmaster.${ZONE}. 1 3600 600 86400 300`,
      `@ IN NS ns1.${ZONE}.`,
      'ns1 IN A 127.0.0.1',
      'home IN A 81.2.69.1',
      ...BIG_RRSET,
      '',
    ].join('\n'),
  );
  await writeFile(
    join(dir, 'keys.conf'),
    `key "${KEY_NAME}" { algorithm hmac-sha256; secret "${SECRET}"; };\nkey "${LIMITED_KEY}" { algorithm hmac-sha256; secret "${LIMITED_SECRET}"; };\n`,
  );
  await writeFile(
    join(dir, 'named.conf'),
    [
      `include "${join(dir, 'keys.conf')}";`,
      'options {',
      `  directory "${dir}";`,
      `  listen-on port ${port} { 127.0.0.1; };`,
      '  listen-on-v6 { none; };',
      `  pid-file "${join(dir, 'named.pid')}";`,
      // Keep every file named writes inside the temporary directory (defaults are under /run and /var).
      `  session-keyfile "${join(dir, 'session.key')}";`,
      `  managed-keys-directory "${dir}";`,
      '  recursion no;',
      '  dnssec-validation no;',
      '};',
      // No rndc command channel: it would bind 127.0.0.1:953 and clash with a system named or a parallel run.
      'controls { };',
      `zone "${ZONE}" {`,
      '  type master;',
      `  file "${join(dir, `${ZONE}.zone`)}";`,
      `  journal "${join(dir, `${ZONE}.jnl`)}";`,
      `  update-policy { grant ${KEY_NAME} zonesub ANY; grant ${LIMITED_KEY} name only.${ZONE} A; };`,
      '};',
      '',
    ].join('\n'),
  );
  let output = '';
  const child = execa(named, ['-g', '-c', join(dir, 'named.conf')], { reject: false, all: true, stdin: 'ignore' });
  child.all?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const bind: Bind = { dir, port, process: child, output: () => output };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`named exited with ${child.exitCode} before answering:\n${output}`);
    if ((await dig(bind, ZONE, 'SOA').catch(() => '')) !== '') return bind;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`named did not answer on 127.0.0.1:${port} within 20s:\n${output}`);
}

async function stopBind(bind: Bind | undefined): Promise<void> {
  if (bind === undefined) return;
  await stopProcess(bind.process);
  await rm(bind.dir, { recursive: true, force: true });
}

describe('rfc2136 against a real BIND 9 named', () => {
  let bind: Bind | undefined;
  let ipEcho: FakeServer;
  const ip = { v4: FIRST_IP, v6: FIRST_IPV6 };
  let runDir: string;

  beforeAll(async () => {
    const [named] = await requireExecutables(['named', 'dig'], 'BIND 9', ['bind9', 'bind9-dnsutils']);
    ipEcho = await startFakeServer((request) => ({ body: `${request.path === '/v6' ? ip.v6 : ip.v4}\n` }));
    bind = await startBind(named);
  }, 40_000);

  afterAll(async () => {
    await stopBind(bind);
    await ipEcho?.close();
  });

  beforeEach(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'ddns-rfc2136-'));
    ip.v4 = FIRST_IP;
    ip.v6 = FIRST_IPV6;
  });
  afterEach(async () => {
    await rm(runDir, { recursive: true, force: true });
  });

  const server = () => `127.0.0.1:${bind?.port ?? 0}`;

  /** Writes a config for the records and runs `ddns check` on it; the secret comes from a file, as recommended. */
  async function check(records: LocalRecord[], options: { secret?: string; args?: string[] } = {}): Promise<CliResult> {
    await writeFile(join(runDir, 'tsig.secret'), `${options.secret ?? SECRET}\n`, { mode: 0o600 });
    const config = localCheckConfig(ipEcho.url, { name: 'bind', lines: ['type = "rfc2136"', `server = "${server()}"`, `tsig_name = "${KEY_NAME}"`, 'tsig_algorithm = "hmac-sha256"', 'tsig_secret_file = "tsig.secret"'] }, records);
    await writeFile(join(runDir, 'config.toml'), config, { mode: 0o600 });
    return runDdns(['check', '--config', join(runDir, 'config.toml'), ...(options.args ?? [])]);
  }

  it('replaces an A record, then updates it when the address changes; dig sees each value', async () => {
    expect(await dig(bind!, `home.${ZONE}`, 'A')).toBe('81.2.69.1');

    let result = await check([{ name: `home.${ZONE}`, type: 'A' }]);
    expect({ exit: result.exitCode, out: result.stdout }).toEqual({ exit: 0, out: expect.stringMatching(/updated\s+home\.example\.test A \(bind\)\s+81\.2\.69\.1 → 81\.2\.69\.160/) });
    expect(await dig(bind!, `home.${ZONE}`, 'A')).toBe(FIRST_IP);

    ip.v4 = SECOND_IP;
    result = await check([{ name: `home.${ZONE}`, type: 'A' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/updated\s+home\.example\.test A \(bind\)\s+81\.2\.69\.160 → 81\.2\.69\.192/);
    expect(await dig(bind!, `home.${ZONE}`, 'A')).toBe(SECOND_IP);
    // DNS messages count as provider requests too: the record's query (whose authority section
    // names the zone, so no SOA walk), the update, and the read-back of the new value.
    expect(result.stdout).toMatch(/ · 3 provider requests · /);

    // Unchanged address: the state says BIND holds it, nothing is sent.
    result = await check([{ name: `home.${ZONE}`, type: 'A' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/unchanged\s+home\.example\.test/);
    expect(result.stdout).toMatch(/ · 0 provider requests · /);
    expect(bind!.output()).toMatch(/adding an RR at 'home\.example\.test' A 81\.2\.69\.192/);
  }, 90_000);

  it('creates an AAAA record with the configured ttl', async () => {
    const result = await check([{ name: `v6.${ZONE}`, type: 'AAAA', extra: 'ttl = 120' }]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/created\s+v6\.example\.test AAAA \(bind\)\s+→ 2a02:1388:1000::160/);
    expect(await dig(bind!, `v6.${ZONE}`, 'AAAA')).toBe(FIRST_IPV6);
    const full = await execa('dig', ['@127.0.0.1', '-p', String(bind!.port), `v6.${ZONE}`, 'AAAA', '+noall', '+answer']);
    expect(String(full.stdout)).toMatch(/^v6\.example\.test\.\s+120\s+IN\s+AAAA\s+2a02:1388:1000::160$/m);
  }, 60_000);

  it('reads a 40-address RRset over TCP (the UDP answer is truncated) and replaces it with one address', async () => {
    expect((await dig(bind!, `big.${ZONE}`, 'A')).split('\n')).toHaveLength(40);
    const result = await check([{ name: `big.${ZONE}`, type: 'A' }], { args: ['-v'] });
    expect(result.exitCode).toBe(0);
    expect(`${result.stdout}\n${result.stderr}`).toMatch(/truncated UDP answer from 127\.0\.0\.1:\d+; asking again over TCP/);
    expect(result.stdout).toMatch(/updated\s+big\.example\.test A \(bind\)\s+81\.2\.69\.1, 81\.2\.69\.2, .* → 81\.2\.69\.160/);
    expect(await dig(bind!, `big.${ZONE}`, 'A')).toBe(FIRST_IP);
  }, 60_000);

  it('exits 4 with a clear auth message when the TSIG secret is wrong, and changes nothing', async () => {
    const before = await dig(bind!, `wrong.${ZONE}`, 'A');
    const result = await check([{ name: `wrong.${ZONE}`, type: 'A' }], { secret: WRONG_SECRET });
    expect(result.exitCode).toBe(4);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/rejected the TSIG key "ddns-key" \(hmac-sha256\) with BADSIG/);
    expect(output).not.toContain(WRONG_SECRET);
    expect(await readFile(join(runDir, 'ddns.log'), 'utf8')).not.toContain(WRONG_SECRET);
    expect(await readFile(join(runDir, 'state.json'), 'utf8')).not.toContain(WRONG_SECRET);
    expect(await dig(bind!, `wrong.${ZONE}`, 'A')).toBe(before);
    expect(before).toBe('');
  }, 60_000);

  describe('the provider directly against named', () => {
    const key = (name: string, secret: string) => ({ name, algorithm: 'hmac-sha256' as const, secret: decodeSecret(secret) });
    const spec = (name: string) => ({ name, type: 'A' as const, zone: undefined, ttl: undefined, options: {} });
    const provider = (options: { keyName?: string; secret?: string; now?: () => number } = {}) =>
      createRfc2136ProviderWith(
        {
          server: { host: '127.0.0.1', port: bind?.port ?? 0 },
          key: key(options.keyName ?? KEY_NAME, options.secret ?? SECRET),
          timeoutMs: 3000,
          ...(options.now ? { now: options.now } : {}),
        },
        { debug() {}, warn() {} },
      );
    async function failure(promise: Promise<unknown>): Promise<ProviderError> {
      const error = await promise.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
      return error;
    }

    it('maps named\'s BADTIME to clock-skew, telling how many minutes the clock is off', async () => {
      const error = await failure(provider({ now: () => Date.now() - 17 * 60_000 }).find(spec(`home.${ZONE}`)));
      expect(error.kind).toBe('clock-skew');
      expect(error.message).toMatch(/BADTIME\): the system clock is 17 minutes off \(behind the server's /);
    });

    it('maps an update-policy refusal (REFUSED) to an auth error naming the policy', async () => {
      const limited = provider({ keyName: LIMITED_KEY, secret: LIMITED_SECRET });
      const error = await failure(limited.create(spec(`home.${ZONE}`), FIRST_IP));
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(/refused the update of home\.example\.test A in zone example\.test \(REFUSED\): its update-policy/);
      // The same key may change the one name the policy grants it.
      await expect(limited.create(spec(`only.${ZONE}`), FIRST_IP)).resolves.toMatchObject({ content: FIRST_IP });
      expect(await dig(bind!, `only.${ZONE}`, 'A')).toBe(FIRST_IP);
    });

    it('reports an unknown key name as BADKEY and a name outside the served zones as a config error', async () => {
      const unknownKey = await failure(provider({ keyName: 'no-such-key' }).find(spec(`home.${ZONE}`)));
      expect(unknownKey).toMatchObject({ kind: 'auth', message: expect.stringMatching(/rejected the TSIG key "no-such-key" .* with BADKEY/) });
      const outside = await failure(provider().create(spec('home.other.test'), FIRST_IP));
      expect(outside.kind).toBe('config');
      expect(outside.message).toMatch(/does not serve a zone containing home\.other\.test/);
    });
  });

  it('named really ran from the temporary directory and wrote its journal there', async () => {
    expect(bind!.output()).toMatch(/running/);
    await expect(access(join(bind!.dir, `${ZONE}.jnl`))).resolves.toBeUndefined();
  });
});
