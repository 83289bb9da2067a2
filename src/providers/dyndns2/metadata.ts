import * as z from 'zod/mini';
import type { ProviderMetadata } from '../types.js';
import { isPresetName, isUpdatePath, PRESET_NAMES, PRESETS, serverBase, SERVER_HINT, styleOf } from './presets.js';
import { lazyProperty } from '../lazy.js';

/** Printable ASCII without spaces: anything else cannot travel in a header or a URL as written. */
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

function dyndns2ConfigSchema() {
  return z
    .strictObject({
      preset: z.optional(z.enum(PRESET_NAMES)),
      server: z.optional(z.string().check(z.refine((server) => serverBase(server) !== undefined, SERVER_HINT))),
      path: z.optional(z.string().check(z.refine(isUpdatePath, 'must start with "/" and contain no "?", "#" or spaces, e.g. "/nic/update"'))),
      username: z.optional(
        z.string().check(
          z.minLength(1, 'must not be empty'),
          // Basic authentication joins user and password with ":", so a ":" in the user name would move the split.
          z.refine((username) => !username.includes(':'), 'must not contain ":"'),
          z.refine((username) => NO_CONTROL_CHARACTERS.test(username), 'must not contain line breaks or control characters'),
        ),
      ),
      password: z
        .string()
        .check(
          z.minLength(1, 'must not be empty'),
          z.refine((password) => NO_CONTROL_CHARACTERS.test(password), 'must not contain line breaks or control characters'),
        ),
      user_agent: z.optional(
        z
          .string()
          .check(z.minLength(1, 'must not be empty'), z.refine((agent) => NO_CONTROL_CHARACTERS.test(agent), 'must not contain line breaks or control characters')),
      ),
    })
    // Runs even when a key above is invalid, so every problem of the table is listed at once.
    .check(
      z.superRefine(
        (options, context) => {
          const preset = typeof options.preset === 'string' && isPresetName(options.preset) ? PRESETS[options.preset] : undefined;
          if (options.preset === undefined && options.server === undefined) {
            context.addIssue({
              code: 'custom',
              path: [],
              message: `set server = "…" (the dyndns2 service's host) or preset = one of ${PRESET_NAMES.map((name) => `"${name}"`).join(', ')}`,
            });
          }
          // Hurricane Electric's user name is the host name itself, so only there may it be left out.
          if (options.username === undefined && !styleOf(preset).usernameIsHostname) {
            context.addIssue({ code: 'custom', path: ['username'], message: 'is required (the account name the service gave you)' });
          }
        },
        { when: () => true },
      ),
    );
}

export const dyndns2Metadata: ProviderMetadata = {
  type: 'dyndns2',
  title: 'dyndns2 protocol (Dyn, No-IP, Dynu, Hurricane Electric and compatibles)',
  credentialKeys: ['username', 'password'],
  secretKeys: ['password'],
  presets: PRESET_NAMES.map((name) => ({
    name,
    title: PRESETS[name].title,
    credentialKeys: styleOf(PRESETS[name]).usernameIsHostname ? ['password'] : ['username', 'password'],
  })),
  get configSchema() {
    return lazyProperty(this, 'configSchema', dyndns2ConfigSchema);
  },
  get recordSchema() {
    return lazyProperty(this, 'recordSchema', () =>
      z.strictObject({}));
  },
  writeOnly: true,
  load: async () => (await import('./index.js')).createDyndns2Provider,
};
