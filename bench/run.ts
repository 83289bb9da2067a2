/**
 * `npm run bench`: wall time and peak memory of `ddns check` (whatever bin/ddns.js runs) against
 * the local fakes, beside `node -e 0` and beside ddclient and inadyn doing the same dyndns2
 * update. A benchmark, not a test: it never judges a timing, but it does refuse numbers whose
 * runs did not do the work they claim (request counts per run are checked and printed).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { PACKAGE_ROOT } from '../test/helpers/cli.js';
import { BENCH_UNSET, benchEnv, cloudflareCase, ddclientCase, ddnsDyndns2Case, floorCase, httpGetFloorCase, inadynCase, type BenchCase } from './cases.js';
import { findExecutable, Ledger, runsPerRound, measurePeakRss, measureWithHyperfine, measureWithNode, startControlServer, tracedConnections, type WallTimes } from './measure.js';
import { caseResult, markdownTable, summarize, tableRow, TABLE_HEADER, textTable, type CaseResult } from './report.js';
import { profileNoChangeRun, type ProfileSummary } from './profile.js';

const SLOW_SOURCE_MS = 2000;

interface Options {
  runs: number;
  warmup: number;
  rssRuns: number;
  rounds: number;
  only: string[] | undefined;
  peers: boolean;
  profile: boolean;
  docs: boolean;
  out: string;
}

const USAGE = `usage: npm run bench -- [--runs N] [--warmup N] [--rss-runs N] [--rounds N] [--only ID,ID] [--no-peers] [--profile] [--docs] [--out DIR]
  --runs N       timed runs per case (default 8)
  --warmup N     untimed warm-up runs per case before them (default 1)
  --rss-runs N   separate runs under GNU time for peak RSS (default 3; 0 skips)
  --rounds N     spread the timed runs over N passes over all cases (default 4), so a busy
                 moment on a shared machine hits every case alike
  --only IDS     only these cases (comma-separated ids, see the JSON); node -e 0 always runs
  --no-peers     skip ddclient and inadyn
  --profile      also CPU-profile one no-change ddns run and print where its time goes
  --docs         also copy the results into docs/benchmarks.md (--readme: the same, its old name)
  --out DIR      where latest.json and latest.md go (default bench/results)`;

function parseOptions(argv: string[]): Options {
  const options: Options = { runs: 8, warmup: 1, rssRuns: 3, rounds: 4, only: undefined, peers: true, profile: false, docs: false, out: join(PACKAGE_ROOT, 'bench', 'results') };
  const count = (flag: string, value: string | undefined, minimum: number): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < minimum) throw new Error(`${flag} needs a whole number ≥ ${minimum}, got ${value ?? 'nothing'}`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? '';
    const [name, inline] = flag.startsWith('--') && flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--runs':
        options.runs = count(name, value(), 2);
        break;
      case '--warmup':
        options.warmup = count(name, value(), 0);
        break;
      case '--rss-runs':
        options.rssRuns = count(name, value(), 0);
        break;
      case '--rounds':
        options.rounds = count(name, value(), 1);
        break;
      case '--only':
        options.only = (value() ?? '').split(',').map((id) => id.trim()).filter(Boolean);
        break;
      case '--no-peers':
        options.peers = false;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--docs':
      case '--readme':
        options.docs = true;
        break;
      case '--out':
        options.out = value() ?? options.out;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function versionOf(command: string, args: string[], pattern: RegExp): Promise<string | undefined> {
  const result = await execa(command, args, { reject: false, timeout: 10_000 });
  return pattern.exec(`${String(result.stdout)}\n${String(result.stderr)}`)?.[1];
}

/** ddclient has no --version; its script declares it. */
async function ddclientVersion(path: string): Promise<string | undefined> {
  try {
    return /\$VERSION\s*=\s*version->declare\('v?([\d.]+)'\)/.exec(await readFile(path, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

interface Skipped {
  what: string;
  reason: string;
}

async function buildCases(options: Options, peers: { ddclient?: string; inadyn?: string; ddclientVersion?: string; inadynVersion?: string }, skipped: Skipped[]): Promise<BenchCase[]> {
  const wanted = (id: string) => options.only === undefined || options.only.includes(id) || id === 'node-floor';
  const builders: [string, () => Promise<BenchCase>][] = [
    ['node-floor', async () => floorCase()],
    ['node-get-http', () => httpGetFloorCase('node:http')],
    ['node-get-node-fetch', () => httpGetFloorCase('node-fetch')],
    ['ddns-cloudflare-unchanged', () => cloudflareCase({ id: 'ddns-cloudflare-unchanged', label: 'ddns · Cloudflare · nothing to change', records: 1, change: false })],
    ['ddns-cloudflare-changed', () => cloudflareCase({ id: 'ddns-cloudflare-changed', label: 'ddns · Cloudflare · 1 record changed', records: 1, change: true })],
    ['ddns-cloudflare-changed-20', () => cloudflareCase({ id: 'ddns-cloudflare-changed-20', label: 'ddns · Cloudflare · 20 records changed', records: 20, change: true })],
    ['ddns-cloudflare-unchanged-200', () => cloudflareCase({ id: 'ddns-cloudflare-unchanged-200', label: 'ddns · Cloudflare · 200 records, nothing to change', records: 200, change: false })],
    [
      'ddns-detect-slow-source',
      () => cloudflareCase({ id: 'ddns-detect-slow-source', label: `ddns · nothing to change · sources: ${SLOW_SOURCE_MS / 1000} s + instant`, records: 1, change: false, slowSourceMs: SLOW_SOURCE_MS }),
    ],
    ['ddns-dyndns2-unchanged', () => ddnsDyndns2Case({ id: 'ddns-dyndns2-unchanged', label: 'ddns · dyndns2 · nothing to change', change: false })],
    ['ddns-dyndns2-changed', () => ddnsDyndns2Case({ id: 'ddns-dyndns2-changed', label: 'ddns · dyndns2 · 1 record changed', change: true })],
  ];
  // The Linux single executable (`npm run package`), when it is built: the same no-change run.
  const executable = join(PACKAGE_ROOT, 'dist', 'package', 'ddns-linux-x64');
  if (process.platform === 'linux' && process.arch === 'x64' && existsSync(executable)) {
    builders.push(['exe-cloudflare-unchanged', () => cloudflareCase({ id: 'exe-cloudflare-unchanged', label: 'ddns-linux-x64 (single executable) · Cloudflare · nothing to change', records: 1, change: false, program: [executable] })]);
  } else skipped.push({ what: 'the Linux single executable', reason: `${executable} is not built (npm run package)` });
  const ddclientName = `ddclient ${peers.ddclientVersion ?? ''}`.trim();
  const inadynName = `inadyn ${peers.inadynVersion ?? ''}`.trim();
  if (options.peers) {
    if (peers.ddclient !== undefined) {
      const path = peers.ddclient;
      builders.push(['ddclient-unchanged', () => ddclientCase({ id: 'ddclient-unchanged', label: `${ddclientName} · dyndns2 · nothing to change`, change: false }, path)]);
      builders.push(['ddclient-changed', () => ddclientCase({ id: 'ddclient-changed', label: `${ddclientName} · dyndns2 · 1 record changed`, change: true }, path)]);
    } else skipped.push({ what: 'ddclient', reason: 'not installed (Debian package ddclient)' });
    if (peers.inadyn !== undefined) {
      const path = peers.inadyn;
      builders.push(['inadyn-unchanged', () => inadynCase({ id: 'inadyn-unchanged', label: `${inadynName} · dyndns2 · nothing to change`, change: false }, path)]);
      builders.push(['inadyn-changed', () => inadynCase({ id: 'inadyn-changed', label: `${inadynName} · dyndns2 · 1 record changed`, change: true }, path)]);
    } else skipped.push({ what: 'inadyn', reason: 'not installed (Debian package inadyn)' });
  } else skipped.push({ what: 'ddclient and inadyn', reason: '--no-peers' });
  const unknown = (options.only ?? []).filter((id) => !builders.some(([known]) => known === id));
  if (unknown.length > 0) throw new Error(`unknown case id(s): ${unknown.join(', ')}; known: ${builders.map(([id]) => id).join(', ')}`);

  const cases: BenchCase[] = [];
  for (const [id, build] of builders) {
    if (!wanted(id)) continue;
    const benchCase = await build();
    cases.push(benchCase);
    try {
      await benchCase.setup();
    } catch (error) {
      await Promise.all(cases.map((built) => built.close()));
      throw error;
    }
  }
  return cases;
}

function machineDescription(): { text: string; cpu: string; cores: number; memoryGiB: number; os: string; node: string } {
  const cpus = os.cpus();
  const cpu = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = Math.round(os.totalmem() / 2 ** 30);
  const system = `${os.type()} ${os.release()} ${os.arch()}`;
  return {
    text: `${cpus.length} × ${cpu}, ${memoryGiB} GiB RAM, ${system}, Node ${process.version}`,
    cpu,
    cores: cpus.length,
    memoryGiB,
    os: system,
    node: process.version,
  };
}

const TABLE_START = /<!-- BENCH-TABLE:START[^>]*-->\n/;
const TABLE_END = '<!-- BENCH-TABLE:END -->';

/** Replaces what stands between the bench markers of docs/benchmarks.md with the new results. */
async function copyIntoDocs(markdown: string): Promise<void> {
  const path = join(PACKAGE_ROOT, 'docs', 'benchmarks.md');
  const text = await readFile(path, 'utf8');
  const start = TABLE_START.exec(text);
  const end = text.indexOf(TABLE_END);
  if (start === null || end < start.index) throw new Error(`docs/benchmarks.md has no ${TABLE_END.replace('END', 'START')} … ${TABLE_END} block to fill`);
  const body = markdown.replace(/^<!--.*-->\n/, '');
  await writeFile(path, `${text.slice(0, start.index + start[0].length)}${body}${text.slice(end)}`);
}

interface DetectionReport {
  decidedMs: number;
  answered: number;
  sources: number;
  passMs: number;
}

/** ddns's own account of one run (`check --json`): when detection was decided, by how many sources. */
async function reportedDetection(benchCase: BenchCase): Promise<DetectionReport | undefined> {
  const [file, ...args] = benchCase.argv;
  const result = await execa(file ?? '', [...args, '--json'], { reject: false, env: benchEnv(), extendEnv: false });
  try {
    const report = JSON.parse(String(result.stdout)) as { durationMs: number; detection: { elapsedMs: number; answers: unknown[] }[] };
    const family = report.detection[0];
    return family === undefined ? undefined : { decidedMs: family.elapsedMs, answered: family.answers.length, sources: benchCase.echoRequestsPerRun, passMs: report.durationMs };
  } catch {
    return undefined;
  }
}

const round = (value: number, places = 1): number => Math.round(value * 10 ** places) / 10 ** places;

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const [hyperfine, gnuTime, strace, ddclient, inadyn] = await Promise.all(['hyperfine', '/usr/bin/time', 'strace', 'ddclient', 'inadyn'].map(findExecutable));
  const versions = {
    hyperfine: hyperfine === undefined ? undefined : await versionOf(hyperfine, ['--version'], /hyperfine ([\d.]+)/),
    ddclient: ddclient === undefined ? undefined : await ddclientVersion(ddclient),
    inadyn: inadyn === undefined ? undefined : await versionOf(inadyn, ['--version'], /([\d.]+)/),
  };
  const skipped: Skipped[] = [];
  const machine = machineDescription();
  const loadBefore = os.loadavg();
  const started = Date.now();
  console.log(`ddns bench: ${machine.text}; load average ${loadBefore.map((load) => load.toFixed(2)).join(' ')}`);
  if (hyperfine === undefined) console.log('hyperfine not found: wall time is measured here, from spawning each run to its exit (install hyperfine for better numbers)');
  if (gnuTime === undefined) console.log('GNU time (/usr/bin/time) not found: no peak RSS');

  const cases = await buildCases(options, { ...(ddclient ? { ddclient } : {}), ...(inadyn ? { inadyn } : {}), ...(versions.ddclient ? { ddclientVersion: versions.ddclient } : {}), ...(versions.inadyn ? { inadynVersion: versions.inadyn } : {}) }, skipped);
  for (const skip of skipped) console.log(`skipped ${skip.what}: ${skip.reason}`);
  const byId = new Map(cases.map((benchCase) => [benchCase.id, benchCase]));
  const ledger = new Ledger(byId);
  const control = await startControlServer(ledger);
  const scratch = await mkdtemp(join(os.tmpdir(), 'ddns-bench-'));
  let results: CaseResult[];
  let profile: ProfileSummary | undefined;
  let detectionReport: DetectionReport | undefined;
  try {
    console.log(`\n${cases.length} cases × (${options.warmup} warm-up + ${options.runs} timed runs)${hyperfine ? ` with ${hyperfine} -N, in ${runsPerRound(options.runs, options.rounds).length} rounds` : ''}`);
    const wall: Map<string, WallTimes> = hyperfine
      ? await measureWithHyperfine(hyperfine, cases, control, { runs: options.runs, warmup: options.warmup, rounds: options.rounds, scratchDir: scratch })
      : await measureWithNode(cases, ledger, { runs: options.runs, warmup: options.warmup });

    const measureMemory = gnuTime !== undefined && options.rssRuns > 0;
    if (measureMemory) console.log(`  peak RSS: ${options.rssRuns} more run(s) of each case under GNU time`);
    const memory = measureMemory ? await measurePeakRss(gnuTime, cases, ledger, options.rssRuns) : new Map<string, { maxRssKiB: number[]; exitCodes: number[] }>();

    const connections = new Map<string, string[]>();
    const peers = cases.filter((benchCase) => benchCase.tool === 'ddclient' || benchCase.tool === 'inadyn');
    if (strace !== undefined) {
      if (peers.length > 0) console.log(`  connections: one more run of each peer case under strace`);
      for (const peer of peers) connections.set(peer.id, await tracedConnections(strace, peer, ledger));
    } else if (peers.length > 0) console.log('strace not found: peer connections checked only through the echo request counts');

    // Counted and checked like every other run of the case.
    const slowSourceCase = byId.get('ddns-detect-slow-source');
    if (slowSourceCase !== undefined) {
      ledger.startRun(slowSourceCase.id);
      detectionReport = await reportedDetection(slowSourceCase);
    }

    const floorTimes = wall.get('node-floor')?.times ?? [];
    const floorMedianMs = floorTimes.length === 0 ? null : summarize(floorTimes.map((seconds) => seconds * 1000)).median;
    results = cases.map((benchCase) =>
      caseResult(
        {
          benchCase,
          timesSeconds: wall.get(benchCase.id)?.times ?? [],
          exitCodes: [...(wall.get(benchCase.id)?.exitCodes ?? []), ...(memory.get(benchCase.id)?.exitCodes ?? [])],
          maxRssKiB: memory.get(benchCase.id)?.maxRssKiB ?? [],
          runs: ledger.runs(benchCase.id),
          connections: connections.get(benchCase.id) ?? null,
        },
        floorMedianMs,
      ),
    );
    if (options.profile) {
      const unchanged = byId.get('ddns-cloudflare-unchanged');
      if (unchanged === undefined) console.log('--profile needs the ddns-cloudflare-unchanged case');
      else {
        console.log('  profile: 3 no-change ddns runs under node --cpu-prof');
        profile = await profileNoChangeRun(unchanged, strace);
      }
    }
  } finally {
    await control.close();
    await Promise.all(cases.map((benchCase) => benchCase.close()));
    await rm(scratch, { recursive: true, force: true });
  }

  const rows = results.map(tableRow);
  const elapsedSeconds = Math.round((Date.now() - started) / 1000);
  const loadAfter = os.loadavg();
  const wallBy = hyperfine ? `hyperfine ${versions.hyperfine ?? ''} -N`.replace('  ', ' ') : 'the Node harness (spawn to exit)';
  const detection = results.find((result) => result.id === 'ddns-detect-slow-source');
  const unchanged = results.find((result) => result.id === 'ddns-cloudflare-unchanged');
  const unsetHere = BENCH_UNSET.filter((name) => process.env[name] !== undefined);
  const notes = [
    `× node -e 0: median wall time over the median of \`node -e 0\` in the same run. The middle half is the range of the central 50 % of the timed runs (min, max, mean and standard deviation are in latest.json).`,
    `Requests per run are counted by the local fakes for every run of a case (warm-up, timed, memory${strace ? ' and traced' : ''} runs alike) and checked: a changed run must send exactly one update per record and leave the provider at the new address, a nothing-to-change run must send nothing, every run must ask the local echo. "Updates" are the writes among the requests (Cloudflare POST/PATCH, dyndns2 update calls); a range would mean runs differed.`,
    `A "changed" case flips the echo's address before every run, so every run has exactly one new address to send; the nothing-to-change cases start from a state/cache that already holds the echo's address (ddns: confirmed less than \`recheck\` ago).`,
    ...(detection && unchanged
      ? [
          `Detection: with a second source that answers after ${SLOW_SOURCE_MS / 1000} s, a no-change run takes ${detection.wallMs.median.toFixed(0)} ms (median) against ${unchanged.wallMs.median.toFixed(0)} ms with the instant source alone (${Math.abs(detection.wallMs.median - unchanged.wallMs.median).toFixed(0)} ms ${detection.wallMs.median >= unchanged.wallMs.median ? 'more' : 'less'}).${
            detectionReport === undefined
              ? ''
              : ` In one more run's own report (\`--json\`), detection was decided after ${detectionReport.decidedMs} ms with ${detectionReport.answered} of ${detectionReport.sources} sources answered, and the whole check pass took ${detectionReport.passMs} ms.`
          }`,
        ]
      : []),
    ...(results.some((result) => result.tool === 'ddclient' || result.tool === 'inadyn')
      ? [
          `Peers read the address from the same kind of local echo and update the same fake dyndns2 server (src/providers/dyndns2/fake.ts): ddclient with \`-daemon=0 -foreground\`, \`use=web\`, \`min-interval=0\`; inadyn with \`--once\` and a \`custom\` provider. ${strace ? 'One run of each was traced with strace: every connect() went to 127.0.0.1.' : ''}`.trim(),
        ]
      : []),
    ...skipped.map((skip) => `Skipped ${skip.what}: ${skip.reason}.`),
    `Every measured command runs with the bench's own environment minus ${BENCH_UNSET.map((name) => `\`${name}\``).join(' and ')}${unsetHere.length > 0 ? ` (set on this machine: ${unsetHere.join(', ')})` : ''}: a CA bundle named in NODE_EXTRA_CA_CERTS is read and parsed at every Node start, which users' machines rarely do.`,
  ];
  const problems = results.flatMap((result) => result.problems.map((problem) => `${result.label}: ${problem}`));
  if (problems.some((problem) => problem.includes('connected to'))) notes.splice(notes.findIndex((note) => note.startsWith('Peers')), 1);

  const header = `Measured ${new Date(started).toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.text} (1-minute load average ${loadBefore[0]?.toFixed(2)} at the start${(loadBefore[0] ?? 0) > machine.cores ? `: more runnable work than cores, so absolute times are inflated; compare the rows of one run, above all the ratios` : ''}). ${options.runs} timed runs per case after ${options.warmup} warm-up${hyperfine ? `, in ${runsPerRound(options.runs, options.rounds).length} rounds over all cases` : ''}, wall time by ${wallBy}${gnuTime && options.rssRuns > 0 ? `, peak RSS the median of ${options.rssRuns} separate runs under GNU time` : ''}.`;
  const markdown = [
    '<!-- written by `npm run bench` (bench/run.ts); do not edit by hand -->',
    header,
    '',
    markdownTable(TABLE_HEADER, rows),
    '',
    ...notes.map((note) => `- ${note}`),
    ...(problems.length > 0 ? ['', '**Problems (these numbers are not trustworthy):**', ...problems.map((problem) => `- ${problem}`)] : []),
    '',
  ].join('\n');
  const json = {
    generated: new Date(started).toISOString(),
    elapsedSeconds,
    machine: { ...machine, loadAverageBefore: loadBefore.map((load) => round(load, 2)), loadAverageAfter: loadAfter.map((load) => round(load, 2)) },
    tools: { node: process.version, hyperfine: versions.hyperfine ?? null, ddclient: versions.ddclient ?? null, inadyn: versions.inadyn ?? null, gnuTime: gnuTime !== undefined, strace: strace !== undefined },
    options: { runs: options.runs, warmup: options.warmup, rssRuns: options.rssRuns, rounds: options.rounds, only: options.only ?? null, peers: options.peers },
    wallTimeBy: wallBy,
    cases: results,
    skipped,
    notes,
    problems,
    ...(profile ? { profile } : {}),
  };
  await mkdir(options.out, { recursive: true });
  await writeFile(join(options.out, 'latest.json'), `${JSON.stringify(json, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value), 2)}\n`);
  await writeFile(join(options.out, 'latest.md'), markdown);
  if (options.docs) await copyIntoDocs(markdown);

  console.log(`\n${textTable(TABLE_HEADER, rows)}\n`);
  for (const note of notes) console.log(`· ${note.replaceAll('`', '')}`);
  if (profile) console.log(`\n${profile.text}`);
  console.log(`\nwritten: ${join(options.out, 'latest.json')}, ${join(options.out, 'latest.md')} (${elapsedSeconds} s)`);
  if (problems.length > 0) {
    console.error(`\nPROBLEMS — these numbers are not trustworthy:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
