/**
 * The text a provider folder's docs.ts gives about its provider: from it `npm run generate` writes
 * docs/providers/<type>.md, the README's provider table and examples/<type>.toml, and a test checks
 * that it describes exactly the keys the schemas accept. A run never loads it.
 */
export interface KeyDoc {
  key: string;
  /** What the key is for, in one or two sentences of Markdown. */
  text: string;
  /** Must be set (for secret keys: the key, its `_env` or its `_file` form). */
  required?: boolean;
  /** Shown as "default: …" when the key may be left out. */
  default?: string;
}

export interface ProviderDocs {
  /** The service in one paragraph: what it is, which credential ddns needs and where to get it. */
  summary: string;
  /** The API base `endpoint` replaces (or, for a service without one, what `endpoint` means). */
  endpoint: string;
  /** Keys of the `[[provider]]` table besides name, type and endpoint. */
  providerKeys: readonly KeyDoc[];
  /** The provider's own keys of a `[[record]]` (besides provider, name, type, zone, ttl). */
  recordKeys: readonly KeyDoc[];
  /** Whether `zone` and `ttl` mean something for this provider's records. */
  zoneAndTtl: { zone: string; ttl: string } | 'no effect';
  /** The rest of the page in Markdown (headings `###`): errors and what they mean, limits, quirks. */
  notes: string;
  /** A `[[provider]]` and `[[record]]` a user can start from, as TOML (validated by the example suite). */
  example: string;
  /** Per preset name: a paragraph for its page, and its example. */
  presets?: Readonly<Record<string, { summary: string; example: string }>>;
}
