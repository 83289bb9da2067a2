import { type Config, type DetectionConfig } from '../config/types.js';
import { FAMILY_OF, type Family } from '../domain.js';
import { checkCandidate } from '../detect/classify.js';
import { sourceFunctionFor, sourceLabel, type SystemAccess } from '../detect/sources.js';
import type { SourceAnswer } from '../detect/detect.js';
import { redact } from '../log/redact.js';
import { createHttpClient, type ObservedResponse } from '../http/client.js';
import { TEXT } from './messages.js';
import type { DoctorCheck } from './types.js';

/** A source gets this long beyond its own timeout before doctor stops waiting (as in detection). */
const STRAGGLER_GRACE_MS = 1000;

export interface IpCheckOptions {
  onResponse?: (response: ObservedResponse) => void;
  /** Operating-system access for `interface:` sources (tests). */
  system?: Partial<SystemAccess>;
}

export interface IpCheckResult {
  checks: DoctorCheck[];
  /** The address `ddns check` would publish now, per family that reached its quorum. */
  detected: Map<Family, string>;
}

/** The families the records need, in a stable order. */
export function neededFamilies(config: Config): Family[] {
  return [...new Set(config.records.map((record) => FAMILY_OF[record.type]))].sort();
}

/**
 * Asks every source of every needed family once, all at the same time, and waits for all of them
 * (unlike `ddns check`, which stops at the quorum): each source's answer or error is reported.
 */
export async function checkIpSources(config: Config, options: IpCheckOptions = {}): Promise<IpCheckResult> {
  const detected = new Map<Family, string>();
  const perFamily = await Promise.all(
    neededFamilies(config).map(async (family) => {
      const detection = config.detection[family];
      if (!detection) {
        return [
          { id: `ip.${family}`, area: 'ip', title: TEXT.familyTitle(family), status: 'fail', detail: TEXT.familyNotConfigured(family), hint: TEXT.familyNotConfiguredHint(family) },
        ] satisfies DoctorCheck[];
      }
      const answers = await Promise.all(detection.sources.map((source) => askSource(source, detection, config, options)));
      const verdict = familyVerdict(detection, answers);
      if (verdict.ip !== undefined) detected.set(family, verdict.ip);
      const sourceChecks = answers.map((answer, index): DoctorCheck => {
        const base = { id: `ip.${family}.source.${index + 1}`, area: 'ip', title: TEXT.sourceTitle(family, sourceLabel(answer.source)) } as const;
        return answer.ip !== undefined
          ? { ...base, status: 'ok', detail: TEXT.sourceAnswered(answer.ip, answer.ms) }
          : { ...base, status: 'warn', detail: TEXT.sourceFailed(answer.error ?? 'no answer', answer.ms), hint: TEXT.sourceFailedHint };
      });
      return [...sourceChecks, verdict.check];
    }),
  );
  return { checks: perFamily.flat(), detected };
}

async function askSource(source: string, detection: DetectionConfig, config: Config, options: IpCheckOptions): Promise<SourceAnswer> {
  const timeoutMs = config.settings.timeoutMs;
  const proxy = config.settings.proxy;
  const useProxy = detection.useProxy && proxy !== undefined && proxy !== '';
  const http = createHttpClient({
    timeoutMs,
    proxy: useProxy ? proxy : undefined,
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });
  const abort = new AbortController();
  const context = { http, forceFamily: !useProxy, timeoutMs, signal: abort.signal, system: options.system };
  const shown = redact(source);
  const started = Date.now();
  let straggler: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    straggler = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 100) / 10}s`)), timeoutMs + STRAGGLER_GRACE_MS);
  });
  const query = sourceFunctionFor(source)(source, detection.family, context);
  query.catch(() => undefined);
  try {
    const text = await Promise.race([query, deadline]);
    const candidate = checkCandidate(text, detection.family, { allowPrivate: detection.allowPrivate });
    const ms = Date.now() - started;
    return candidate.ok ? { source: shown, ip: candidate.ip, ms } : { source: shown, error: redact(candidate.reason), ms };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { source: shown, error: redact(message.split('\n')[0] ?? message), ms: Date.now() - started };
  } finally {
    clearTimeout(straggler);
    abort.abort();
  }
}

/** What `ddns check` would decide from these answers: an address with its quorum, or a failure. */
function familyVerdict(detection: DetectionConfig, answers: SourceAnswer[]): { ip?: string; check: DoctorCheck } {
  const family = detection.family;
  const base = { id: `ip.${family}`, area: 'ip', title: TEXT.familyTitle(family) } as const;
  const bySource = new Map<string, string[]>();
  for (const answer of answers) {
    if (answer.ip !== undefined) bySource.set(answer.ip, [...(bySource.get(answer.ip) ?? []), answer.source]);
  }
  const answered = answers.filter((answer) => answer.ip !== undefined).length;
  const ranked = [...bySource.entries()].sort((a, b) => b[1].length - a[1].length);
  const best = ranked[0];
  if (best === undefined) {
    return { check: { ...base, status: 'fail', detail: TEXT.familyNoAnswer(answers.length), hint: TEXT.familyNoAnswerHint(family), lines: [TEXT.familyNote] } };
  }
  const [ip, agreeing] = best;
  if (agreeing.length < detection.quorum) {
    const described = ranked.map(([address, sources]) => `${address} (${sources.map(sourceLabel).join(', ')})`).join(', ');
    return { check: { ...base, status: 'fail', detail: TEXT.familyNoQuorum(detection.quorum, described), hint: TEXT.familyNoQuorumHint } };
  }
  if (ranked.length > 1) {
    const others = ranked.slice(1).map(([address, sources]) => `${address} (${sources.map(sourceLabel).join(', ')})`).join(', ');
    return { ip, check: { ...base, status: 'warn', detail: TEXT.familyDisagreeButQuorum(ip, others), hint: TEXT.familyDisagreeHint } };
  }
  return { ip, check: { ...base, status: 'ok', detail: TEXT.familyAgreed(ip, agreeing.length, answered, answers.length, detection.quorum) } };
}

