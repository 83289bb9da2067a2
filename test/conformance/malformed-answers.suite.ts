/**
 * Malformed answers from every HTTP provider's API (or a proxy, a captive portal, a broken load
 * balancer in front of it). Whatever comes, the provider fails with a ProviderError whose kind
 * tells the core the truth (5xx → transient, 429 → rate-limit, both retried; anything else not
 * retried), with one printable line of bounded length, never a TypeError and never a success; and
 * through the CLI such a run exits 4 and never marks the record current in the state.
 *
 * The table is written for JSON APIs; a kit whose wire is text or XML names its own outcome for a
 * case where it differs (ProviderTestKit.malformedOutcomes).
 */
import http from 'node:http';
import { ProviderError } from '../../src/http/errors.js';
import { isWriteOnly, type Provider, type WriteOnlyProvider } from '../../src/providers/types.js';
import type { FakeReply } from '../helpers/fake-server.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-server.js';
import { buildProvider, FAST_PACING, heldContent, kitTables, kitTitle, withFake } from '../helpers/conformance.js';
import type { MalformedOutcome, ProviderTestKit, RunningFake } from '../helpers/provider-kit.js';
import { FIRST_IP, SECOND_IP, startWorkspace, type Workspace } from '../helpers/workspace.js';

/** The suites for `kits`; malformed-answers-1 and malformed-answers-2.test.ts each run half of the registry. */
export function defineMalformedAnswerSuites(kits: readonly ProviderTestKit[]): void {
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MAX_MESSAGE_LENGTH = 300;

interface MalformedReply {
  label: string;
  reply: FakeReply;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const HTML_TYPE = { 'Content-Type': 'text/html; charset=utf-8' };
const envelope = (fields: object): string => JSON.stringify({ success: true, errors: [], messages: [], ...fields });

const MALFORMED: readonly MalformedReply[] = [
  { label: 'truncated JSON (200)', reply: { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":[{"id":"0123' } },
  { label: 'truncated JSON (500)', reply: { status: 500, headers: JSON_TYPE, body: '{"success":false,"errors":[{"code":10' } },
  { label: 'plain text "OK" (200)', reply: { status: 200, body: 'OK' } },
  { label: 'empty body (200)', reply: { status: 200, headers: JSON_TYPE, body: '' } },
  { label: 'empty body (204)', reply: { status: 204, body: '' } },
  {
    label: 'HTML 502 page from a load balancer',
    reply: { status: 502, headers: HTML_TYPE, body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' },
  },
  { label: 'HTML 503 page', reply: { status: 503, headers: HTML_TYPE, body: '<!doctype html><title>Error 503</title><p>Service unavailable. 10.0.0.1</p>' } },
  { label: 'HTML 200 page (captive portal)', reply: { status: 200, headers: HTML_TYPE, body: '<html><body><form>Log in to use the Wi-Fi</form></body></html>' } },
  { label: 'HTML 429 page', reply: { status: 429, headers: HTML_TYPE, body: '<html>Too many requests</html>' } },
  { label: '429 with a nonsense Retry-After', reply: { status: 429, headers: { ...JSON_TYPE, 'Retry-After': 'soon-ish' }, body: '{}' } },
  { label: 'JSON null', reply: { status: 200, headers: JSON_TYPE, body: 'null' } },
  { label: 'JSON array', reply: { status: 200, headers: JSON_TYPE, body: '[]' } },
  { label: 'JSON string', reply: { status: 200, headers: JSON_TYPE, body: '"success"' } },
  { label: 'JSON number 1e999', reply: { status: 200, headers: JSON_TYPE, body: '1e999' } },
  { label: 'JSON with a byte-order mark', reply: { status: 200, headers: JSON_TYPE, body: `\uFEFF${envelope({ result: [] })}` } },
  { label: 'success:true, result missing', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: true, errors: [], messages: [] }) } },
  { label: 'success:true, result null', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: null }) } },
  { label: 'success:true, result a string', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: 'ok' }) } },
  { label: 'success:true, result an empty object', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: {} }) } },
  { label: 'success:true, result items of the wrong shape', reply: { status: 200, headers: JSON_TYPE, body: envelope({ result: [{ id: 5, name: null }, 'x', null] }) } },
  { label: 'success as the string "true"', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: 'true', errors: [], result: [] }) } },
  { label: 'success missing', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ errors: [], result: [] }) } },
  { label: 'errors not an array (400)', reply: { status: 400, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: 'bad request', result: null }) } },
  { label: 'errors not an array (503)', reply: { status: 503, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: { code: 1 }, result: null }) } },
  { label: 'error items of the wrong shape', reply: { status: 400, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: [{ code: 'x' }, 7], result: null }) } },
  { label: '200 with success:false and an error', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: [{ code: 1000, message: 'Something went wrong' }], messages: [], result: null }) } },
  { label: '200 with success:false and no errors', reply: { status: 200, headers: JSON_TYPE, body: JSON.stringify({ success: false, errors: [], messages: [], result: null }) } },
  { label: 'success:true with HTTP 500', reply: { status: 500, headers: JSON_TYPE, body: envelope({ result: [] }) } },
  { label: 'success:true with HTTP 400', reply: { status: 400, headers: JSON_TYPE, body: envelope({ result: [] }) } },
  {
    label: 'huge numbers (1e999, 30-digit integers) in result_info',
    reply: { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":[],"result_info":{"page":1e999,"total_count":123456789012345678901234567890}}' },
  },
  { label: 'huge numbers in the result', reply: { status: 200, headers: JSON_TYPE, body: '{"success":true,"errors":[],"messages":[],"result":[{"id":123456789012345678901234567890,"name":1e999,"ttl":1e999}]}' } },
  { label: 'result nested 100000 arrays deep', reply: { status: 200, headers: JSON_TYPE, body: `{"success":true,"errors":[],"result":${'['.repeat(100_000)}${']'.repeat(100_000)}}` } },
  { label: 'a 5 MB body (cut at 1 MiB: no longer JSON)', reply: { status: 200, headers: JSON_TYPE, body: `{"success":true,"errors":[],"result":[${'"0123456789",'.repeat(400_000)}"x"]}` } },
];

