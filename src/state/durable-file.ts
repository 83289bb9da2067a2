// node:fs/promises through `promises`, not imported by name: the bundle then loads it on first use,
// and a run with nothing to change, whose reads are synchronous, never does (docs/design/startup.md).
import { readFileSync, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { crashPoint } from '../crash-point.js';

/**
 * A lowdb adapter whose writes survive a crash or power loss at any instant: the JSON goes to a
 * temporary file in the same directory, is fsynced, then renamed over the old file, and the
 * directory is fsynced so the rename itself is durable. lowdb's own JSONFile (steno) renames
 * without fsync, which can leave an empty file after a power cut.
 * `read` returns the raw text; parsing and validation belong to the store, which knows the shape.
 */
export class DurableTextFile implements Adapter<string> {
  constructor(private readonly path: string) {}

  /** Synchronous: one small file read once per run, where the thread pool's round trip cost more than the read. */
  async read(): Promise<string | null> {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(text: string): Promise<void> {
    const directory = dirname(this.path);
    await fsp.mkdir(directory, { recursive: true, mode: 0o700 });
    const temporary = join(directory, `.${basename(this.path)}.${process.pid}.tmp`);
    const handle = await fsp.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    crashPoint('state-temp-written');
    try {
      await fsp.rename(temporary, this.path);
    } catch (error) {
      await fsp.unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncDirectory(directory);
  }
}

async function syncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fsp.open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems (e.g. certain network mounts) refuse fsync on directories.
  } finally {
    await handle.close();
  }
}
