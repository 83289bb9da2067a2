/** Statistics and the three shapes of the result: the console table, Markdown and JSON. */
import type { BenchCase } from './cases.js';
import type { RunShare } from './measure.js';

export interface Summary {
  runs: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  const variance = sorted.length > 1 ? sorted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (sorted.length - 1) : 0;
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    mean,
    stddev: Math.sqrt(variance),
  };
}

export interface Range {
  min: number;
  max: number;
}

function range(values: number[]): Range | null {
  return values.length === 0 ? null : { min: Math.min(...values), max: Math.max(...values) };
}

export interface CaseResult {
  id: string;
  label: string;
  tool: BenchCase['tool'];
  provider: BenchCase['provider'];
  records: number;
  change: boolean;
  command: string[];
  /** Wall time in milliseconds. */
  wallMs: Summary;
  /** Median wall time over the floor's median wall time. */
  ratioToFloor: number | null;
  /** Peak RSS in MiB, over the separate memory runs. */
  peakRssMiB: Summary | null;
  /** Per run, over every run of the case (warmup, timed, memory and trace runs). */
  perRun: { runsCounted: number; providerRequests: Range | null; providerUpdates: Range | null; echoRequests: Range | null };
  /** Addresses a traced run connected to (peers only; null when not traced). */
  connections: string[] | null;
  problems: string[];
}

export interface CaseMeasurements {
  benchCase: BenchCase;
  timesSeconds: number[];
  exitCodes: number[];
  maxRssKiB: number[];
  runs: RunShare[];
  connections: string[] | null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** Everything about one case, with the checks that make its numbers trustworthy. */
export function caseResult(measured: CaseMeasurements, floorMedianMs: number | null): CaseResult {
  const { benchCase, runs } = measured;
  const wallMs = summarize(measured.timesSeconds.map((seconds) => seconds * 1000));
  const problems: string[] = [];
  const failedExits = measured.exitCodes.filter((code) => code !== 0);
  if (failedExits.length > 0) problems.push(`${failedExits.length} run(s) exited non-zero (${[...new Set(failedExits)].join(', ')})`);
  const badEcho = runs.filter((run) => run.echoRequests !== benchCase.echoRequestsPerRun).length;
  if (badEcho > 0) problems.push(`${badEcho} run(s) did not ask the local echo exactly ${benchCase.echoRequestsPerRun} time(s): the address came from somewhere else, or a run was not prepared`);
  if (benchCase.change) {
    const wrongUpdates = runs.filter((run) => run.providerUpdates !== benchCase.records).length;
    if (wrongUpdates > 0) problems.push(`${wrongUpdates} run(s) did not send exactly ${benchCase.records} update(s)`);
    const notConverged = runs.filter((run) => !run.converged).length;
    if (notConverged > 0) problems.push(`${notConverged} run(s) left the provider without the new address`);
  } else if (benchCase.tool !== 'node') {
    const sent = runs.filter((run) => run.providerRequests !== 0).length;
    if (sent > 0) problems.push(`${sent} run(s) sent provider requests although nothing changed`);
  }
  if (measured.connections !== null) {
    const outside = measured.connections.filter((address) => !LOOPBACK.has(address));
    if (outside.length > 0) problems.push(`connected to ${outside.join(', ')}: not only 127.0.0.1`);
  }
  return {
    id: benchCase.id,
    label: benchCase.label,
    tool: benchCase.tool,
    provider: benchCase.provider,
    records: benchCase.records,
    change: benchCase.change,
    command: benchCase.argv,
    wallMs,
    ratioToFloor: floorMedianMs === null || floorMedianMs <= 0 ? null : wallMs.median / floorMedianMs,
    peakRssMiB: measured.maxRssKiB.length === 0 ? null : summarize(measured.maxRssKiB.map((kib) => kib / 1024)),
    perRun: {
      runsCounted: runs.length,
      providerRequests: range(runs.map((run) => run.providerRequests)),
      providerUpdates: range(runs.map((run) => run.providerUpdates)),
      echoRequests: range(runs.map((run) => run.echoRequests)),
    },
    connections: measured.connections,
    problems,
  };
}

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const rangeText = (value: Range | null): string => (value === null ? '–' : value.min === value.max ? String(value.min) : `${value.min}–${value.max}`);

export interface TableRow {
  cells: string[];
}

export const TABLE_HEADER = ['case', 'median', 'middle half (p25–p75)', '× node -e 0', 'peak RSS', 'provider requests / run', 'updates / run', 'echo requests / run'];

export function tableRow(result: CaseResult): string[] {
  const isFloor = result.tool === 'node';
  return [
    result.label,
    `${ms(result.wallMs.median)} ms`,
    `${ms(result.wallMs.q1)}–${ms(result.wallMs.q3)} ms`,
    result.ratioToFloor === null ? '–' : `${result.ratioToFloor.toFixed(result.ratioToFloor < 1 ? 2 : 1)}×`,
    result.peakRssMiB === null ? '–' : `${result.peakRssMiB.median.toFixed(1)} MiB`,
    isFloor ? '–' : rangeText(result.perRun.providerRequests),
    isFloor ? '–' : rangeText(result.perRun.providerUpdates),
    isFloor ? '–' : rangeText(result.perRun.echoRequests),
  ];
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `|${header.map((_, column) => (column === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}
