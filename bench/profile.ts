/**
 * `npm run bench -- --profile`: where one no-change `ddns check` spends its time, from a V8 CPU
 * profile (`node --cpu-prof`), the run's own report (`--json` durationMs: the check pass proper)
 * and, with strace, the JavaScript files the process opens.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { PACKAGE_ROOT } from '../test/helpers/cli.js';
import { benchEnv, type BenchCase } from './cases.js';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Milliseconds covered by the profile (from V8 start-up to exit; Node's own bootstrap before it is not included). */
  profiledMs: number;
  /** The check pass as ddns reports it (`--json` durationMs). */
  checkPassMs: number | null;
  wallMs: number;
  /** Milliseconds per category, largest first. */
  categories: { name: string; ms: number }[];
  /** JavaScript files opened, per package (needs strace). */
  filesLoaded: { total: number; byPackage: { name: string; files: number }[] } | null;
  text: string;
}

const PROJECT_URL = `file://${PACKAGE_ROOT}/`;

/** "npm:zod", "ddns src/state", "ddns bin": who owns a script URL; undefined for Node's own code. */
function owner(url: string): string | undefined {
  const path = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (npm) return `npm:${npm[1]}`;
  if (!url.startsWith(PROJECT_URL)) return undefined;
  const relative = url.slice(PROJECT_URL.length);
  const area = /^dist\/src\/([^/.]+)/.exec(relative);
  if (area) return `ddns src/${area[1]}`;
  return `ddns ${relative.split('/')[0] ?? relative}`;
}

/**
 * Each sample goes to the first thing found walking up from the executing frame: Node's module
 * loader (resolving, reading, compiling, linking an import) or the project file / npm package
 * whose code runs (including its top-level code while it is being evaluated).
 */
export function categorize(profile: CpuProfile): { name: string; ms: number }[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, CpuProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const categoryOf = new Map<number, string>();
  const classify = (id: number): string => {
    const cached = categoryOf.get(id);
    if (cached !== undefined) return cached;
    let name = 'Node internals (bootstrap, timers, streams)';
    const leaf = byId.get(id);
    const special: Record<string, string> = { '(garbage collector)': 'garbage collection', '(idle)': 'idle: waiting for I/O or timers', '(program)': 'V8/native, outside JavaScript' };
    const leafName = leaf?.callFrame.url === '' ? special[leaf.callFrame.functionName] : undefined;
    if (leafName !== undefined) name = leafName;
    else {
      for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
        const url = byId.get(current)?.callFrame.url ?? '';
        if (url.startsWith('node:internal/modules/') || url.startsWith('node:internal/deps/cjs-module-lexer')) {
          name = 'module loading (resolve, read, compile, link)';
          break;
        }
        const found = owner(url);
        if (found !== undefined) {
          name = found;
          break;
        }
      }
    }
    categoryOf.set(id, name);
    return name;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const name = classify(id);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

async function filesLoaded(strace: string, argv: string[]): Promise<ProfileSummary['filesLoaded']> {
  const dir = await mkdtemp(join(tmpdir(), 'ddns-bench-open-'));
  try {
    const output = join(dir, 'open.txt');
    await execa(strace, ['-f', '-qq', '-e', 'trace=openat', '-o', output, ...argv], { reject: false, stdio: 'ignore', env: benchEnv(), extendEnv: false });
    const files = new Set<string>();
    // With -f, a call interrupted by another thread is split into "<unfinished …>" and "resumed"
    // lines, so the path and the result are not always on one line: count every path not refused.
    for (const line of (await readFile(output, 'utf8')).split('\n')) {
      const match = /openat\([^,]+, "([^"]+\.[cm]?js)"/.exec(line);
      if (match !== null && !/= -1 /.test(line)) files.add(match[1] ?? '');
    }
    const counts = new Map<string, number>();
    for (const file of files) {
      const name = owner(`file://${file}`) ?? 'other';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return { total: files.size, byPackage: [...counts].map(([name, count]) => ({ name, files: count })).sort((a, b) => b.files - a.files) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const PROFILE_RUNS = 3;

export async function profileNoChangeRun(benchCase: BenchCase, strace: string | undefined): Promise<ProfileSummary> {
  const [node, ...rest] = benchCase.argv;
  const dir = await mkdtemp(join(tmpdir(), 'ddns-bench-profile-'));
  try {
    const runs: { wallMs: number; profile: CpuProfile }[] = [];
    for (let run = 0; run < PROFILE_RUNS; run++) {
      benchCase.prepare();
      const runDir = join(dir, String(run));
      const started = performance.now();
      await execa(node ?? process.execPath, ['--cpu-prof', '--cpu-prof-dir', runDir, '--cpu-prof-interval', '100', ...rest], { stdio: 'ignore', env: benchEnv(), extendEnv: false });
      const wallMs = performance.now() - started;
      const [file] = await readdir(runDir);
      runs.push({ wallMs, profile: JSON.parse(await readFile(join(runDir, file ?? ''), 'utf8')) as CpuProfile });
    }
    runs.sort((a, b) => a.wallMs - b.wallMs);
    const median = runs[Math.floor(runs.length / 2)] as (typeof runs)[number];
    const categories = categorize(median.profile);
    benchCase.prepare();
    const report = await execa(node ?? process.execPath, [...rest, '--json'], { reject: false, env: benchEnv(), extendEnv: false });
    let checkPassMs: number | null = null;
    try {
      checkPassMs = (JSON.parse(String(report.stdout)) as { durationMs?: number }).durationMs ?? null;
    } catch {
      checkPassMs = null;
    }
    const loaded = strace === undefined ? null : await filesLoaded(strace, benchCase.argv);
    const profiledMs = (median.profile.endTime - median.profile.startTime) / 1000;
    const line = (name: string, ms: number) => `  ${name.padEnd(48)} ${ms.toFixed(0).padStart(5)} ms  ${((100 * ms) / profiledMs).toFixed(0).padStart(3)}%`;
    const text = [
      `Where a no-change ddns run spends its time: node --cpu-prof, the median of ${PROFILE_RUNS} runs, ${median.wallMs.toFixed(0)} ms wall (the profiler slows it down), ${profiledMs.toFixed(0)} ms profiled:`,
      ...categories.slice(0, 14).map((category) => line(category.name, category.ms)),
      `  the check pass itself (ddns --json durationMs: lock, state, detection, compare, save): ${checkPassMs === null ? 'unknown' : `${checkPassMs} ms`}`,
      ...(loaded
        ? [`  JavaScript files opened: ${loaded.total} (${loaded.byPackage.slice(0, 12).map((entry) => `${entry.name} ${entry.files}`).join(', ')}${loaded.byPackage.length > 12 ? ', …' : ''})`]
        : []),
    ].join('\n');
    return { profiledMs, checkPassMs, wallMs: median.wallMs, categories, filesLoaded: loaded, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
