import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { Headers } from 'node-fetch';
import { detectAddress, DetectionError, type DetectOptions } from '../../src/detect/detect.js';
import { fromHttpSource, type SystemAccess } from '../../src/detect/sources.js';
import type { HttpClient, HttpRequest } from '../../src/http/client.js';
import type { DetectionConfig } from '../../src/config/types.js';
import type { Family } from '../../src/domain.js';
import { clearSecrets, registerSecrets } from '../../src/log/redact.js';
import { startFakeServer, type FakeHandler, type FakeServer } from '../helpers/fake-server.js';

// Bodies below are public addresses (8.8.8.8, 1.1.1.1, 2606:4700::1111 …) returned by fake
// servers on 127.0.0.1 / ::1; they are classified, never contacted.

const servers: FakeServer[] = [];
const timers: NodeJS.Timeout[] = [];

async function server(handler: FakeHandler, host = '127.0.0.1'): Promise<FakeServer> {
  const started = await startFakeServer(handler, host);
  servers.push(started);
  return started;
}

async function echo(body: string, host = '127.0.0.1'): Promise<FakeServer> {
  return server(() => ({ body }), host);
}

/** A URL where nothing listens: a server that was started and closed again. */
async function deadUrl(): Promise<string> {
  const closed = await startFakeServer(() => ({ body: '' }));
  await closed.close();
  return closed.url;
}

function config(family: Family, sources: string[], overrides: Partial<DetectionConfig> = {}): DetectionConfig {
  return { family, sources, allowPrivate: false, quorum: 1, useProxy: false, ...overrides };
}

const fast: DetectOptions = { timeoutMs: 2000, waitMs: 0, retryDelayMs: 20 };

async function detectionError(promise: Promise<unknown>): Promise<DetectionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DetectionError) return error;
    throw error;
  }
  throw new Error('expected a DetectionError, detection succeeded');
}

let ipv6Loopback = false;
beforeAll(async () => {
  try {
    const probe = await startFakeServer(() => ({ body: '' }), '::1');
    await probe.close();
    ipv6Loopback = true;
  } catch {
    ipv6Loopback = false;
  }
});

afterEach(async () => {
  for (const timer of timers.splice(0)) clearTimeout(timer);
  await Promise.all(servers.splice(0).map((s) => s.close()));
  clearSecrets();
  delete process.env.DDNS_CLOUDFLARE_TRACE_URL;
});

/** An IPv6 source answering `body`: an HTTP server on ::1 when it can bind, else a command. */
async function ipv6Source(body: string): Promise<string> {
  if (ipv6Loopback) return (await echo(body, '::1')).url;
  return `cmd:echo '${body}'`;
}

