import { statSync, type Stats } from 'node:fs';
import { configReadableByOthers } from '../messages.js';

/**
 * A config holding secrets that other local users can read leaks the provider credentials.
 * Returns a warning with the fix, or undefined. Windows ACLs are handled by `setup-task`.
 */
export async function configPermissionWarning(path: string, holdsSecrets: boolean, platform: NodeJS.Platform = process.platform): Promise<string | undefined> {
  if (platform === 'win32' || !holdsSecrets) return undefined;
  // Synchronous: made by every run, see docs/design/startup.md.
  let info: Stats;
  try {
    info = statSync(path);
  } catch {
    return undefined;
  }
  const mode = info.mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  return configReadableByOthers(path, mode);
}
