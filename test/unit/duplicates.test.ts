import { firstOfDuplicates } from '../../src/providers/duplicates.js';

describe('firstOfDuplicates', () => {
  const logger = () => {
    const warnings: string[] = [];
    return { warnings, log: { debug: () => undefined, warn: (message: string) => warnings.push(message) } };
  };

  it('keeps the first of several and says how many there are, naming the one kept', () => {
    const { warnings, log } = logger();
    const first = firstOfDuplicates([{ id: 'a1' }, { id: 'b2' }, { id: 'c3' }], log, () => 'A records named home.example.com exist in Cloudflare zone example.com', (record) => `id ${record.id}`);
    expect(first).toEqual({ id: 'a1' });
    expect(warnings).toEqual(['3 A records named home.example.com exist in Cloudflare zone example.com; only the first (id a1) is kept up to date — delete the others']);
  });

  it('is silent for one record, and gives nothing for none', () => {
    const { warnings, log } = logger();
    expect(firstOfDuplicates([{ id: 'a1' }], log, () => 'unused', (record) => record.id)).toEqual({ id: 'a1' });
    expect(firstOfDuplicates([], log, () => 'unused', () => 'unused')).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
