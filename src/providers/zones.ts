/**
 * Zones that could hold `name`, deepest first: the name itself, then each parent down to two
 * labels ("a.b.example.co.uk" → a.b.example.co.uk, b.example.co.uk, example.co.uk, co.uk).
 * Asking a provider for them in this order makes a delegated sub-zone (lab.example.com) win over
 * its parent, and needs no public-suffix list for multi-label suffixes like co.uk or com.cn.
 */
export function zoneCandidates(name: string): string[] {
  const labels = name.replace(/\.$/, '').split('.');
  const candidates = [labels.join('.')];
  for (let start = 1; labels.length - start >= 2; start++) candidates.push(labels.slice(start).join('.'));
  return candidates;
}
