import { unknownProviderTypeMessage } from '../../src/config/messages.js';
import { providerTypes } from '../../src/providers/registry.js';

describe('unknown provider type', () => {
  const known = providerTypes();

  it('names the type a typo most likely meant, and where the whole list is', () => {
    expect(unknownProviderTypeMessage('CloudFlare', known)).toBe(`unknown provider type "CloudFlare" (did you mean "cloudflare"? \`ddns providers\` lists all ${known.length})`);
    expect(unknownProviderTypeMessage('dyndns', known)).toMatch(/did you mean "dyndns2"\?/);
  });

  it('suggests nothing when no type is close, and stays one short line however many types there are', () => {
    const message = unknownProviderTypeMessage('godaddy-v1', known);
    expect(message).toBe(`unknown provider type "godaddy-v1" (\`ddns providers\` lists all ${known.length})`);
    expect(unknownProviderTypeMessage('x', Array.from({ length: 500 }, (_, index) => `provider${index}`)).length).toBeLessThan(80);
  });
});
