import { startFakeServer, type FakeHandler, type FakeServer, type SeenRequest } from './fake-server.js';
import type { FakeZoneStore } from './fake-zone-store.js';
import type { RunningFake } from './provider-kit.js';
import { runningFake } from './fake-per-test.js';

/**
 * The running fake of a write-only update-URL service (Namecheap, Njalla, Dynadot, DDNSS,
 * FreeDNS): its server, the update requests it saw, and what it holds per name and type. Each
 * fake only says how its wire reads (`handle`) over the shared zone store.
 */
export interface FakeUpdateUrl extends RunningFake {
  url: string;
  server: FakeServer;
  /** The requests to the update path. */
  updates(): SeenRequest[];
  /** The address the fake holds for a fully qualified name. */
  held(name: string, type?: 'A' | 'AAAA'): string | undefined;
}

export async function startFakeUpdateUrl(store: FakeZoneStore, isUpdatePath: (path: string) => boolean, handle: FakeHandler): Promise<FakeUpdateUrl> {
  const server = await startFakeServer(handle);
  return {
    ...runningFake(server, store),
    url: server.url,
    server,
    updates: () => server.requests.filter((request) => isUpdatePath(request.path)),
    held: (name, type = 'A') => store.records({ name: name.toLowerCase(), type })[0]?.content,
  };
}
