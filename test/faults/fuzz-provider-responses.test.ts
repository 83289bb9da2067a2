/**
 * Bad input, part 3: malformed answers from a provider's API. Whatever the API (or a proxy, a
 * captive portal, a broken load balancer in front of it) sends, the provider must fail with a
 * ProviderError whose kind tells the core the truth (transient → retried, protocol/config → not),
 * with a one-line message, never a TypeError; and through the CLI such a run exits 4 and never
 * marks the record current in the state.
 *
 * The table of malformed replies is provider-independent; PROVIDERS_UNDER_TEST says how to start a
 * provider's fake and configure the provider. Only Cloudflare is wired so far: add an entry per
 * provider with a fake (and per-provider outcome overrides if its wire format needs them).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROVIDERS } from '../../src/providers/registry.js';
import { ProviderError, type ProviderErrorKind } from '../../src/http/errors.js';
import { createHttpClient } from '../../src/http/client.js';
import { isWriteOnly, type Provider, type RecordSpec, type WriteOnlyProvider } from '../../src/providers/types.js';
import { startFakeCloudflare } from '../fakes/cloudflare.js';
import { startFakeServer, type FakeReply, type FakeServer } from '../helpers/fake-server.js';
import { runDdns, type CliResult } from '../helpers/cli.js';
import { formatRunReport } from '../../src/cli/output.js';
import type { RunReport } from '../../src/core/check.js';

const FIRST_IP = '81.2.69.160';
const SECOND_IP = '81.2.69.192';
const RECORD_NAME = 'home.example.com';
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MAX_MESSAGE_LENGTH = 300;

// ---------------------------------------------------------------------------------------------
// Providers under test

interface RunningFake {
  /** The fake's HTTP server: requests, writes(), injectFault(). */
  server: FakeServer;
  /** What the provider's `endpoint` must be to reach the fake. */
  endpoint: string;
  /** Seeds an A record as if made by hand. */
  addRecord(name: string, ip: string): void;
  /** The A record's content as the fake holds it now. */
  recordContent(name: string): string | undefined;
  close(): Promise<void>;
}

interface ProviderUnderTest {
  type: string;
  startFake(): Promise<RunningFake>;
  /** The provider's options as the factory receives them (secrets already resolved). */
  options: Record<string, unknown>;
  /** The lines of its `[[provider]]` table (besides name), for the CLI. */
  configLines(endpoint: string): string[];
  /** Malformed-reply outcomes that differ from the table's for this provider's wire format. */
  overrides?: Record<string, readonly Outcome[]>;
}

const CLOUDFLARE_TOKEN = 'fuzz-cf-token_0123456789abcdef';

const PROVIDERS_UNDER_TEST: readonly ProviderUnderTest[] = [
  {
    type: 'cloudflare',
    async startFake() {
      const fake = await startFakeCloudflare({ token: CLOUDFLARE_TOKEN, zones: ['example.com'] });
      return {
        server: fake.server,
        endpoint: fake.url,
        addRecord: (name, ip) => void fake.addRecord({ zone: 'example.com', type: 'A', name, content: ip }),
        recordContent: (name) => fake.records().find((record) => record.name === name && record.type === 'A')?.content,
        close: () => fake.close(),
      };
    },
    options: { api_token: CLOUDFLARE_TOKEN },
    configLines: (endpoint) => ['type = "cloudflare"', `api_token = "${CLOUDFLARE_TOKEN}"`, `endpoint = "${endpoint}"`],
  },
];

// ---------------------------------------------------------------------------------------------
// Malformed replies

/** 'ok': the call may succeed (the damage was in a part the provider does not need). */
type Outcome = ProviderErrorKind | 'ok';

