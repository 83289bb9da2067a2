/** What every IP source is given and returns; each kind of source is a file beside this one. */
import type os from 'node:os';
import type { Family } from '../../domain.js';
import type { HttpClient } from '../../http/client.js';

/** What the operating system offers to `interface:` sources; replaceable in tests. */
export interface SystemAccess {
  platform: NodeJS.Platform;
  networkInterfaces(): NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  readTextFile(path: string): Promise<string>;
  /** Runs a PowerShell script and returns its stdout (Windows only). */
  runPowerShell(script: string, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<string>;
}

export interface SourceContext {
  http: HttpClient;
  /**
   * Force the connection's address family. False only when detection goes through a proxy
   * (`use_proxy`): then the proxy's exit address is what the echo service sees, and the HTTP
   * client uses the proxy only when no family is forced.
   */
  forceFamily: boolean;
  timeoutMs: number;
  /** Aborted when the answer is no longer needed (quorum reached): running commands are killed. */
  signal?: AbortSignal | undefined;
  system?: Partial<SystemAccess> | undefined;
}

export type SourceFunction = (source: string, family: Family, context: SourceContext) => Promise<string>;
