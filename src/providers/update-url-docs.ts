/**
 * Text shared by the pages of the write-only update-URL services (Namecheap, Njalla, Dynadot,
 * DDNSS, FreeDNS): what every one of them does alike. Loaded by docs.ts files only.
 */

/** The last rows of a service's answers table: what is retried and what is no reply at all. */
export const RETRIED_AND_UNKNOWN_ROWS = `| HTTP 5xx, 429, network errors | retried within the run |
| anything else (an HTML page, an empty body) | fails as "not a reply it documents; check endpoint" |`;

/** The "Never resent; holds" and "Record options" sections of a service's page. */
export function neverResentNotes(service: string, what = 'The update URL'): string {
  return `### Never resent; holds
${what} cannot be read back, so the state file is ddns's only memory of what ${service}
holds: ddns sends an update **only when the detected address differs from the one ${service} last
confirmed** (or with \`--force\`). A refusal puts a **hold** on the record, kept in the state and shown
by \`ddns check\` and \`ddns status\`, until the settings change.

### Record options
None.`;
}
