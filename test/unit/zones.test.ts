import { ProviderError } from '../../src/http/errors.js';
import { readAllPages, ZoneDirectory, type ZoneSource } from '../../src/providers/zones.js';

interface Zone {
  id: string;
  name: string;
  ascii?: string;
}

/** A zone source over a fixed list, counting its calls; `failNext` makes the next listing fail. */
function source(zones: Zone[], withNamed = false) {
  const calls = { listAll: 0, listNamed: [] as string[] };
  let failNext = false;
  const zoneSource: ZoneSource<Zone> = {
    listAll: async () => {
      calls.listAll += 1;
      if (failNext) {
        failNext = false;
        throw new ProviderError('transient', 'listing failed');
      }
      return zones;
    },
    ...(withNamed
      ? {
          listNamed: async (name: string) => {
            calls.listNamed.push(name);
            // Like a fuzzy server-side filter: the directory must keep exact matches only.
            return zones.filter((zone) => zone.name.toLowerCase().includes(name));
          },
        }
      : {}),
    namesOf: (zone) => [zone.name, zone.ascii ?? ''],
  };
  return { zoneSource, calls, failNextListing: () => (failNext = true) };
}

describe('ZoneDirectory', () => {
  const zones: Zone[] = [
    { id: 'z1', name: 'Example.com.' },
    { id: 'z2', name: 'lab.example.com' },
    { id: 'z3', name: 'bücher.example', ascii: 'xn--bcher-kva.example' },
  ];

  it('answers every record name from one listing, deepest zone first, by any of a zone\'s names', async () => {
    const { zoneSource, calls } = source(zones);
    const directory = new ZoneDirectory(zoneSource);

    const answers = await Promise.all(
      ['nas.lab.example.com', 'home.example.com', 'www.xn--bcher-kva.example', 'home.example.org'].map((name) => directory.held(name)),
    );

    expect(answers.map((held) => held.map((entry) => `${entry.name}=${entry.zones.map((zone) => zone.id).join('+')}`))).toEqual([
      ['lab.example.com=z2', 'example.com=z1'],
      ['example.com=z1'],
      ['xn--bcher-kva.example=z3'],
      [],
    ]);
    expect(calls.listAll).toBe(1);
    expect(await directory.count()).toBe(3);
  });

  it('lists again after a failed listing', async () => {
    const { zoneSource, calls, failNextListing } = source(zones);
    const directory = new ZoneDirectory(zoneSource);
    failNextListing();

    await expect(directory.held('home.example.com')).rejects.toThrow('listing failed');
    expect((await directory.held('home.example.com')).map((entry) => entry.name)).toEqual(['example.com']);
    expect(calls.listAll).toBe(2);
  });

  it('asks for a configured zone by name once, keeping exact matches, without listing', async () => {
    const { zoneSource, calls } = source(zones, true);
    const directory = new ZoneDirectory(zoneSource);

    const [first, second] = await Promise.all([directory.named('example.com.'), directory.named('EXAMPLE.com')]);

    expect(first?.map((zone) => zone.id)).toEqual(['z1']);
    expect(second?.map((zone) => zone.id)).toEqual(['z1']);
    expect(calls).toEqual({ listAll: 0, listNamed: ['example.com'] });
  });

  it('answers a configured zone from the listing when the source cannot ask by name', async () => {
    const { zoneSource, calls } = source(zones);
    const directory = new ZoneDirectory(zoneSource);

    expect((await directory.named('lab.example.com')).map((zone) => zone.id)).toEqual(['z2']);
    expect(await directory.named('other.example')).toEqual([]);
    expect(calls.listAll).toBe(1);
  });
});

describe('readAllPages', () => {
  it('follows the cursor until a page names no next one', async () => {
    const asked: number[] = [];
    const items = await readAllPages(1, async (page: number) => {
      asked.push(page);
      return { items: [page * 10, page * 10 + 1], next: page < 3 ? page + 1 : undefined };
    }, 'test listing');
    expect(asked).toEqual([1, 2, 3]);
    expect(items).toEqual([10, 11, 20, 21, 30, 31]);
  });

  it('stops at an empty page even when it claims more', async () => {
    let pages = 0;
    const items = await readAllPages(0, async (offset: number) => {
      pages += 1;
      return offset === 0 ? { items: ['a'], next: 1 } : { items: [], next: offset + 1 };
    }, 'test listing');
    expect(items).toEqual(['a']);
    expect(pages).toBe(2);
  });

  it('refuses a listing that never ends, as a protocol error', async () => {
    const error = await readAllPages(0, async (page: number) => ({ items: [page], next: page + 1 }), 'Endless GET /zones').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('protocol');
    expect((error as ProviderError).message).toMatch(/^Endless GET \/zones: still more after 1000 pages/);
  });
});
