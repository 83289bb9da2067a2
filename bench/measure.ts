/**
 * How `npm run bench` measures: wall time by hyperfine (or, without it, by timing each child
 * process here), peak RSS by GNU time in separate runs, and which addresses a peer connects to
 * by strace. Every run is preceded by `ledger.startRun`, so each run's requests can be counted.
 */
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { startFakeServer, type FakeServer } from '../test/helpers/fake-server.js';
import { benchEnv, type BenchCase, type Counters } from './cases.js';

/** A program on the PATH (or an absolute path), or undefined. */
export async function findExecutable(name: string): Promise<string | undefined> {
  const candidates = name.includes('/') ? [name] : (process.env['PATH'] ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}

/** What the fakes saw during one run of a case. */
export interface RunShare {
  providerRequests: number;
  providerUpdates: number;
  echoRequests: number;
  converged: boolean;
}

/** Counter snapshots taken before every run of every case; a run's share is between two of them. */
export class Ledger {
  private readonly snapshots = new Map<string, Counters[]>();

  constructor(private readonly cases: ReadonlyMap<string, BenchCase>) {}

  /** Closes the previous run's accounting period and prepares the case for its next run. */
  startRun(id: string): void {
    const benchCase = this.cases.get(id);
    if (benchCase === undefined) throw new Error(`no bench case ${id}`);
    const list = this.snapshots.get(id) ?? [];
    list.push(benchCase.counters());
    this.snapshots.set(id, list);
    benchCase.prepare();
  }

  /** Every run's share, in order (the last run ends now). */
  runs(id: string): RunShare[] {
    const benchCase = this.cases.get(id);
    const list = [...(this.snapshots.get(id) ?? [])];
    if (benchCase === undefined || list.length === 0) return [];
    list.push(benchCase.counters());
    const shares: RunShare[] = [];
    for (let i = 1; i < list.length; i++) {
      const before = list[i - 1] as Counters;
      const after = list[i] as Counters;
      shares.push({
        providerRequests: after.providerRequests - before.providerRequests,
        providerUpdates: after.providerUpdates - before.providerUpdates,
        echoRequests: after.echoRequests - before.echoRequests,
        converged: after.converged,
      });
    }
    return shares;
  }
}

/** The endpoint hyperfine's `--prepare` calls before each run: GET /prepare/<case id>. */
export async function startControlServer(ledger: Ledger): Promise<FakeServer> {
  return startFakeServer((request) => {
    const match = /^\/prepare\/([\w-]+)$/.exec(request.path);
    if (match === null) return { status: 404, body: 'unknown control path\n' };
    try {
      ledger.startRun(match[1] ?? '');
      return { body: 'ok\n' };
    } catch (error) {
      return { status: 404, body: `${error instanceof Error ? error.message : String(error)}\n` };
    }
  });
}

/** Quotes one argument for hyperfine's own command-line splitting (POSIX shell words). */
export function shellWord(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}

export interface WallTimes {
  /** Seconds, one per timed run (warmup runs excluded). */
  times: number[];
  exitCodes: number[];
}

export interface WallTimeOptions {
  runs: number;
  warmup: number;
  /** The runs are split over this many passes over all cases, so a load change on a shared machine hits every case alike. */
  rounds: number;
  scratchDir: string;
}

/** How many timed runs each round does: `runs` spread as evenly as possible. */
export function runsPerRound(runs: number, rounds: number): number[] {
  const count = Math.max(1, Math.min(rounds, runs));
  return Array.from({ length: count }, (_, round) => Math.floor(runs / count) + (round < runs % count ? 1 : 0));
}

/**
 * Every round is one hyperfine invocation over all cases, side by side. `--prepare` calls the
 * control server with curl (or node, when curl is missing); preparation is not timed. Warm-up
 * runs happen in the first round only.
 */
export async function measureWithHyperfine(hyperfine: string, cases: BenchCase[], control: FakeServer, options: WallTimeOptions): Promise<Map<string, WallTimes>> {
  const curl = await findExecutable('curl');
  const prepareFor = (id: string): string => {
    const url = `${control.url}/prepare/${id}`;
    const argv = curl !== undefined ? [curl, '-sf', '-o', '/dev/null', url] : [process.execPath, '-e', `fetch('${url}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
    return argv.map(shellWord).join(' ');
  };
  const measured = new Map<string, WallTimes>(cases.map((benchCase) => [benchCase.id, { times: [], exitCodes: [] }]));
  const rounds = runsPerRound(options.runs, options.rounds);
  for (const [round, runs] of rounds.entries()) {
    const started = Date.now();
    const jsonPath = join(options.scratchDir, `hyperfine-${round}.json`);
    const args = ['-N', '--ignore-failure', '--style', 'none', '--warmup', String(round === 0 ? options.warmup : 0), '--runs', String(runs), '--export-json', jsonPath];
    for (const benchCase of cases) args.push('--prepare', prepareFor(benchCase.id));
    for (const benchCase of cases) args.push('--command-name', benchCase.label);
    for (const benchCase of cases) args.push(benchCase.argv.map(shellWord).join(' '));
    await execa(hyperfine, args, { stdio: ['ignore', 'inherit', 'inherit'], env: benchEnv(), extendEnv: false });
    const exported = JSON.parse(await readFile(jsonPath, 'utf8')) as { results: { times: number[]; exit_codes?: (number | null)[] }[] };
    cases.forEach((benchCase, index) => {
      const result = exported.results[index];
      const sofar = measured.get(benchCase.id);
      if (result === undefined || sofar === undefined) throw new Error(`hyperfine exported no result for ${benchCase.label}`);
      sofar.times.push(...result.times);
      sofar.exitCodes.push(...(result.exit_codes ?? []).map((code) => code ?? -1));
    });
    process.stdout.write(`  round ${round + 1}/${rounds.length}: ${runs} run(s) of each case${round === 0 && options.warmup > 0 ? ` after ${options.warmup} warm-up` : ''} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  return measured;
}

/** Without hyperfine: each run timed here, from spawning the child to its exit. */
export async function measureWithNode(cases: BenchCase[], ledger: Ledger, options: Pick<WallTimeOptions, 'runs' | 'warmup'>): Promise<Map<string, WallTimes>> {
  const measured = new Map<string, WallTimes>();
  for (const benchCase of cases) {
    const times: number[] = [];
    const exitCodes: number[] = [];
    for (let run = 0; run < options.warmup + options.runs; run++) {
      ledger.startRun(benchCase.id);
      const [file, ...args] = benchCase.argv;
      const started = performance.now();
      const result = await execa(file ?? '', args, { reject: false, stdio: 'ignore', env: benchEnv(), extendEnv: false });
      const seconds = (performance.now() - started) / 1000;
      if (run >= options.warmup) {
        times.push(seconds);
        exitCodes.push(result.exitCode ?? -1);
      }
    }
    process.stdout.write(`  ${benchCase.label}: ${times.length} runs\n`);
    measured.set(benchCase.id, { times, exitCodes });
  }
  return measured;
}

export interface MemoryRuns {
  /** Peak resident set size of each run, in KiB (GNU time's %M). */
  maxRssKiB: number[];
  exitCodes: number[];
}

/** Peak RSS of each case, `runs` times, through GNU time (`/usr/bin/time -f %M`). */
export async function measurePeakRss(time: string, cases: BenchCase[], ledger: Ledger, runs: number): Promise<Map<string, MemoryRuns>> {
  const dir = await mkdtemp(join(tmpdir(), 'ddns-bench-rss-'));
  const measured = new Map<string, MemoryRuns>();
  try {
    for (const benchCase of cases) {
      const maxRssKiB: number[] = [];
      const exitCodes: number[] = [];
      for (let run = 0; run < runs; run++) {
        const output = join(dir, `${benchCase.id}-${run}.txt`);
        ledger.startRun(benchCase.id);
        const result = await execa(time, ['-f', '%M', '-o', output, ...benchCase.argv], { reject: false, stdio: 'ignore', env: benchEnv(), extendEnv: false });
        // GNU time writes "Command exited with non-zero status N" before the format line.
        const kib = Number((await readFile(output, 'utf8')).trim().split('\n').at(-1));
        if (Number.isFinite(kib)) maxRssKiB.push(kib);
        exitCodes.push(result.exitCode ?? -1);
      }
      measured.set(benchCase.id, { maxRssKiB, exitCodes });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return measured;
}

/** Every address one run of the case connected to (IPv4/IPv6 sockets; Unix sockets ignored). */
export async function tracedConnections(strace: string, benchCase: BenchCase, ledger: Ledger): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ddns-bench-strace-'));
  try {
    const output = join(dir, 'connect.txt');
    ledger.startRun(benchCase.id);
    await execa(strace, ['-f', '-qq', '-e', 'trace=connect', '-o', output, ...benchCase.argv], { reject: false, stdio: 'ignore', env: benchEnv(), extendEnv: false });
    const text = await readFile(output, 'utf8');
    const addresses = new Set<string>();
    for (const match of text.matchAll(/inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"/g)) addresses.add(match[1] ?? match[2] ?? '');
    return [...addresses].sort();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
