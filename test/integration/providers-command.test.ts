import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDERS } from '../../src/providers/registry.js';
import type { CatalogEntry } from '../../src/providers/catalog.js';
import { PACKAGE_ROOT, runDdns } from '../helpers/cli.js';

describe('ddns providers', () => {
  it('--json lists every registered type and every preset, each with its credential keys and an existing docs page', async () => {
    const result = await runDdns(['providers', '--json']);
    expect(result.exitCode).toBe(0);
    const entries = JSON.parse(result.stdout) as CatalogEntry[];
    const types = entries.filter((entry) => entry.kind !== 'preset').map((entry) => entry.name);
    expect(types).toEqual([...PROVIDERS.keys()].sort());
    const presets = entries.filter((entry) => entry.kind === 'preset').map((entry) => `${entry.presetOf ?? ''}/${entry.name}`);
    expect(presets.sort()).toEqual([...PROVIDERS.values()].flatMap((metadata) => (metadata.presets ?? []).map((preset) => `${metadata.type}/${preset.name}`)).sort());
    for (const entry of entries) {
      expect(entry.credentialKeys.length + (entry.kind === 'write-only' ? 1 : 0)).toBeGreaterThan(0);
      expect({ entry: entry.name, page: existsSync(join(PACKAGE_ROOT, entry.docs)) }).toEqual({ entry: entry.name, page: true });
    }
  });

  it('prints a table a person can read: one line per entry and a closing count', async () => {
    const result = await runDdns(['providers']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^name\s+kind\s+service\s+credentials$/);
    expect(result.stdout).toMatch(/^cloudflare\s+api\s+Cloudflare\s+api_token$/m);
    expect(result.stdout).toMatch(/^noip\s+preset of dyndns2\s+No-IP\s+username, password$/m);
    expect(lines.at(-1)).toMatch(new RegExp(`^${PROVIDERS.size} provider types and \\d+ presets`));
  });
});
