import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDdns } from '../helpers/cli.js';
import { startFakeServer, type FakeServer, type SeenRequest } from '../helpers/fake-server.js';
import { startFakeCloudflare, type FakeCloudflare } from '../../src/providers/cloudflare/fake.js';
import { startFakeDnspod, type FakeDnspod } from '../../src/providers/dnspod/fake.js';
import { startFakeAlidns, type FakeAlidns } from '../../src/providers/alidns/fake.js';
import type { RunReport } from '../../src/core/check.js';

/**
 * 200 records over three providers, through the real CLI: the requests a run sends grow with
 * the records that need work, and finding the zones costs a listing per provider, not a lookup
 * per record.
 */

const CF_TOKEN = 'scale-test-token-7d1e4a9c';
const DNSPOD_ID = 'AKIDscaleTest0123456789abcdefghij';
const DNSPOD_KEY = 'scaleDnspodSecretKey_0a1b2c3d4e5f';
const ALIDNS_ID = 'LTAIscaleTest01234567';
const ALIDNS_SECRET = 'scaleAlidnsSecret0123456789abcd';
const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';

/** 100 Cloudflare records in 2 zones (among 70 the token sees: two pages), 60 DNSPod in 2, 40 Alidns in 1. */
const CLOUDFLARE_ZONES = ['example.com', 'example.net', ...Array.from({ length: 68 }, (_, index) => `unused${index}.example`)];
const cloudflareNames = Array.from({ length: 100 }, (_, index) => `cf${index}.${index % 2 === 0 ? 'example.com' : 'example.net'}`);
const dnspodNames = Array.from({ length: 60 }, (_, index) => `pod${index}.${index % 2 === 0 ? 'example.org' : 'example.com.cn'}`);
const alidnsNames = Array.from({ length: 40 }, (_, index) => `ali${index}.example.cn`);

function recordTables(provider: string, names: string[]): string[] {
  return names.flatMap((name) => ['[[record]]', `provider = "${provider}"`, `name = "${name}"`, 'type = "A"', '']);
}

/** Requests of one run at one provider, by kind. */
interface Counts {
  zoneLookups: number;
  reads: number;
  writes: number;
  total: number;
}

