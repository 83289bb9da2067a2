import type { Config } from '../config/types.js';
import { familyName, FAMILY_OF, type Family } from '../domain.js';
import { detectAddress, DetectionError, type DetectionResult } from '../detect/detect.js';
import type { Logger } from '../log/logger.js';
import { redact } from '../log/redact.js';
import { canonicalAddress } from '../providers/address.js';
import type { StateData } from '../state/types.js';
import type { FamilyReport, RunReport } from './report.js';

export interface DetectionDependencies {
  logger: Logger;
  detect?: typeof detectAddress | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

/**
 * Detects each family a record needs, at once; each family's result goes into the report and,
 * when an address was found, into the state's last-detected entry.
 */
export async function detectFamilies(
  config: Config,
  state: StateData | undefined,
  deps: DetectionDependencies,
  now: () => Date,
  report: RunReport,
): Promise<Map<Family, string>> {
  const needed = [...new Set(config.records.map((record) => FAMILY_OF[record.type]))].sort();
  const detect = deps.detect ?? detectAddress;
  const detected = new Map<Family, string>();
  const families = await Promise.all(
    needed.map(async (family): Promise<FamilyReport> => {
      const detection = config.detection[family];
      if (!detection) {
        return { family, answers: [], error: `no [ip.${family}] sources configured`, elapsedMs: 0 };
      }
      const started = Date.now();
      try {
        const result: DetectionResult = await detect(detection, {
          timeoutMs: config.settings.timeoutMs,
          ...(config.settings.proxy ? { proxy: config.settings.proxy } : {}),
          waitMs: config.settings.detectWaitMs,
          debug: (message) => deps.logger.debug(message),
          ...(deps.sleep ? { sleep: deps.sleep } : {}),
        });
        return {
          family,
          ip: canonicalAddress(result.ip),
          source: result.source,
          agreeing: result.agreeing,
          answers: result.answers,
          elapsedMs: result.elapsedMs,
        };
      } catch (error) {
        const answers = error instanceof DetectionError ? error.answers : [];
        return { family, answers, error: redact((error as Error).message), elapsedMs: Date.now() - started };
      }
    }),
  );
  for (const family of families) {
    report.detection.push(family);
    if (family.ip) {
      detected.set(family.family, family.ip);
      const previous = state?.detected[family.family];
      if (previous && previous.ip !== family.ip) {
        deps.logger.info(`${familyName(family.family)} address changed: ${previous.ip} → ${family.ip} (from ${family.source})`);
      } else {
        deps.logger.debug(`${familyName(family.family)} address ${family.ip} from ${family.source} in ${family.elapsedMs}ms`);
      }
      if (state && family.source) {
        state.detected[family.family] = { ip: family.ip, source: family.source, at: now().toISOString() };
      }
    } else {
      deps.logger.error(`${familyName(family.family)} detection failed: ${family.error ?? 'no address'}`);
    }
  }
  return detected;
}
