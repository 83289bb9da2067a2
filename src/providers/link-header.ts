/**
 * The target of the link with relation `rel` (e.g. "next") in an HTTP `Link` header (RFC 8288:
 * `<https://…?page=2>; rel="next", <…>; rel="last"`), resolved against a placeholder base so that a
 * relative link reads as well; undefined when the header has no such link or it cannot be parsed.
 * APIs that page by Link header (NS1, deSEC) read their next page from it.
 */
export function linkHeaderTarget(header: string | null, rel: string): URL | undefined {
  for (const link of (header ?? '').split(',')) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    const rels = (match?.[2] ?? '').split(';').flatMap((param) => {
      const [key, value] = param.split('=');
      return key?.trim().toLowerCase() === 'rel' ? (value ?? '').replace(/"/g, '').trim().split(/\s+/) : [];
    });
    if (match === null || !rels.includes(rel)) continue;
    try {
      return new URL(match[1] ?? '', 'http://base.invalid');
    } catch {
      return undefined;
    }
  }
  return undefined;
}