describe('HTTP sources', () => {
  test('takes the first address of a plain body and sends User-Agent ddns/<version>', async () => {
    const ipEcho = await echo('8.8.8.8\n');
    const result = await detectAddress(config('ipv4', [`${ipEcho.url}/`]), fast);
    expect(result).toMatchObject({ family: 'ipv4', ip: '8.8.8.8', source: `${ipEcho.url}/`, agreeing: [`${ipEcho.url}/`] });
    expect(result.answers).toEqual([{ source: `${ipEcho.url}/`, ip: '8.8.8.8', reached: true, ms: expect.any(Number) }]);
    expect(ipEcho.requests).toHaveLength(1);
    expect(ipEcho.requests[0]?.headers['user-agent']).toMatch(/^ddns\/\d+\.\d+\.\d+/);
  });

  test('finds the address inside an HTML page', async () => {
    const page = await echo('<!doctype html><html><head><title>What is my IP</title></head><body><p>Your IP address: <b>1.1.1.1</b></p></body></html>');
    const result = await detectAddress(config('ipv4', [page.url]), fast);
    expect(result.ip).toBe('1.1.1.1');
  });

  test('a body without an address is an error', async () => {
    const garbage = await echo('<html><body>Service temporarily unavailable, try later</body></html>');
    const error = await detectionError(detectAddress(config('ipv4', [garbage.url]), fast));
    expect(error.message).toContain(`${garbage.url.replace('http://', '')}: no IPv4 address in the answer`);
    expect(error.answers).toEqual([{ source: garbage.url, error: expect.stringContaining('no IPv4 address'), reached: true, ms: expect.any(Number) }]);
  });

  test('a non-2xx answer is "HTTP <status>" even when its page contains an address', async () => {
    const failing = await server(() => ({ status: 503, body: '<p>upstream 8.8.8.8 unavailable</p>' }));
    const notFound = await server(() => ({ status: 404, body: '8.8.8.8' }));
    const error = await detectionError(detectAddress(config('ipv4', [failing.url, notFound.url]), fast));
    expect(error.message).toContain(`${failing.url.replace('http://', '')}: HTTP 503`);
    expect(error.message).toContain(`${notFound.url.replace('http://', '')}: HTTP 404`);
  });

  test.each([
    ['192.168.1.10', 'private'],
    ['10.0.0.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.3.4', 'link-local'],
    ['100.64.12.1', 'carrier-grade NAT'],
    ['203.0.113.9', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
  ])('rejects an IPv4 answer of %s (%s)', async (body, kind) => {
    const ipEcho = await echo(`${body}\n`);
    const error = await detectionError(detectAddress(config('ipv4', [ipEcho.url]), fast));
    expect(error.message).toContain(`${body} is`);
    expect(error.message).toContain(kind);
    expect(error.message).toMatch(/^no IPv4 source gave a usable address \(sources answered, so the network is up\): /);
  });

  test.each([
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['fd00::10', 'unique-local'],
    ['2001:db8::1', 'documentation'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::1', 'loopback'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
  ])('rejects an IPv6 answer of %s (%s)', async (body, kind) => {
    const error = await detectionError(detectAddress(config('ipv6', [await ipv6Source(body)]), fast));
    expect(error.message).toContain(kind);
  });

  test('accepts an IPv6 answer and prints it in canonical form', async () => {
    const result = await detectAddress(config('ipv6', [await ipv6Source('2606:4700:0000:0000:0000:0000:0000:1111')]), fast);
    expect(result.ip).toBe('2606:4700::1111');
  });

  test('allow_private accepts 192.168.1.10 but still refuses 0.0.0.0 and multicast', async () => {
    const lan = await echo('192.168.1.10');
    const result = await detectAddress(config('ipv4', [lan.url], { allowPrivate: true }), fast);
    expect(result.ip).toBe('192.168.1.10');

    const unspecified = await echo('0.0.0.0');
    const multicast = await echo('239.255.255.250');
    const error = await detectionError(detectAddress(config('ipv4', [unspecified.url, multicast.url], { allowPrivate: true }), fast));
    expect(error.message).toContain('0.0.0.0 is an unspecified address');
    expect(error.message).toContain('239.255.255.250 is a multicast address');
  });

  test('forces the address family, and goes through the proxy only with use_proxy', async () => {
    const seen: HttpRequest[] = [];
    const recorder: HttpClient = {
      request: async (request) => {
        seen.push(request);
        return { status: 200, headers: new Headers(), text: '8.8.8.8 2606:4700::1111', url: request.url };
      },
    };
    await fromHttpSource('https://api.ipify.org', 'ipv4', { http: recorder, forceFamily: true, timeoutMs: 1000 });
    await fromHttpSource('https://api6.ipify.org', 'ipv6', { http: recorder, forceFamily: true, timeoutMs: 1000 });
    await fromHttpSource('https://api.ipify.org', 'ipv4', { http: recorder, forceFamily: false, timeoutMs: 1000 });
    expect(seen.map((request) => request.family)).toEqual([4, 6, undefined]);

    // A fake proxy on 127.0.0.1 answers for a target where nothing listens.
    const proxy = await echo('9.9.9.9');
    const target = `${await deadUrl()}/ip`;
    const viaProxy = await detectAddress(config('ipv4', [target], { useProxy: true }), { ...fast, proxy: proxy.url });
    expect(viaProxy.ip).toBe('9.9.9.9');
    expect(proxy.requests[0]?.path).toBe('/ip');

    const direct = await detectionError(detectAddress(config('ipv4', [target]), { ...fast, proxy: proxy.url }));
    expect(direct.message).toContain('ECONNREFUSED');
    expect(proxy.requests).toHaveLength(1);
  });
});

describe('quorum and timing', () => {
  test('quorum 2 resolves when two sources agree, whatever a third one says', async () => {
    const a = await echo('8.8.8.8');
    const b = await echo('<html>8.8.8.8</html>');
    const broken = await server(() => ({ status: 500, body: 'oops' }));
    const result = await detectAddress(config('ipv4', [a.url, broken.url, b.url], { quorum: 2 }), fast);
    expect(result.ip).toBe('8.8.8.8');
    expect([...result.agreeing].sort()).toEqual([a.url, b.url].sort());
    expect(result.agreeing).toContain(result.source);
  });

  test('quorum 2 with disagreeing sources throws at once, without waiting', async () => {
    const a = await echo('8.8.8.8');
    const b = await echo('1.1.1.1');
    let sleeps = 0;
    const error = await detectionError(
      detectAddress(config('ipv4', [a.url, b.url], { quorum: 2 }), {
        ...fast,
        waitMs: 60_000,
        sleep: async () => {
          sleeps += 1;
        },
      }),
    );
    // No retry pause was taken: disagreement is final, waiting for the network would not change it.
    expect(sleeps).toBe(0);
    expect(error.message).toMatch(/^IPv4 sources disagree: \S+ \(\S+\), \S+ \(\S+\); quorum 2 not reached$/);
    expect(error.message).toContain(`8.8.8.8 (${a.url.replace('http://', '')})`);
    expect(error.message).toContain(`1.1.1.1 (${b.url.replace('http://', '')})`);
    expect(error.message).toContain('quorum 2 not reached');
    expect(error.answers.map((answer) => answer.ip).sort()).toEqual(['1.1.1.1', '8.8.8.8']);
  });

  test('a slow source does not delay a fast quorum-1 answer', async () => {
    const slow = await server(
      () =>
        new Promise((resolve) => {
          timers.push(setTimeout(() => resolve({ body: '1.1.1.1' }), 3000));
        }),
    );
    const quick = await echo('8.8.8.8');
    const result = await detectAddress(config('ipv4', [slow.url, quick.url]), { ...fast, timeoutMs: 5000 });
    expect(result.ip).toBe('8.8.8.8');
    expect(result.source).toBe(quick.url);
    // The slow source had not answered when the result was decided: it is not listed.
    expect(result.answers.map((answer) => answer.source)).toEqual([quick.url]);
  });

  test('resolves on the agreeing sources while a source that never answers is still pending, and cancels it', async () => {
    // The slow source holds its answer open until the test ends; the test never measures time.
    let slowRequested = () => {};
    const requested = new Promise<void>((resolve) => {
      slowRequested = resolve;
    });
    let slowCancelled = () => {};
    const cancelled = new Promise<void>((resolve) => {
      slowCancelled = resolve;
    });
    const heldOpen: http.ServerResponse[] = [];
    const slow = http.createServer((_request, response) => {
      heldOpen.push(response);
      // 'close' before any answer was written: the client gave up on the request.
      response.on('close', () => {
        if (!response.writableEnded) slowCancelled();
      });
      slowRequested();
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const a = await echo('8.8.8.8');
    const b = await echo('<p>8.8.8.8</p>');
    try {
      const result = await detectAddress(config('ipv4', [slowUrl, a.url, b.url], { quorum: 2 }), { ...fast, timeoutMs: 60_000 });
      await requested;

      expect(result.ip).toBe('8.8.8.8');
      expect([...result.agreeing].sort()).toEqual([a.url, b.url].sort());
      expect(result.answers.map((answer) => answer.source)).not.toContain(slowUrl);
      // The slow source never answered, and its request is cancelled rather than left to run
      // until its 60 s timeout.
      expect(heldOpen.every((response) => !response.writableEnded)).toBe(true);
      await cancelled;
    } finally {
      for (const response of heldOpen) if (!response.writableEnded) response.end('1.1.1.1');
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  test('retries while no source can be reached and succeeds once one answers', async () => {
    // A server that is not listening yet (the network coming up): refused twice, then it answers.
    const later = await deadUrl();
    const port = Number(new URL(later).port);
    let attempts = 0;
    let started: http.Server | undefined;
    const result = await detectAddress(config('ipv4', [later]), {
      ...fast,
      waitMs: 5000,
      retryDelayMs: 20,
      sleep: async (ms) => {
        attempts += 1;
        if (attempts === 2) {
          started = http.createServer((_request, response) => response.end('8.8.8.8'));
          await new Promise<void>((resolve) => started?.listen(port, '127.0.0.1', () => resolve()));
        }
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    await new Promise<void>((resolve) => (started ? started.close(() => resolve()) : resolve()));
    expect(result.ip).toBe('8.8.8.8');
    expect(attempts).toBe(2);
  });

  test('a source that answers with an error gets one more round, which may succeed', async () => {
    const flaky = await echo('8.8.8.8');
    flaky.injectFault({ kind: 'reply', reply: { status: 503, body: 'starting' } }, 1);
    const result = await detectAddress(config('ipv4', [flaky.url]), { ...fast, waitMs: 60_000, retryDelayMs: 20 });
    expect(result.ip).toBe('8.8.8.8');
    expect(flaky.requests).toHaveLength(2);
  });

  test.each([
    ['HTTP 503', () => ({ status: 503, body: 'down' }), 'HTTP 503'],
    ['a private address', () => ({ body: '10.1.2.3' }), '10.1.2.3 is a private address'],
    ['garbage', () => ({ body: '<html>oops</html>' }), 'no IPv4 address in the answer'],
  ])('sources that answer %s: exactly one more round, then the reason per source, long before waitMs', async (_what, reply, reason) => {
    const answering = await server(reply);
    const refused = await deadUrl();
    const pauses: number[] = [];
    const error = await detectionError(
      detectAddress(config('ipv4', [answering.url, refused]), {
        ...fast,
        waitMs: 60_000,
        retryDelayMs: 20,
        sleep: async (ms) => {
          pauses.push(ms);
        },
      }),
    );
    // Counted, not timed: two rounds (one pause between them), where a 60 s wait would take many.
    expect(pauses).toEqual([20]);
    expect(answering.requests).toHaveLength(2);
    expect(error.message).toMatch(/^no IPv4 source gave a usable address \(sources answered, so the network is up\): /);
    expect(error.message).toContain(`${answering.url.replace('http://', '')}: ${reason}`);
    expect(error.message).toContain(`${refused.replace('http://', '')}: ECONNREFUSED`);
    expect(error.answers.map((answer) => answer.reached)).toEqual(expect.arrayContaining([true, false]));
  });

  test('a quorum short of agreement while the network is up: one more round, then exit', async () => {
    const good = await echo('8.8.8.8');
    const failing = await server(() => ({ status: 500, body: 'x' }));
    const pauses: number[] = [];
    const error = await detectionError(
      detectAddress(config('ipv4', [good.url, failing.url], { quorum: 2 }), { ...fast, waitMs: 60_000, retryDelayMs: 20, sleep: async (ms) => void pauses.push(ms) }),
    );
    expect(pauses).toHaveLength(1);
    expect(error.message).toMatch(/^IPv4 quorum 2 not reached: /);
  });

  test('an interface without a usable address is waited for (it may still be coming up)', async () => {
    const pauses: number[] = [];
    let clock = 0;
    const system: Partial<SystemAccess> = {
      platform: 'linux',
      networkInterfaces: () => ({ eth0: [{ address: '192.168.1.5', netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:01', internal: false, cidr: '192.168.1.5/24' }] }),
    };
    await detectionError(
      detectAddress(config('ipv4', ['interface:eth0']), {
        timeoutMs: 2000,
        waitMs: 10_000,
        retryDelayMs: 1000,
        system,
        now: () => clock,
        sleep: async (ms) => {
          pauses.push(ms);
          clock += ms;
        },
      }),
    );
    expect(pauses).toEqual([1000, 2000, 4000, 3000]);
  });

  test('a round started late gets only the time left until waitMs + timeoutMs, not a fresh timeout', async () => {
    // Round 1 is reset (the network is not up); the pause then "lasts" until 300 ms before
    // waitMs + timeoutMs on the injected clock, and round 2's source never answers.
    const source = await echo('8.8.8.8');
    source.injectFault({ kind: 'reset' });
    source.injectFault({ kind: 'hang' }, 5);
    let clock = 0;
    const error = await detectionError(
      detectAddress(config('ipv4', [source.url]), {
        timeoutMs: 5000,
        waitMs: 3000,
        retryDelayMs: 1000,
        now: () => clock,
        sleep: async () => {
          clock = 3000 + 5000 - 300;
        },
      }),
    );
    expect(source.requests).toHaveLength(2);
    expect(error.message).toContain(`${source.url.replace('http://', '')}: no answer within 0.3s`);
    expect(error.message).toMatch(/^no IPv4 source answered within 3s: /);
  });

  test('no source reachable: keeps trying until waitMs, then lists each failure', async () => {
    const resetting = await echo('8.8.8.8');
    resetting.injectFault({ kind: 'reset' }, 1000);
    const refused = await deadUrl();
    const started = Date.now();
    const error = await detectionError(
      detectAddress(config('ipv4', [resetting.url, refused]), { ...fast, waitMs: 300, retryDelayMs: 50 }),
    );
    const elapsed = Date.now() - started;
    // It kept retrying until waitMs had passed (a lower bound only: how long a busy machine takes is not the point).
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(resetting.requests.length).toBeGreaterThanOrEqual(3);
    expect(error).toBeInstanceOf(DetectionError);
    expect(error.message).toMatch(/^no IPv4 source answered within 0\.3s: /);
    expect(error.message).toContain(`${resetting.url.replace('http://', '')}: ECONNRESET`);
    expect(error.message).toContain(`${refused.replace('http://', '')}: ECONNREFUSED`);
    expect(error.answers).toHaveLength(2);
    expect(error.answers.every((answer) => answer.reached === false)).toBe(true);
  });

  test('retry pauses grow and never pass the deadline (injected clock)', async () => {
    let clock = 0;
    const pauses: number[] = [];
    const error = await detectionError(
      detectAddress(config('ipv4', ['cmd:exit 1']), {
        timeoutMs: 2000,
        waitMs: 10_000,
        retryDelayMs: 1000,
        now: () => clock,
        sleep: async (ms) => {
          pauses.push(ms);
          clock += ms;
        },
      }),
    );
    expect(pauses).toEqual([1000, 2000, 4000, 3000]);
    expect(error.message).toMatch(/^no IPv4 source answered within 10s: cmd:exit 1: command exited with code 1$/);
  });

  test('a quorum larger than the number of sources fails without querying', async () => {
    const ipEcho = await echo('8.8.8.8');
    const error = await detectionError(detectAddress(config('ipv4', [ipEcho.url], { quorum: 2 }), { ...fast, waitMs: 60_000 }));
    expect(error.message).toContain('quorum 2 cannot be reached with 1 source');
    expect(ipEcho.requests).toHaveLength(0);
  });
});

describe('cmd: sources', () => {
  test('takes the first address in stdout', async () => {
    const result = await detectAddress(config('ipv4', ['cmd:echo 8.8.4.4']), fast);
    expect(result).toMatchObject({ ip: '8.8.4.4', source: 'cmd:echo 8.8.4.4' });
  });

  test('a non-zero exit names the code and one trimmed stderr line, redacted', async () => {
    registerSecrets(['tok-5ecret-value']);
    const noisy = `cmd:echo "auth failed for tok-5ecret-value ${'x'.repeat(400)}" >&2; echo "second line" >&2; exit 3`;
    const error = await detectionError(detectAddress(config('ipv4', [noisy]), fast));
    expect(error.message).toContain('command exited with code 3: auth failed for ***');
    expect(error.message).not.toContain('tok-5ecret-value');
    expect(error.message).not.toContain('second line');
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(400);
    expect(JSON.stringify(error.answers)).not.toContain('tok-5ecret-value');
  });

  test('a command that outlives the timeout is stopped', async () => {
    const started = Date.now();
    const error = await detectionError(detectAddress(config('ipv4', ['cmd:sleep 5; echo 8.8.8.8']), { ...fast, timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toContain('did not finish within 0.3s');
  });
});

describe('cloudflare-trace', () => {
  test('reads ip= from the trace endpoint named by DDNS_CLOUDFLARE_TRACE_URL', async () => {
    const trace = await echo(
      'fl=12f247\nh=1.1.1.1\nip=81.2.69.160\nts=1590396977.894\nvisit_scheme=https\nuag=ddns\ncolo=LAX\nhttp=http/1.1\nloc=GB\ntls=off\nsni=off\nwarp=off\ngateway=off\n',
    );
    process.env.DDNS_CLOUDFLARE_TRACE_URL = trace.url;
    const result = await detectAddress(config('ipv4', ['cloudflare-trace']), fast);
    expect(result).toMatchObject({ ip: '81.2.69.160', source: 'cloudflare-trace' });
    expect(trace.requests[0]?.path).toBe('/cdn-cgi/trace');
  });

  test('a trace answer without ip= is an error', async () => {
    const trace = await echo('fl=12f247\nh=1.1.1.1\n');
    process.env.DDNS_CLOUDFLARE_TRACE_URL = trace.url;
    const error = await detectionError(detectAddress(config('ipv4', ['cloudflare-trace']), fast));
    expect(error.message).toContain('cloudflare-trace: trace answer has no ip= line');
  });
});

describe('interface: sources (simulated operating system)', () => {
  function nic(address: string, family: 'IPv4' | 'IPv6'): NetworkInterfaceInfo {
    const common = { address, netmask: '', mac: '00:11:22:33:44:55', internal: false, cidr: null };
    return family === 'IPv4' ? { ...common, family } : { ...common, family, scopeid: 0 };
  }
  const interfaces = {
    lo: [nic('127.0.0.1', 'IPv4'), nic('::1', 'IPv6')],
    eth0: [nic('192.168.1.2', 'IPv4'), nic('81.2.69.160', 'IPv4'), nic('fe80::211:22ff:fe33:4455', 'IPv6'), nic('2a01:4f8::10', 'IPv6')],
    wlan0: [nic('192.168.1.3', 'IPv4')],
  };
  const system = (overrides: Partial<SystemAccess>): Partial<SystemAccess> => ({ networkInterfaces: () => interfaces, ...overrides });

  test('an unknown interface lists the known ones', async () => {
    const error = await detectionError(detectAddress(config('ipv4', ['interface:wan0']), { ...fast, system: system({}) }));
    expect(error.message).toContain('interface:wan0: no interface named wan0 (have: eth0, lo, wlan0)');
  });

  test('IPv4: a public address of the interface before a private one; private only is explained', async () => {
    const result = await detectAddress(config('ipv4', ['interface:eth0']), { ...fast, system: system({}) });
    expect(result.ip).toBe('81.2.69.160');
    const error = await detectionError(detectAddress(config('ipv4', ['interface:wlan0']), { ...fast, system: system({}) }));
    expect(error.message).toContain('192.168.1.3 is a private address');
  });

  test('IPv6 on Linux reads /proc/net/if_inet6', async () => {
    const table = [
      '2a0104f8000000000000000000000010 02 40 00 01     eth0',
      '2a0104f8000000000000000000000020 02 40 00 00     eth0',
      'fe80000000000000021122fffe334455 02 40 20 80     eth0',
    ].join('\n');
    const readPaths: string[] = [];
    const linux = system({
      platform: 'linux',
      readTextFile: async (path) => {
        readPaths.push(path);
        return table;
      },
    });
    const result = await detectAddress(config('ipv6', ['interface:eth0']), { ...fast, system: linux });
    expect(result.ip).toBe('2a01:4f8::20');
    expect(readPaths).toEqual(['/proc/net/if_inet6']);
  });

  test('IPv6 on Windows asks Get-NetIPAddress for the interface alias, quoted', async () => {
    const scripts: string[] = [];
    const windows = system({
      platform: 'win32',
      networkInterfaces: () => ({ ...interfaces, "Bob's Ethernet": [nic('fe80::1', 'IPv6')] }),
      runPowerShell: async (script) => {
        scripts.push(script);
        return JSON.stringify([
          { IPAddress: '2a01:4f8::99', SuffixOrigin: 5, PrefixOrigin: 4, AddressState: 4 },
          { IPAddress: '2a01:4f8::aa', SuffixOrigin: 4, PrefixOrigin: 4, AddressState: 4 },
        ]);
      },
    });
    const result = await detectAddress(config('ipv6', ["interface:Bob's Ethernet"]), { ...fast, system: windows });
    expect(result.ip).toBe('2a01:4f8::aa');
    expect(scripts[0]).toContain("Get-NetIPAddress -InterfaceAlias 'Bob''s Ethernet' -AddressFamily IPv6");
    expect(scripts[0]).toContain('ConvertTo-Json');
  });

  test('IPv6 elsewhere (macOS) uses os.networkInterfaces(), public unicast first', async () => {
    const mac = system({ platform: 'darwin' });
    const result = await detectAddress(config('ipv6', ['interface:eth0']), { ...fast, system: mac });
    expect(result.ip).toBe('2a01:4f8::10');
    const error = await detectionError(detectAddress(config('ipv6', ['interface:wlan0']), { ...fast, system: mac }));
    expect(error.message).toContain('interface wlan0 has no usable IPv6 address');
  });
});

test('an unknown source kind is an error, not a crash', async () => {
  const error = await detectionError(detectAddress(config('ipv4', ['ftp://example.invalid/ip']), fast));
  expect(error.message).toContain('ftp://example.invalid/ip: unknown IP source');
});
