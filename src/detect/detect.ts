/**
 * Step 3 of a pass: find this host's public address of one family by asking every configured
 * source at once and accepting an address as soon as `quorum` sources report it.
 */
import type { DetectionConfig } from '../config/types.js';
import { familyName, type Family } from '../domain.js';
import { createHttpClient } from '../http/client.js';
import { redact } from '../log/redact.js';
import { checkCandidate } from './classify.js';
import { reachesNetwork, sourceFunctionFor, sourceLabel, UnusableAnswerError, type SystemAccess } from './sources.js';

export interface SourceAnswer {
  /** The source as configured (redacted). */
  source: string;
  /** The accepted address, canonical form. */
  ip?: string;
  /** Why the source gave no acceptable address (one line, redacted). */
  error?: string;
  /**
   * A remote server answered (an HTTP status, a command's output), usable or not: the network
   * is up, so waiting for it to come up cannot help.
   */
  reached?: boolean;
  ms: number;
}

export interface DetectionResult {
  family: Family;
  ip: string;
  /** The first source that reported `ip`. */
  source: string;
  /** Every source that reported `ip` before the result was decided. */
  agreeing: string[];
  /** The answers of the final round that arrived before the result was decided, in arrival order. */
  answers: SourceAnswer[];
  elapsedMs: number;
}

export class DetectionError extends Error {
  readonly family: Family;
  readonly answers: SourceAnswer[];

  constructor(family: Family, message: string, answers: SourceAnswer[]) {
    super(redact(message));
    this.name = 'DetectionError';
    this.family = family;
    this.answers = answers;
  }
}

export interface DetectOptions {
  /** Per source: HTTP request or command timeout. */
  timeoutMs: number;
  /** `settings.proxy`; used only when the family's `use_proxy` is true. */
  proxy?: string | undefined;
  /** How long to keep retrying while no source gives a usable answer (`settings.detect_wait`). */
  waitMs: number;
  /** First pause between rounds; doubles each round up to MAX_RETRY_DELAY_MS. */
  retryDelayMs?: number;
  debug?: (message: string) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Operating-system access for `interface:` sources (tests). */
  system?: Partial<SystemAccess>;
}

const DEFAULT_RETRY_DELAY_MS = 1000;
const MAX_RETRY_DELAY_MS = 10_000;
/** A source gets this long beyond its own timeout before the round stops waiting for it. */
const STRAGGLER_GRACE_MS = 1000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** Outcome of one round: decided (address or disagreement), or nothing usable yet. */
type RoundOutcome =
  | { kind: 'agreed'; ip: string; agreeing: string[]; answers: SourceAnswer[] }
  | { kind: 'disagree'; answers: SourceAnswer[] }
  | { kind: 'undecided'; answers: SourceAnswer[] };

interface RoundSettings {
  config: DetectionConfig;
  options: DetectOptions;
  now: () => number;
  /** Each source's timeout in this round: the configured one, or less near the end of `waitMs + timeoutMs`. */
  sourceTimeoutMs: number;
}

/** Queries every source concurrently; settles as soon as the outcome is known. */
function runRound({ config, options, now, sourceTimeoutMs }: RoundSettings): Promise<RoundOutcome> {
  const useProxy = config.useProxy && options.proxy !== undefined && options.proxy !== '';
  const http = createHttpClient({
    timeoutMs: sourceTimeoutMs,
    // One GET per source and run: written to a socket, without loading node-fetch or node:http (docs/design/startup.md).
    transport: 'socket',
    proxy: useProxy ? options.proxy : undefined,
    ...(options.debug ? { debug: (message: string) => options.debug?.(redact(message)) } : {}),
  });
  const abort = new AbortController();
  const context = { http, forceFamily: !useProxy, timeoutMs: sourceTimeoutMs, signal: abort.signal, system: options.system };
  const answers: SourceAnswer[] = [];
  const sourcesByIp = new Map<string, string[]>();

  return new Promise<RoundOutcome>((resolve) => {
    let pending = config.sources.length;
    let settled = false;
    const stragglerTimers: NodeJS.Timeout[] = [];
    const settle = (outcome: RoundOutcome): void => {
      if (settled) return;
      settled = true;
      // Nobody needs the remaining answers: cancel pending HTTP requests and kill running commands.
      abort.abort();
      for (const timer of stragglerTimers) clearTimeout(timer);
      resolve(outcome);
    };
    const record = (answer: SourceAnswer): void => {
      if (settled) return;
      answers.push(answer);
      options.debug?.(
        `${familyName(config.family)} ${sourceLabel(answer.source)}: ${answer.ip ?? answer.error ?? ''} (${answer.ms}ms)`,
      );
      if (answer.ip !== undefined) {
        const agreeing = [...(sourcesByIp.get(answer.ip) ?? []), answer.source];
        sourcesByIp.set(answer.ip, agreeing);
        if (agreeing.length >= config.quorum) {
          settle({ kind: 'agreed', ip: answer.ip, agreeing, answers: [...answers] });
          return;
        }
      }
      pending -= 1;
      if (pending > 0) return;
      settle({ kind: sourcesByIp.size > 1 ? 'disagree' : 'undecided', answers: [...answers] });
    };

    if (config.sources.length === 0) settle({ kind: 'undecided', answers: [] });
    for (const source of config.sources) {
      const started = now();
      const shownSource = redact(source);
      const query = sourceFunctionFor(source)(source, config.family, context);
      let straggler: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        straggler = setTimeout(
          () => reject(new Error(`no answer within ${formatSeconds(sourceTimeoutMs)}`)),
          sourceTimeoutMs + STRAGGLER_GRACE_MS,
        );
        stragglerTimers.push(straggler);
      });
      Promise.race([query, deadline])
        .then((text) => {
          const check = checkCandidate(text, config.family, { allowPrivate: config.allowPrivate });
          const ms = now() - started;
          const reached = reachesNetwork(source);
          record(check.ok ? { source: shownSource, ip: check.ip, reached, ms } : { source: shownSource, error: redact(check.reason), reached, ms });
        })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          const reached = error instanceof UnusableAnswerError;
          record({ source: shownSource, error: redact(message.split('\n')[0] ?? message), reached, ms: now() - started });
        })
        .finally(() => clearTimeout(straggler));
      // A source that loses the race may still reject later: that is expected, not unhandled.
      query.catch(() => undefined);
    }
  });
}