/**
 * What any provider must make of a reply by its status alone: the server's word on retrying is
 * its status; a body the provider cannot read is never a success and never retried.
 */
function expectedOutcomes(kit: ProviderTestKit, malformed: MalformedReply): readonly MalformedOutcome[] {
  const own = kit.malformedOutcomes?.[malformed.label];
  if (own !== undefined) return own;
  const status = malformed.reply.status ?? 200;
  if (status >= 500) return ['transient'];
  if (status === 429) return ['rate-limit'];
  if (status >= 400) return ['config', 'protocol', 'auth', 'not-found'];
  return ['protocol', 'config', 'not-found'];
}

interface Judged {
  outcome: string;
  problems: string[];
}

function judge(error: unknown, expected: readonly MalformedOutcome[]): Judged {
  if (error === undefined) return { outcome: 'ok', problems: expected.includes('ok') ? [] : ['succeeded on a malformed reply'] };
  if (!(error instanceof ProviderError)) {
    return { outcome: 'not a ProviderError', problems: [`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`] };
  }
  const problems: string[] = [];
  if (!expected.includes(error.kind)) problems.push(`kind ${error.kind}, expected ${expected.join(' or ')}`);
  if (CONTROL.test(error.message)) problems.push('message holds a line break or control character');
  if (error.message.length > MAX_MESSAGE_LENGTH) problems.push(`message is ${error.message.length} characters long`);
  if (/TypeError|Cannot read propert|undefined is not|is not a function|Maximum call stack/.test(error.message)) problems.push('message reports a crash');
  const retryable = error.kind === 'transient' || error.kind === 'rate-limit';
  if (error.retryable !== retryable) problems.push(`retryable is ${error.retryable} for kind ${error.kind}`);
  return { outcome: error.kind, problems: problems.map((problem) => `${problem} — ${JSON.stringify(error.message)}`) };
}