describe('200 records across three providers (real CLI)', () => {
  let dir: string;
  let configPath: string;
  let cloudflare: FakeCloudflare;
  let dnspod: FakeDnspod;
  let alidns: FakeAlidns;
  let ipEcho: FakeServer;
  const ip = { current: FIRST_IP };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ddns-scale-'));
    configPath = join(dir, 'config.toml');
    cloudflare = await startFakeCloudflare({ token: CF_TOKEN, zones: CLOUDFLARE_ZONES });
    dnspod = await startFakeDnspod({ secretId: DNSPOD_ID, secretKey: DNSPOD_KEY, domains: ['example.org', 'example.com.cn'] });
    alidns = await startFakeAlidns({ accessKeyId: ALIDNS_ID, accessKeySecret: ALIDNS_SECRET, domains: ['example.cn'] });
    ipEcho = await startFakeServer(() => ({ body: `${ip.current}\n` }));
    const config = [
      '[settings]',
      'state_file = "state.json"',
      'log_file = "ddns.log"',
      'timeout = "5s"',
      'retries = 0',
      'detect_wait = "0s"',
      '',
      '[ip.ipv4]',
      `sources = ["${ipEcho.url}/v4"]`,
      '',
      '[[provider]]',
      'name = "cf"',
      'type = "cloudflare"',
      `api_token = "${CF_TOKEN}"`,
      `endpoint = "${cloudflare.url}"`,
      '',
      '[[provider]]',
      'name = "pod"',
      'type = "dnspod"',
      `secret_id = "${DNSPOD_ID}"`,
      `secret_key = "${DNSPOD_KEY}"`,
      `endpoint = "${dnspod.url}"`,
      '',
      '[[provider]]',
      'name = "ali"',
      'type = "alidns"',
      `access_key_id = "${ALIDNS_ID}"`,
      `access_key_secret = "${ALIDNS_SECRET}"`,
      `endpoint = "${alidns.url}"`,
      '',
      // Interleaved, so that every provider has records in flight at once.
      ...Array.from({ length: 100 }, (_, index) => [
        ...recordTables('cf', [cloudflareNames[index] ?? '']),
        ...(index < 60 ? recordTables('pod', [dnspodNames[index] ?? '']) : []),
        ...(index < 40 ? recordTables('ali', [alidnsNames[index] ?? '']) : []),
      ]).flat(),
    ].join('\n');
    await writeFile(configPath, config, { mode: 0o600 });
  });

  afterAll(async () => {
    await Promise.all([cloudflare.close(), dnspod.close(), alidns.close(), ipEcho.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs `ddns check --json` and returns its report and each provider's requests during it, by kind. */
  async function check(): Promise<{ report: RunReport; cloudflare: Counts; dnspod: Counts; alidns: Counts }> {
    const before = { cf: cloudflare.server.requests.length, pod: dnspod.server.requests.length, ali: alidns.calls().length };
    const result = await runDdns(['check', '--config', configPath, '--json']);
    expect(result.stderr).not.toContain('error');
    const report = JSON.parse(result.stdout) as RunReport;
    const cfRequests = cloudflare.server.requests.slice(before.cf);
    const isZoneListing = (request: SeenRequest) => request.path === '/client/v4/zones';
    const podActions = dnspod.actions().slice(before.pod);
    const aliActions = alidns.calls().slice(before.ali).map((call) => call.action);
    const count = (actions: string[], zone: string[], read: string[]): Counts => ({
      zoneLookups: actions.filter((action) => zone.includes(action)).length,
      reads: actions.filter((action) => read.includes(action)).length,
      writes: actions.filter((action) => !zone.includes(action) && !read.includes(action)).length,
      total: actions.length,
    });
    return {
      report,
      cloudflare: {
        zoneLookups: cfRequests.filter(isZoneListing).length,
        reads: cfRequests.filter((request) => request.method === 'GET' && !isZoneListing(request)).length,
        writes: cfRequests.filter((request) => request.method !== 'GET').length,
        total: cfRequests.length,
      },
      dnspod: count(podActions, ['DescribeDomainList'], ['DescribeRecordList']),
      alidns: count(aliActions, ['DescribeDomains'], ['DescribeSubDomainRecords']),
    };
  }

  it('creates every record with one listing of the zones per provider, then sends nothing, then one write per record by id (Cloudflare) or one read and one write', async () => {
    // 1. First run: every record is created.
    let run = await check();
    expect(run.report.exitCode).toBe(0);
    expect(run.report.summary).toMatchObject({ created: 200, failed: 0 });
    expect(run.report.records.map((record) => record.name)).toEqual(
      Array.from({ length: 100 }, (_, index) => [cloudflareNames[index], ...(index < 60 ? [dnspodNames[index]] : []), ...(index < 40 ? [alidnsNames[index]] : [])]).flat(),
    );
    // Zone lookups: Cloudflare's 70 zones are two pages of 50; DNSPod and Alidns list theirs in one.
    expect(run.cloudflare).toEqual({ zoneLookups: 2, reads: 100, writes: 100, total: 202 });
    expect(run.dnspod).toEqual({ zoneLookups: 1, reads: 60, writes: 60, total: 121 });
    expect(run.alidns).toEqual({ zoneLookups: 1, reads: 40, writes: 40, total: 81 });
    expect(run.report.providerRequests).toBe(202 + 121 + 81);
    expect(cloudflare.records()).toHaveLength(100);
    expect(dnspod.addressRecords()).toHaveLength(60);
    expect(alidns.records()).toHaveLength(40);

    // 2. Same address: the state answers for every record; not one provider request.
    run = await check();
    expect(run.report.exitCode).toBe(0);
    expect(run.report.summary).toMatchObject({ unchanged: 200 });
    expect(run.report.records.every((record) => record.cached === true)).toBe(true);
    expect(run.report.providerRequests).toBe(0);
    expect([run.cloudflare.total, run.dnspod.total, run.alidns.total]).toEqual([0, 0, 0]);

    // 3. New address: Cloudflare updates by the id the state knows (one write per record, no read);
    // the others read and write each record; plus the same zone listings as before.
    ip.current = SECOND_IP;
    run = await check();
    expect(run.report.exitCode).toBe(0);
    expect(run.report.summary).toMatchObject({ updated: 200, failed: 0 });
    expect(run.cloudflare).toEqual({ zoneLookups: 2, reads: 0, writes: 100, total: 102 });
    expect(run.dnspod).toEqual({ zoneLookups: 1, reads: 60, writes: 60, total: 121 });
    expect(run.alidns).toEqual({ zoneLookups: 1, reads: 40, writes: 40, total: 81 });
    expect(cloudflare.records().every((record) => record.content === SECOND_IP)).toBe(true);
    expect(dnspod.addressRecords().every((record) => record.Value === SECOND_IP)).toBe(true);
    expect(alidns.records().every((record) => record.Value === SECOND_IP)).toBe(true);
  });
});
