import { FIRST_IP, FIRST_IPV6, SECOND_IP, startWorkspace } from '../helpers/workspace.js';
import { FAST_PACING, heldContent, kitRecordTypes, kitTables, kitTitle, withFake } from '../helpers/conformance.js';
import type { ProviderTestKit, RunningFake } from '../helpers/provider-kit.js';
import { PROVIDERS } from '../../src/providers/registry.js';

/**
 * The lifecycle every provider must get right, through the built CLI against its fake (dnscontrol
 * runs one such suite against every provider): take over an A record made by hand with another
 * address (updated in place, not duplicated) and create an AAAA record; then send nothing while the
 * addresses are unchanged; then update with exactly one write when one changes; keep it in the
 * state; and never print, log or store a secret. (Creating an A record from nothing is the first
 * run of the malformed-answer suite's CLI case.)
 */
/** The suites for `kits`; lifecycle-1 and lifecycle-2.test.ts each run half of the registry. */
export function defineLifecycleSuites(kits: readonly ProviderTestKit[]): void {

async function withWorld(kit: ProviderTestKit, body: (world: { fake: RunningFake; workspace: Awaited<ReturnType<typeof startWorkspace>> }) => Promise<void>): Promise<void> {
  await withFake(kit, async (fake) => {
    // A style variant (a dyndns2 preset style) runs the CLI entry in-process: its type's own kit runs
    // the same lifecycle through the built CLI, and the process boundary is not what the style changes.
    const workspace = await startWorkspace({ prefix: `ddns-conformance-${kit.type}-`, env: FAST_PACING, inProcess: kit.label !== undefined });
    try {
      await body({ fake, workspace });
    } finally {
      await workspace.close();
    }
  });
}

describe.each(kits.map((kit) => [kitTitle(kit), kit] as const))('%s: lifecycle through the CLI', (_type, kit) => {
  it('updates a hand-made A in place and creates AAAA, sends nothing while unchanged, then one write for a changed address; no secret anywhere', async () => {
    // A provider that sets A records only (Namecheap) runs the same lifecycle without the AAAA.
    const types = kitRecordTypes(kit);
    const v6 = types.includes('AAAA');
    await withWorld(kit, async ({ fake, workspace }) => {
      fake.store.add({ name: kit.recordName, type: 'A', content: '81.2.69.1' });
      await workspace.writeConfig(kitTables(kit, fake.endpoint, types.map((type) => ({ type }))), { ipv6: v6 });
      let result = await workspace.check();
      expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: expect.any(String) });
      expect(fake.store.records({ name: kit.recordName, type: 'A' }).map((record) => record.content)).toEqual([FIRST_IP]);
      expect(heldContent(kit, fake, 'AAAA')).toBe(v6 ? FIRST_IPV6 : undefined);
      expect(fake.store.writes).toBe(types.length);

      const requestsBefore = fake.requestCount();
      result = await workspace.check();
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('0 provider requests');
      expect(fake.requestCount()).toBe(requestsBefore);

      workspace.ipv4.current = SECOND_IP;
      const beforeChange = fake.requestCount();
      result = await workspace.check('--json');
      expect(result.exitCode).toBe(0);
      expect(fake.store.writes).toBe(types.length + 1);
      // A provider that updates by the state's record id sends the zone listing and the write only.
      if (PROVIDERS.get(kit.type)?.updatesByStateId === true) expect(fake.requestCount() - beforeChange).toBeLessThanOrEqual(2);
      expect(heldContent(kit, fake, 'A')).toBe(SECOND_IP);
      expect(heldContent(kit, fake, 'AAAA')).toBe(v6 ? FIRST_IPV6 : undefined);
      expect(fake.store.records({ name: kit.recordName })).toHaveLength(types.length);
      const state = await workspace.readState();
      expect(state.records[`p/${kit.recordName}/A`]?.ip).toBe(SECOND_IP);
      expect(state.runs.map((run) => run.exitCode)).toEqual([0, 0, 0]);

      await workspace.runInThisProcess(['status', '--config', workspace.configPath, '--json']);
      await workspace.expectNoSecretAnywhere([...kit.secrets]);

      if (PROVIDERS.get(kit.type)?.updatesByStateId === true) {
        // The record the state knows by id was deleted by hand: the update by id is answered
        // not-found, and the record is looked up and created again.
        const [held] = fake.store.records({ name: kit.recordName, type: 'A' });
        expect(fake.store.remove(held?.id ?? '')).toBe(true);
        workspace.ipv4.current = FIRST_IP;
        result = await workspace.runInThisProcess(['check', '--config', workspace.configPath]);
        expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: expect.any(String) });
        expect(fake.store.records({ name: kit.recordName, type: 'A' }).map((record) => record.content)).toEqual([FIRST_IP]);
      }
    });
  }, 60_000);
});
}
