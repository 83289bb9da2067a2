import type { ProviderTestKit } from '../../../test/helpers/provider-kit.js';
import { startFakeDyndns2 } from './fake.js';
import { DEFAULT_PATH, GENERIC, PRESET_NAMES, PRESETS, styleOf, type PresetName } from './presets.js';

const USER = 'ann';
const PASSWORD = 'kit-dyndns2-Pass_w0rd-x8Rt2';
const RECORD = 'home.example.com';

/** The kit of one preset: the fake plays its style and path, the config names the preset. */
function presetKit(preset: PresetName, label?: string): ProviderTestKit {
  const style = styleOf(PRESETS[preset]);
  // Where the host name is the user name, the account is the host's own.
  const user = style.usernameIsHostname ? RECORD : USER;
  const path = 'path' in PRESETS[preset] ? PRESETS[preset].path : DEFAULT_PATH;
  return {
    type: 'dyndns2',
    ...(label === undefined ? {} : { label }),
    transport: 'http',
    start: () => startFakeDyndns2({ accounts: { [user]: PASSWORD }, hosts: { [RECORD]: user }, style, path }),
    providerLines: [`preset = "${preset}"`, ...(style.usernameIsHostname ? [] : [`username = "${user}"`]), `password = "${PASSWORD}"`],
    recordName: RECORD,
    secrets: [PASSWORD, Buffer.from(`${user}:${PASSWORD}`).toString('base64')],
    // easyDNS confirms with a bare OK: a plain "OK" is its success, not a malformed answer.
    ...(style.replies === 'easydns' ? { malformedOutcomes: { 'plain text "OK" (200)': ['ok'] } } : {}),
  };
}

export const testKit: ProviderTestKit = presetKit('noip');

/**
 * One more kit for each style a preset brings (the first preset of each distinct style), so that
 * the conformance suites cover every style with no list kept here: a preset with a new style is
 * covered because it is in PRESETS.
 */
export const testKitVariants: readonly ProviderTestKit[] = (() => {
  const seen = new Set([JSON.stringify(GENERIC)]);
  const kits: ProviderTestKit[] = [];
  for (const preset of PRESET_NAMES) {
    const key = JSON.stringify(styleOf(PRESETS[preset]));
    if (seen.has(key)) continue;
    seen.add(key);
    kits.push(presetKit(preset, `dyndns2 (preset ${preset})`));
  }
  return kits;
})();
