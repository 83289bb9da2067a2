/**
 * `[[record]]` tables: the base keys, then the options of the record's provider; a record given
 * twice (same provider, name and type) is reported at the second.
 */
import { recordKey } from '../domain.js';
import { PROVIDERS } from '../providers/registry.js';
import type { ProviderMetadata, TtlRange } from '../providers/types.js';
import { quoted } from '../text.js';
import { isInsideZone } from './dns-name.js';
import { nearestLine } from './lines.js';
import { recordBaseSchema, RECORD_BASE_KEYS } from './schema.js';
import { omit, pick, schemaKeys, tablesOf, validate, type LoadContext, type Table } from './tables.js';
import type { RecordConfig } from './types.js';

/** Every `[[record]]`, each checked against the providers named in the file (`typeByName`). */
export function loadRecords(document: Table, context: LoadContext, providerTypeByName: ReadonlyMap<string, string | undefined>): RecordConfig[] {
  const { problems, lineOf } = context;
  const recordTables = tablesOf(document, 'record', problems);
  if (document.record === undefined) problems.add([], 'no [[record]] is defined: there is nothing to update');
  const records: RecordConfig[] = [];
  const recordLineByKey = new Map<string, number | undefined>();
  for (const [index, table] of recordTables.entries()) {
    const { identity, record } = loadRecord(table, index, context, providerTypeByName);
    if (identity !== undefined) {
      if (recordLineByKey.has(identity)) {
        const firstLine = recordLineByKey.get(identity);
        problems.add(
          ['record', index],
          `duplicate record: ${describeIdentity(identity)} is already defined${firstLine === undefined ? '' : ` at line ${firstLine}`}`,
        );
        continue;
      }
      recordLineByKey.set(identity, nearestLine(lineOf, ['record', index]));
    }
    if (record !== undefined) records.push(record);
  }
  return records;
}

interface RecordResult {
  /** `provider/name/type` whenever those three are valid, so duplicates are found even in broken records. */
  identity: string | undefined;
  record: RecordConfig | undefined;
}

/** `cf/home.example.com/A` → `home.example.com A with provider "cf"` (none of the parts can contain "/"). */
function describeIdentity(identity: string): string {
  const [provider, name, type] = identity.split('/');
  return `${name ?? ''} ${type ?? ''} with provider "${provider ?? ''}"`;
}

/** `ttl` held to what the service accepts. */
function heldTtl(ttl: number, range: TtlRange): number {
  if (range.special?.includes(ttl) === true) return ttl;
  if (ttl < range.minimum) return range.minimum;
  if (range.maximum !== undefined && ttl > range.maximum) return range.maximum;
  return ttl;
}

function loadRecord(
  table: Table,
  index: number,
  context: LoadContext,
  providerTypeByName: ReadonlyMap<string, string | undefined>,
): RecordResult {
  const tablePath = ['record', index];
  const { problems } = context;
  let valid = true;

  const providerName = table.provider;
  let metadata: ProviderMetadata | undefined;
  if (typeof providerName === 'string' && providerName !== '') {
    if (!providerTypeByName.has(providerName)) {
      const known = [...providerTypeByName.keys()];
      problems.add(
        [...tablePath, 'provider'],
        known.length === 0
          ? `unknown provider ${quoted(providerName)}: no [[provider]] is defined`
          : `unknown provider ${quoted(providerName)} (known: ${known.join(', ')})`,
      );
      valid = false;
    } else {
      const type = providerTypeByName.get(providerName);
      metadata = type === undefined ? undefined : PROVIDERS.get(type);
    }
  }

  const baseKeys = pick(table, RECORD_BASE_KEYS);
  // "myhome" for a DuckDNS record is how DuckDNS itself names it: it means myhome.duckdns.org.
  if (metadata?.domain !== undefined && typeof baseKeys.name === 'string' && /^[^.\s]+$/.test(baseKeys.name)) {
    baseKeys.name = `${baseKeys.name}.${metadata.domain}`;
  }
  const base = validate(recordBaseSchema, baseKeys, problems, tablePath);
  if (base === undefined) valid = false;
  // A write-only service sets the name's TTL itself and has no zones to look up: say so rather
  // than let a ttl that never takes effect look configured.
  if (metadata?.writeOnly === true) {
    for (const key of ['ttl', 'zone'] as const) {
      if (key === 'ttl' && metadata.sendsTtl === true) continue;
      if (table[key] !== undefined) context.warnings.add([...tablePath, key], `has no effect for a "${metadata.type}" provider: ${key === 'ttl' ? 'the service sets the TTL itself' : 'it has no zones to look up'}`);
    }
  }

  if (base !== undefined && metadata?.recordTypes !== undefined && !metadata.recordTypes.includes(base.type)) {
    problems.add(
      [...tablePath, 'type'],
      `a "${metadata.type}" provider cannot set ${base.type} records (${metadata.title} sets ${metadata.recordTypes.join(' and ')} records only)`,
    );
    valid = false;
  }

  if (base?.ttl !== undefined && metadata?.ttlRange !== undefined) {
    const held = heldTtl(base.ttl, metadata.ttlRange);
    if (held !== base.ttl) {
      context.warnings.add([...tablePath, 'ttl'], `${base.ttl} is ${held > base.ttl ? 'below the least' : 'above the most'} a "${metadata.type}" provider accepts (${held} seconds); ddns sends ${held}`);
      base.ttl = held;
    }
  }

  if (base?.zone !== undefined && !isInsideZone(base.name, base.zone)) {
    problems.add([...tablePath, 'zone'], `record name "${base.name}" is not inside zone "${base.zone}"`);
    valid = false;
  }

  const extra = omit(table, new Set<string>(RECORD_BASE_KEYS));
  let options: Record<string, unknown> = {};
  if (metadata !== undefined) {
    const allowedKeys = [...RECORD_BASE_KEYS, ...schemaKeys(metadata.recordSchema)];
    const parsed = validate(metadata.recordSchema, extra, problems, tablePath, allowedKeys);
    if (parsed === undefined) valid = false;
    else options = parsed;
  } else {
    // No usable provider (reported already): the record's provider-specific keys cannot be judged.
    valid = false;
  }

  const identity = base === undefined ? undefined : recordKey(base);
  if (!valid || base === undefined) return { identity, record: undefined };
  const record: RecordConfig = {
    provider: base.provider,
    name: base.name,
    type: base.type,
    zone: base.zone,
    ttl: base.ttl,
    options,
    line: nearestLine(context.lineOf, tablePath),
  };
  return { identity, record };
}