function describeAnswers(answers: SourceAnswer[], separator = '; '): string {
  return answers
    .map((answer) =>
      answer.ip !== undefined ? `${answer.ip} (${sourceLabel(answer.source)})` : `${sourceLabel(answer.source)}: ${answer.error ?? 'no answer'}`,
    )
    .join(separator);
}

/**
 * Detects the public address of `config.family`.
 *
 * All sources run concurrently; an answer counts only if it is a usable address of the family
 * (public unicast unless `allowPrivate`). Resolves as soon as `quorum` sources report the same
 * address. When every source has answered without a quorum:
 * - two or more different addresses were reported: throws at once (waiting would not make
 *   the sources agree, and publishing either could be wrong);
 * - no source reached the network at all (DNS failure, unreachable network, refused, timeouts:
 *   the network is not up yet after boot): tries again after a pause that starts at
 *   `retryDelayMs` and doubles up to 10s, until `waitMs` has passed, then throws;
 * - some source did answer, but nothing usable came (HTTP errors, private addresses, garbage):
 *   the network is up and waiting will not change the answers, so one more round, then throws.
 * The whole detection ends within `waitMs` plus one source timeout: the sources of a round started
 * near the deadline get only the time left until `waitMs + timeoutMs` (a source that ignores its
 * own timeout is abandoned STRAGGLER_GRACE_MS later).
 */
export async function detectAddress(config: DetectionConfig, options: DetectOptions): Promise<DetectionResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const started = now();
  const deadline = started + options.waitMs;
  const hardStop = deadline + options.timeoutMs;
  const family = familyName(config.family);
  let delay = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  // Config validation rejects this too; without the check the rounds would retry in vain.
  if (config.quorum > config.sources.length) {
    throw new DetectionError(
      config.family,
      `${family} quorum ${config.quorum} cannot be reached with ${config.sources.length} source(s)`,
      [],
    );
  }

  /** The first round in which some source reached the network, if any. */
  let reachedInRound: number | undefined;
  for (let round = 1; ; round++) {
    const sourceTimeoutMs = Math.max(0, Math.min(options.timeoutMs, hardStop - now()));
    const outcome = await runRound({ config, options, now, sourceTimeoutMs });
    if (outcome.kind === 'agreed') {
      return {
        family: config.family,
        ip: outcome.ip,
        source: outcome.agreeing[0] ?? '',
        agreeing: outcome.agreeing,
        answers: outcome.answers,
        elapsedMs: now() - started,
      };
    }
    const valid = outcome.answers.filter((answer) => answer.ip !== undefined);
    if (outcome.kind === 'disagree') {
      const report = describeAnswers(valid, ', ');
      throw new DetectionError(
        config.family,
        `${family} sources disagree: ${report}; quorum ${config.quorum} not reached`,
        outcome.answers,
      );
    }
    if (reachedInRound === undefined && outcome.answers.some((answer) => answer.reached === true)) reachedInRound = round;
    const remaining = deadline - now();
    const networkUp = reachedInRound !== undefined;
    if (remaining <= 0 || (reachedInRound !== undefined && round > reachedInRound)) {
      const report = outcome.answers.length ? describeAnswers(outcome.answers) : 'no sources configured';
      throw new DetectionError(config.family, `${failureSummary(family, config.quorum, valid.length > 0, networkUp, options.waitMs)}: ${report}`, outcome.answers);
    }
    const pause = Math.min(delay, remaining);
    const why = networkUp ? 'sources answered but gave no usable address; one more round' : 'no source could be reached; trying again';
    options.debug?.(`${family} detection round ${round} found no address (${why} in ${formatSeconds(pause)})`);
    await sleep(pause);
    delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
  }
}

function failureSummary(family: string, quorum: number, someValid: boolean, networkUp: boolean, waitMs: number): string {
  if (someValid) return `${family} quorum ${quorum} not reached${networkUp ? '' : ` within ${formatSeconds(waitMs)}`}`;
  if (networkUp) return `no ${family} source gave a usable address (sources answered, so the network is up)`;
  return `no ${family} source answered within ${formatSeconds(waitMs)}`;
}