interface MalformedReply {
  label: string;
  reply: FakeReply;
  outcomes: readonly Outcome[];
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const HTML_TYPE = { 'Content-Type': 'text/html; charset=utf-8' };
const envelope = (fields: object): string => JSON.stringify({ success: true, errors: [], messages: [], ...fields });

const MALFORMED: readonly MalformedReply[] = [
  { label: 'truncated JSON (200)', reply: { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":[{"id":"0123' }, outcomes: ['protocol'] },
  { label: 'truncated JSON (500)', reply: { status: 500, headers: JSON_TYPE, body: '{"success":false,"errors":[{"code":10' }, outcomes: ['transient'] },
  { label: 'plain text "OK" (200)', reply: { status: 200, body: 'OK' }, outcomes: ['protocol'] },
  { label: 'empty body (200)', reply: { status: 200, headers: JSON_TYPE, body: '' }, outcomes: ['protocol'] },
  { label: 'empty body (204)', reply: { status: 204, body: '' }, outcomes: ['protocol'] },
  {
    label: 'HTML 502 page from a load balancer',
    reply: { status: 502, headers: HTML_TYPE, body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n' },
    outcomes: ['transient'],
  },
  { label: 'HTML 503 page', reply: { status: 503, headers: HTML_TYPE, body: '<!doctype html><title>Error 503</title><p>Service unavailable. 10.0.0.1</p>' }, outcomes: ['transient'] },
  { label: 'HTML 200 page (captive portal)', reply: { status: 200, headers: HTML_TYPE, body: '<html><body><form>Log in to use the Wi-Fi</form></body></html>' }, outcomes: ['protocol'] },
  { label: 'HTML 429 page', reply: { status: 429, headers: HTML_TYPE, body: '<html>Too many requests</html>' }, outcomes: ['rate-limit'] },
  { label: '429 with a nonsense Retry-After', reply: { status: 429, headers: { ...JSON_TYPE, 'Retry-After': 'soon-ish' }, body: '{}' }, outcomes: ['rate-limit'] },
  { label: 'JSON null', reply: { status: 200, headers: JSON_TYPE, body: 'null' }, outcomes: ['protocol'] },
  { label: 'JSON array', reply: { status: 200, headers: JSON_TYPE, body: '[]' }, outcomes: ['protocol'] },
  { label: 'JSON string', reply: { status: 200, headers: JSON_TYPE, body: '"success"' }, outcomes: ['protocol'] },
  { label: 'JSON number 1e999', reply: { status: 200, headers: JSON_TYPE, body: '1e999' }, outcomes: ['protocol'] },
  { label: 'JSON with a byte-order mark', reply: { status: 200, headers: JSON_TYPE, body: `\uFEFF${envelope({ result: [] })}` }, outcomes: ['protocol'] },
  { label: 'success:true, result missing', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: true, errors: [], messages: [] }) }, outcomes: ['protocol'] },
  { label: 'success:true, result null', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: null }) }, outcomes: ['protocol'] },
  { label: 'success:true, result a string', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: 'ok' }) }, outcomes: ['protocol'] },
  { label: 'success:true, result an empty object', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: {} }) }, outcomes: ['protocol'] },
  { label: 'success:true, result items of the wrong shape', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: [{ id: 5, name: null }, 'x', null] }) }, outcomes: ['protocol'] },
  { label: 'success as the string "true"', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: 'true', errors: [], result: [] }) }, outcomes: ['protocol'] },
  { label: 'success missing', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ errors: [], result: [] }) }, outcomes: ['protocol'] },
  { label: 'errors not an array (400)', reply: { status: 400, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: 'bad request', result: null }) }, outcomes: ['protocol'] },
  { label: 'errors not an array (503)', reply: { status: 503, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: { code: 1 }, result: null }) }, outcomes: ['transient'] },
  { label: 'error items of the wrong shape', reply: { status: 400, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: [{ code: 'x' }, 7], result: null }) }, outcomes: ['protocol'] },
  { label: '200 with success:false and an error', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: [{ code: 1000, message: 'Something went wrong' }], messages: [], result: null }) }, outcomes: ['config'] },
  { label: '200 with success:false and no errors', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: [], messages: [], result: null }) }, outcomes: ['config'] },
  { label: 'success:true with HTTP 500', reply: { status: 500, headers: JSON_TYPE, body: envelope({ result: [] }) }, outcomes: ['transient'] },
  { label: 'success:true with HTTP 400', reply: { status: 400, headers: JSON_TYPE, body: envelope({ result: [] }) }, outcomes: ['config'] },
  {
    label: 'huge numbers (1e999, 30-digit integers) in result_info',
    reply: { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":[],"result_info":{"page":1e999,"total_count":123456789012345678901234567890}}' },
    outcomes: ['protocol'],
  },
  {
    label: 'huge numbers in the result',
    reply: { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":[{"id":123456789012345678901234567890,"name":1e999,"ttl":1e999}]}' },
    outcomes: ['protocol'],
  },
  { label: 'result nested 100000 arrays deep', reply: { status: 200, headers: JSON_TYPE, body: `{"success":true,"errors":[],"result":${'['.repeat(100_000)}${']'.repeat(100_000)}}` }, outcomes: ['protocol'] },
  { label: 'a 5 MB body (cut at 1 MiB: no longer JSON)', reply: { status: 200, headers: JSON_TYPE, body: `{"success":true,"errors":[],"result":[${'"0123456789",'.repeat(400_000)}"x"]}` }, outcomes: ['protocol'] },
];

// ---------------------------------------------------------------------------------------------

interface Judged {
  outcome: Outcome | 'not a ProviderError';
  message?: string;
  problems: string[];
}

function judge(error: unknown, expected: readonly Outcome[]): Judged {
  if (error === undefined) return { outcome: 'ok', problems: expected.includes('ok') ? [] : ['succeeded on a malformed reply'] };
  if (!(error instanceof ProviderError)) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { outcome: 'not a ProviderError', problems: [`threw ${name}`] };
  }
  const problems: string[] = [];
  if (!expected.includes(error.kind)) problems.push(`kind ${error.kind}, expected ${expected.join(' or ')}`);
  if (CONTROL.test(error.message)) problems.push('message holds a line break or control character');
  if (error.message.length > MAX_MESSAGE_LENGTH) problems.push(`message is ${error.message.length} characters long`);
  if (/TypeError|Cannot read propert|undefined is not|is not a function|Maximum call stack/.test(error.message)) problems.push('message reports a crash');
  const retryable = error.kind === 'transient' || error.kind === 'rate-limit';
  if (error.retryable !== retryable) problems.push(`retryable is ${error.retryable} for kind ${error.kind}`);
  return { outcome: error.kind, message: error.message, problems };
}

