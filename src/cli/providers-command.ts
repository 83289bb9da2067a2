import type { Command } from 'commander';
import { formatCatalog, providerCatalog } from '../providers/catalog.js';
import { PROVIDERS } from '../providers/registry.js';
import type { Io } from './io.js';

/** `ddns providers [--json]`: every provider type and preset, with its credential keys and docs page. */
export function registerProvidersCommand(program: Command, io: Io): void {
  program
    .command('providers')
    .description('list every provider type and preset: kind, service, credential keys, docs page')
    .option('--json', 'print JSON: [{name, title, kind, presetOf?, credentialKeys, docs}]')
    .action((options: { json?: boolean }) => {
      const entries = providerCatalog(PROVIDERS);
      io.stdout(options.json ? JSON.stringify(entries, null, 2) : formatCatalog(entries));
    });
}