async function errorOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

function malformedReply(label: string): MalformedReply {
  const found = MALFORMED.find((entry) => entry.label === label);
  if (found === undefined) throw new Error(`no malformed reply labelled ${label}`);
  return found;
}

type Operation = [string, (provider: Provider | WriteOnlyProvider, inject: () => void) => Promise<unknown> | undefined];

describe.each(kits.map((kit) => [kitTitle(kit), kit] as const))('%s: malformed API answers', (_type, kit) => {
  const spec = async (fake: RunningFake) => (await buildProvider(kit, fake)).spec();
  const operations: Operation[] = [
    // The provider's first request of a run (a zone listing, a lookup, a write-only update).
    ['first request', (provider, inject) => {
      inject();
      return isWriteOnly(provider) ? provider.set(currentSpec, SECOND_IP) : provider.find(currentSpec);
    }],
    // A write after a healthy read warmed the provider's caches.
    ['write', (provider, inject) => {
      if (isWriteOnly(provider)) return undefined;
      return provider.find(currentSpec).then((existing) => {
        inject();
        return existing === undefined ? provider.create(currentSpec, SECOND_IP) : provider.update(currentSpec, existing, SECOND_IP);
      });
    }],
  ];
  let currentSpec: Awaited<ReturnType<typeof spec>>;

  it(`${MALFORMED.length} malformed replies × every operation, on a new and on an existing record: a one-line ProviderError of the right kind`, async () => {
    await withFake(kit, async (fake) => {
      currentSpec = await spec(fake);
      const failures: string[] = [];
      const seen = new Set<string>();
      for (const existing of [false, true]) {
        if (existing) fake.store.add({ name: kit.recordName, type: 'A', content: FIRST_IP });
        for (const malformed of MALFORMED) {
          for (const [name, operation] of operations) {
            fake.server?.clearFaults();
            // A fresh provider per call, so that no cache of an earlier call hides the reply.
            const { provider } = await buildProvider(kit, fake);
            const inject = () => fake.server?.injectFault({ kind: 'reply', reply: malformed.reply });
            const call = operation(provider, inject);
            if (call === undefined) continue;
            const judged = judge(await errorOf(() => call), expectedOutcomes(kit, malformed));
            seen.add(judged.outcome);
            for (const problem of judged.problems) failures.push(`${existing ? 'existing record' : 'new record'} / ${name} / ${malformed.label}: ${problem}`);
          }
          // No reply that did not come from the API changed the record.
          const content = heldContent(kit, fake);
          if (content === SECOND_IP) failures.push(`${malformed.label}: the record was set although the answer was malformed`);
          if (existing && content !== FIRST_IP) failures.push(`${malformed.label}: the existing record changed to ${String(content)}`);
        }
      }
      expect(failures).toEqual([]);
      expect(seen).toContain('transient');
    });
  }, 120_000);
});

/**
 * A proxy in front of the fake that can replace the answer to a request that changed the store
 * (the change applied, its answer lost or mangled on the way back), whatever method the API
 * writes with. Headers pass unchanged, so signed requests still verify.
 */
async function startFront(fake: RunningFake): Promise<{ url: string; server: FakeServer; close(): Promise<void>; writeAnswer: FakeReply | undefined }> {
  const upstream = new URL(fake.endpoint);
  const state = { writeAnswer: undefined as FakeReply | undefined };
  const server = await startFakeServer(async (request) => {
    const writesBefore = fake.store.writes;
    const answer = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const query = request.query.toString();
      const forwarded = http.request(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: `${request.path}${query === '' ? '' : `?${query}`}`, headers: request.headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      forwarded.on('error', reject);
      forwarded.end(request.body);
    });
    if (state.writeAnswer !== undefined && fake.store.writes > writesBefore) return state.writeAnswer;
    const contentType = answer.headers['content-type'];
    return { status: answer.status, headers: typeof contentType === 'string' ? { 'Content-Type': contentType } : {}, body: answer.body };
  });
  return {
    url: fake.endpoint.replace(upstream.origin, server.url),
    server,
    close: () => server.close(),
    get writeAnswer() {
      return state.writeAnswer;
    },
    set writeAnswer(reply) {
      state.writeAnswer = reply;
    },
  };
}