async function outcomeOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

const quietLog = { debug() {}, warn() {} };

async function createProvider(target: ProviderUnderTest, endpoint: string): Promise<Provider | WriteOnlyProvider> {
  const metadata = PROVIDERS.get(target.type);
  if (metadata === undefined) throw new Error(`provider type ${target.type} is not registered`);
  const factory = await metadata.load();
  return factory(target.options, { http: createHttpClient({ timeoutMs: 3000 }), log: quietLog, endpoint, timeoutMs: 3000 });
}

const spec: RecordSpec = { name: RECORD_NAME, type: 'A', zone: undefined, ttl: undefined, options: {} };

for (const target of PROVIDERS_UNDER_TEST) {
  describe(`${target.type}: malformed API answers`, () => {
    let fake: RunningFake;
    beforeAll(async () => {
      fake = await target.startFake();
    });
    afterAll(async () => {
      await fake.close();
    });
    afterEach(() => {
      fake.server.clearFaults();
    });

    /**
     * Each operation meets the malformed reply on its first request of its own: `find` on a fresh
     * provider; `create` / `update` / `set` after a healthy `find` warmed the provider's caches.
     */
    it(`every operation × ${MALFORMED.length} malformed replies: a one-line ProviderError of the right kind, never a TypeError`, async () => {
      const failures: string[] = [];
      const seen = new Map<string, number>();
      for (const malformed of MALFORMED) {
        const expected = target.overrides?.[malformed.label] ?? malformed.outcomes;
        const inject = () => fake.server.injectFault({ kind: 'reply', reply: malformed.reply });
        const operations: [string, (provider: Provider | WriteOnlyProvider) => Promise<unknown> | undefined][] = [
          [
            'first request',
            (provider) => {
              inject();
              return isWriteOnly(provider) ? provider.set(spec, SECOND_IP) : provider.find(spec);
            },
          ],
          [
            'write',
            (provider) => {
              if (isWriteOnly(provider)) return undefined;
              return provider.find(spec).then((existing) => {
                inject();
                return existing === undefined ? provider.create(spec, SECOND_IP) : provider.update(spec, existing, SECOND_IP);
              });
            },
          ],
        ];
        for (const [name, operation] of operations) {
          fake.server.clearFaults();
          // A fresh provider per call, so no cache from an earlier call hides the malformed reply.
          const provider = await createProvider(target, fake.endpoint);
          if (name === 'write' && isWriteOnly(provider)) continue;
          const judged = judge(await outcomeOf(async () => operation(provider)), expected);
          seen.set(judged.outcome, (seen.get(judged.outcome) ?? 0) + 1);
          for (const problem of judged.problems) failures.push(`${name} / ${malformed.label}: ${problem}${judged.message ? ` — ${JSON.stringify(judged.message)}` : ''}`);
        }
      }
      expect(failures).toEqual([]);
      // Both transient and non-retryable failures really occurred.
      expect(seen.get('transient') ?? 0).toBeGreaterThan(0);
      expect(seen.get('protocol') ?? 0).toBeGreaterThan(0);
      // The record was never touched by a reply that did not come from the API.
      expect(fake.recordContent(RECORD_NAME)).not.toBe(SECOND_IP);
    }, 60_000);

    it('the same malformed replies on an update of an existing record: never a TypeError, the record is not changed', async () => {
      fake.addRecord(RECORD_NAME, FIRST_IP);
      const failures: string[] = [];
      for (const malformed of MALFORMED) {
        const expected = target.overrides?.[malformed.label] ?? malformed.outcomes;
        const provider = await createProvider(target, fake.endpoint);
        if (isWriteOnly(provider)) return;
        const existing = await provider.find(spec);
        expect(existing?.content).toBe(FIRST_IP);
        if (existing === undefined) return;
        fake.server.injectFault({ kind: 'reply', reply: malformed.reply });
        const judged = judge(await outcomeOf(() => provider.update(spec, existing, SECOND_IP)), expected);
        for (const problem of judged.problems) failures.push(`update / ${malformed.label}: ${problem}${judged.message ? ` — ${JSON.stringify(judged.message)}` : ''}`);
        expect(fake.recordContent(RECORD_NAME)).toBe(FIRST_IP);
      }
      expect(failures).toEqual([]);
    }, 60_000);
  });

  describe(`${target.type}: malformed answers through the CLI (exit 4, state never marked current)`, () => {
    let fake: RunningFake;
    let ipEcho: FakeServer;
    let front: FakeServer;
    let dir: string;
    let configPath: string;
    let statePath: string;
    let ip = FIRST_IP;
    /** A reply the front sends for PATCH/PUT/POST after forwarding the write to the fake (an answer lost on the way back). */
    let writeAnswer: FakeReply | undefined;

    beforeAll(async () => {
      fake = await target.startFake();
      ipEcho = await startFakeServer(() => ({ body: `${ip}\n` }));
      const upstream = new URL(fake.endpoint);
      // Forwards everything to the fake; can replace the answer to a write after the fake applied it.
      front = await startFakeServer(async (request) => {
        const url = new URL(`${upstream.origin}${request.path}`);
        url.search = request.query.toString();
        const headers: Record<string, string> = {};
        for (const name of ['authorization', 'content-type', 'accept', 'user-agent']) {
          const value = request.headers[name];
          if (typeof value === 'string') headers[name] = value;
        }
        const response = await fetch(url, { method: request.method, headers, ...(request.body === '' ? {} : { body: request.body }) });
        const body = await response.text();
        if (writeAnswer !== undefined && request.method !== 'GET') return writeAnswer;
        return { status: response.status, headers: { 'Content-Type': response.headers.get('content-type') ?? 'text/plain' }, body };
      });
      dir = await mkdtemp(path.join(os.tmpdir(), 'ddns-fuzz-provider-'));
      configPath = path.join(dir, 'config.toml');
      statePath = path.join(dir, 'state.json');
      const frontEndpoint = fake.endpoint.replace(upstream.origin, front.url);
      await writeFile(
        configPath,
        [
          '[settings]',
          'state_file = "state.json"',
          'log_file = "ddns.log"',
          'timeout = "2s"',
          'retries = 1',
          'retry_delay = "10ms"',
          'detect_wait = "0s"',
          '',
          '[ip.ipv4]',
          `sources = ["${ipEcho.url}/"]`,
          '',
          '[[provider]]',
          'name = "p"',
          ...target.configLines(frontEndpoint),
          '',
          '[[record]]',
          'provider = "p"',
          `name = "${RECORD_NAME}"`,
          'type = "A"',
          '',
        ].join('\n'),
        { mode: 0o600 },
      );
      const first = await check();
      expect(first.exitCode).toBe(0);
      expect(fake.recordContent(RECORD_NAME)).toBe(FIRST_IP);
    }, 30_000);

    afterAll(async () => {
      await Promise.all([fake.close(), ipEcho.close(), front.close()]);
      await rm(dir, { recursive: true, force: true });
    });

    const check = (): Promise<CliResult> => runDdns(['check', '--config', configPath]);
    const recordState = async () =>
      (JSON.parse(await readFile(statePath, 'utf8')) as { records: Record<string, { ip?: string; lastError?: { kind: string } | null }> }).records[
        `p/${RECORD_NAME}/A`
      ];

    function expectCleanOutput(result: CliResult): void {
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output).not.toMatch(/\n\s+at .+\(|TypeError|Cannot read propert|internal error/);
    }

    it.each(['truncated JSON (200)', 'HTML 502 page from a load balancer', '200 with success:false and an error', 'success:true, result a string'])(
      'the IP changed, every answer is "%s": exit 4, the state keeps the old address',
      async (label) => {
        const malformed = MALFORMED.find((entry) => entry.label === label);
        if (malformed === undefined) throw new Error(`no malformed reply labelled ${label}`);
        ip = SECOND_IP;
        fake.server.injectFault({ kind: 'reply', reply: malformed.reply }, 20);
        try {
          const result = await check();
          expect(result.exitCode).toBe(4);
          expectCleanOutput(result);
          expect(fake.server.writes()).toHaveLength(1); // only the first run's create
          const state = await recordState();
          expect(state?.ip).toBe(FIRST_IP);
          expect(state?.lastError?.kind).toBe(malformed.outcomes[0]);
        } finally {
          fake.server.clearFaults();
          ip = FIRST_IP;
        }
      },
      30_000,
    );

    it('a write the API applied but whose answer came back truncated is not recorded; the next healthy run converges without writing again', async () => {
      ip = SECOND_IP;
      writeAnswer = { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":{"id":"' };
      try {
        const failed = await check();
        expect(failed.exitCode).toBe(4);
        expectCleanOutput(failed);
        expect(fake.recordContent(RECORD_NAME)).toBe(SECOND_IP); // the provider did apply it …
        expect((await recordState())?.ip).toBe(FIRST_IP); // … but unconfirmed, so not in the state
      } finally {
        writeAnswer = undefined;
      }
      const writesBefore = fake.server.writes().length;
      const healed = await check();
      expect(healed.exitCode).toBe(0);
      expect(fake.server.writes().length).toBe(writesBefore);
      expect((await recordState())?.ip).toBe(SECOND_IP);
      ip = FIRST_IP;
    }, 30_000);
  });
}

describe('the run report prints a hostile provider or source text on one line', () => {
  it('escapes control characters and terminal sequences, and cuts an endless reason', () => {
    const report: RunReport = {
      version: '0.0.0',
      started: new Date(0).toISOString(),
      durationMs: 5,
      exitCode: 4,
      dryRun: false,
      force: false,
      warnings: [],
      detection: [{ family: 'ipv4', answers: [], error: 'no IPv4 source answered: x: "\u001b[2J\r\nowned"', elapsedMs: 1 }],
      records: [
        { provider: 'p', name: RECORD_NAME, type: 'A', action: 'failed', old: null, new: null, error: `Example refused (1000 \u001b]0;title\u0007\nsecond line ${'x'.repeat(5000)})`, errorKind: 'config' },
      ],
      summary: { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 1 },
      providerRequests: 1,
    };
    const lines = formatRunReport(report).split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect({ line: line.slice(0, 80), control: CONTROL.test(line) }).toEqual({ line: line.slice(0, 80), control: false });
      expect(line.length).toBeLessThan(700);
    }
    expect(lines[0]).toContain('\\u001b[2J\\r\\nowned');
    expect(lines[1]).toContain('\\u001b]0;title\\u0007\\nsecond line');
  });
});
