import { FAMILY_OF, type Family } from '../domain.js';
import { unknownKeyMessage } from './messages.js';
import { DEFAULT_SOURCES, familySchema } from './schema.js';
import { isTable, validate, type LoadContext, type Table } from './tables.js';
import type { DetectionConfig, RecordConfig } from './types.js';

const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];

/** `[ip.ipv4]` and `[ip.ipv6]`: the sources of each family and how many must agree. */
export function loadDetection(document: Table, context: LoadContext): Partial<Record<Family, DetectionConfig>> {
  const detection: Partial<Record<Family, DetectionConfig>> = {};
  const ip = document.ip;
  if (ip === undefined) return detection;
  if (!isTable(ip)) {
    context.problems.add(['ip'], 'must be a table ([ip.ipv4] / [ip.ipv6])');
    return detection;
  }
  for (const key of Object.keys(ip)) {
    if (!(FAMILIES as readonly string[]).includes(key)) context.problems.add(['ip', key], unknownKeyMessage(key, FAMILIES));
  }
  for (const family of FAMILIES) {
    const raw = ip[family];
    if (raw === undefined) continue;
    const familyPath = ['ip', family];
    if (!isTable(raw)) {
      context.problems.add(familyPath, `must be a table ([ip.${family}])`);
      continue;
    }
    const parsed = validate(familySchema, raw, context.problems, familyPath);
    // Checked on the raw values too, so it is reported alongside any other problem in the section.
    const sourceCount = Array.isArray(raw.sources) ? raw.sources.length : DEFAULT_SOURCES[family].length;
    if (typeof raw.quorum === 'number' && Number.isInteger(raw.quorum) && sourceCount > 0 && raw.quorum > sourceCount) {
      context.problems.add(
        [...familyPath, 'quorum'],
        `is ${raw.quorum} but only ${sourceCount} source${sourceCount === 1 ? ' is' : 's are'} listed: at most ${sourceCount} can agree`,
      );
      continue;
    }
    if (parsed === undefined) continue;
    detection[family] = {
      family,
      sources: parsed.sources ?? [...DEFAULT_SOURCES[family]],
      allowPrivate: parsed.allow_private,
      quorum: parsed.quorum,
      useProxy: parsed.use_proxy,
    };
  }
  return detection;
}

/** A family needed by a record but not configured is detected from the default sources. */
export function withDefaultDetection(detection: Partial<Record<Family, DetectionConfig>>, records: readonly RecordConfig[]): Partial<Record<Family, DetectionConfig>> {
  for (const record of records) {
    const family = FAMILY_OF[record.type];
    detection[family] ??= { family, sources: [...DEFAULT_SOURCES[family]], allowPrivate: false, quorum: 1, useProxy: false };
  }
  return detection;
}