describe.each(kits.map((kit) => [kitTitle(kit), kit] as const))('%s: malformed answers through the CLI', (_type, kit) => {
  async function withCli(body: (world: { fake: RunningFake; workspace: Workspace; front: Awaited<ReturnType<typeof startFront>> }) => Promise<void>): Promise<void> {
    await withFake(kit, async (fake) => {
      const workspace = await startWorkspace({ prefix: `ddns-malformed-${kit.type}-`, inProcess: true, env: FAST_PACING });
      const front = await startFront(fake);
      try {
        await workspace.writeConfig(kitTables(kit, front.url), { settings: ['retries = 1', 'retry_delay = "10ms"'] });
        expect((await workspace.check()).exitCode).toBe(0);
        expect(heldContent(kit, fake)).toBe(FIRST_IP);
        await body({ fake, workspace, front });
      } finally {
        await Promise.all([front.close(), workspace.close()]);
      }
    });
  }

  const recordState = async (workspace: Workspace) => (await workspace.readState()).records[`p/${kit.recordName}/A`];

  // A reply this provider may take as success (a webhook takes any 2xx) cannot make a run fail.
  const failing = (label: string) => !expectedOutcomes(kit, malformedReply(label)).includes('ok');
  // One unreadable success and one retried failure: the in-process table above has already judged every other reply.
  const everyAnswerLabels = ['truncated JSON (200)', 'HTML 502 page from a load balancer'].filter(failing);
  const truncatedWrite = failing('truncated JSON (200)');
  // One workspace for every case (each run after the first starts from the state the previous left),
  // so that the CLI starts no more often than the cases need.
  if (everyAnswerLabels.length > 0 || truncatedWrite) it(
    `the IP changed and every answer is ${everyAnswerLabels.map((label) => `"${label}"`).join(', ') || 'well formed'}: exit 4 each time, the state keeps the old address, no stack trace${truncatedWrite ? '; a write applied but answered truncated is not recorded, and the next run converges' : ''}`,
    async () => {
      await withCli(async ({ fake, workspace, front }) => {
        workspace.ipv4.current = SECOND_IP;
        for (const label of everyAnswerLabels) {
          fake.server?.injectFault({ kind: 'reply', reply: malformedReply(label).reply }, 50);
          const result = await workspace.check();
          fake.server?.clearFaults();
          expect({ label, exitCode: result.exitCode }).toEqual({ label, exitCode: 4 });
          expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/\n\s+at .+\(|TypeError|Cannot read propert|internal error/);
          expect(heldContent(kit, fake)).toBe(FIRST_IP);
          expect((await recordState(workspace))?.ip).toBe(FIRST_IP);
        }
        if (!truncatedWrite) return;
        front.writeAnswer = { status: 200, headers: JSON_TYPE, body: '{"result":{"id":"' };
        const failed = await workspace.check();
        front.writeAnswer = undefined;
        expect(failed.exitCode).toBe(4);
        expect(heldContent(kit, fake)).toBe(SECOND_IP); // the provider did apply it …
        expect((await recordState(workspace))?.ip).toBe(FIRST_IP); // … but unconfirmed, so not in the state
        const healed = await workspace.check();
        expect(healed.exitCode).toBe(0);
        expect((await recordState(workspace))?.ip).toBe(SECOND_IP);
        expect(fake.store.records({ name: kit.recordName, type: 'A' })).toHaveLength(1);
      });
    },
    60_000,
  );
});
}
