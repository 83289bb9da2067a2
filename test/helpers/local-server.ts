import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import dgram from 'node:dgram';
import net from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';

/**
 * What the tests against a real DNS server (BIND 9's named, PowerDNS) share: finding the binary,
 * a free high port on 127.0.0.1, `dig` against it, and stopping the server. Such a test fails,
 * never skips, when its binary is missing (`requireExecutables`): `.ci/run` installs them.
 */

/** The binary's path on PATH or in the sbin directories, or undefined. */
export async function executable(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The paths of the named binaries, or an error naming the first one missing and the Debian packages
 * that bring them: "<name> is not installed: this test needs <needs>. .ci/run installs it; …".
 */
export async function requireExecutables<const Names extends readonly string[]>(names: Names, needs: string, packages: readonly string[]): Promise<{ [Index in keyof Names]: string }> {
  const paths: string[] = [];
  for (const name of names) {
    const path = await executable(name);
    if (path === undefined) {
      throw new Error(
        `${name} is not installed: this test needs ${needs}. .ci/run installs it; ` +
          `on Debian/Ubuntu run: apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`,
      );
    }
    paths.push(path);
  }
  return paths as { [Index in keyof Names]: string };
}

async function udpPortIsFree(port: number): Promise<boolean> {
  const udp = dgram.createSocket('udp4');
  const udpFree = await new Promise<boolean>((resolve) => {
    udp.once('error', () => resolve(false));
    udp.bind(port, '127.0.0.1', () => resolve(true));
  });
  try {
    udp.close();
  } catch {
    // never bound
  }
  return udpFree;
}

/** A high port free for TCP (and for UDP too unless `udp` is false) on 127.0.0.1: a DNS server needs both. */
export async function freePort(options: { udp?: boolean } = {}): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (port > 1024 && (options.udp === false || (await udpPortIsFree(port)))) return port;
  }
  throw new Error('no free port on 127.0.0.1');
}

/** `dig @127.0.0.1 -p PORT NAME TYPE +short`: what the server answers, one value per line, sorted. */
export async function dig(server: { port: number }, name: string, type: string): Promise<string> {
  const result = await execa('dig', [`@127.0.0.1`, '-p', String(server.port), name, type, '+short', '+time=1', '+tries=1'], { reject: true });
  return String(result.stdout).trim().split('\n').filter(Boolean).sort().join('\n');
}

/** SIGTERM, then SIGKILL when the process has not exited within 5 s. */
export async function stopProcess(child: ResultPromise): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exited = await Promise.race([
    child.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 5000);
    }),
  ]);
  clearTimeout(timer);
  if (!exited) {
    child.kill('SIGKILL');
    await child;
  }
}

export interface LocalRecord {
  name: string;
  type: 'A' | 'AAAA';
  /** More lines for its `[[record]]` table (`ttl = 120`). */
  extra?: string;
}

/**
 * The config of a `ddns check` against a local server: short timeouts, one retry, addresses from
 * the test's IP echo (`/v4`, `/v6`), one `[[provider]]` (`name`, then its own lines) and its records.
 */
export function localCheckConfig(ipEchoUrl: string, provider: { name: string; lines: readonly string[] }, records: readonly LocalRecord[]): string {
  return [
    '[settings]',
    'state_file = "state.json"',
    'log_file = "ddns.log"',
    'timeout = "3s"',
    'retries = 1',
    'retry_delay = "20ms"',
    'detect_wait = "0s"',
    '',
    '[ip.ipv4]',
    `sources = ["${ipEchoUrl}/v4"]`,
    '[ip.ipv6]',
    `sources = ["${ipEchoUrl}/v6"]`,
    '',
    '[[provider]]',
    `name = "${provider.name}"`,
    ...provider.lines,
    '',
    ...records.flatMap((record) => ['[[record]]', `provider = "${provider.name}"`, `name = "${record.name}"`, `type = "${record.type}"`, ...(record.extra ? [record.extra] : []), '']),
  ].join('\n');
}
