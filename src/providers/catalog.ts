import type { ProviderMetadata } from './types.js';

/** One line of `ddns providers`: a provider type, or a preset reached through one. */
export interface CatalogEntry {
  /** What goes in the config: the `type`, or for a preset the `preset` value. */
  name: string;
  title: string;
  /** "api": read and write; "write-only": an update URL, no record to read; "preset": a fixed setting of `presetOf`. */
  kind: 'api' | 'write-only' | 'preset';
  /** For a preset: the type whose `preset` key selects it. */
  presetOf?: string;
  credentialKeys: readonly string[];
  /** The provider's page, relative to the repository root. */
  docs: string;
}

export function providerDocsPath(type: string, preset?: string): string {
  return preset === undefined ? `docs/providers/${type}.md` : `docs/providers/${type}-${preset}.md`;
}

/** Every type, then its presets, in type order. */
export function providerCatalog(providers: ReadonlyMap<string, ProviderMetadata>): CatalogEntry[] {
  return [...providers.values()]
    .sort((a, b) => a.type.localeCompare(b.type))
    .flatMap((metadata) => [
      {
        name: metadata.type,
        title: metadata.title,
        kind: metadata.writeOnly === true ? ('write-only' as const) : ('api' as const),
        credentialKeys: metadata.credentialKeys,
        docs: providerDocsPath(metadata.type),
      },
      ...(metadata.presets ?? []).map((preset) => ({
        name: preset.name,
        title: preset.title,
        kind: 'preset' as const,
        presetOf: metadata.type,
        credentialKeys: preset.credentialKeys,
        docs: providerDocsPath(metadata.type, preset.name),
      })),
    ]);
}

/** The table `ddns providers` prints: aligned columns, one entry per line. */
export function formatCatalog(entries: readonly CatalogEntry[]): string {
  const rows = entries.map((entry) => [
    entry.name,
    entry.kind === 'preset' ? `preset of ${entry.presetOf ?? ''}` : entry.kind,
    entry.title,
    entry.credentialKeys.join(', '),
  ]);
  const header = ['name', 'kind', 'service', 'credentials'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  const types = entries.filter((entry) => entry.kind !== 'preset').length;
  return [line(header), ...rows.map(line), '', `${types} provider types and ${entries.length - types} presets; each has a page under docs/providers/ (\`--json\` names it)`].join('\n');
}
