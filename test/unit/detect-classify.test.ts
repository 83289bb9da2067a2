import {
  canonicalText,
  checkCandidate,
  isPublicUnicast,
  parseAddress,
  rejectionReason,
} from '../../src/detect/classify.js';
import {
  cloudflareTraceUrl,
  findFirstAddress,
  parseTraceIp,
  pickStableIpv6FromGetNetIPAddress,
  pickStableIpv6FromProcNetIfInet6,
  sourceLabel,
} from '../../src/detect/sources.js';
import type { Family } from '../../src/domain.js';

function mustParse(text: string, family: Family) {
  const address = parseAddress(text, family);
  if (address === undefined) throw new Error(`test setup: ${text} does not parse`);
  return address;
}

describe('parseAddress', () => {
  test.each([
    ['8.8.8.8', 'ipv4', true],
    [' 8.8.8.8\n', 'ipv4', true],
    ['127.1', 'ipv4', false],
    ['010.0.0.1', 'ipv4', false],
    ['1.2.3.256', 'ipv4', false],
    ['2606:4700::1111', 'ipv4', false],
    ['2606:4700::1111', 'ipv6', true],
    ['8.8.8.8', 'ipv6', false],
    ['fe80::1%eth0', 'ipv6', false],
    ['1:2:3:4:5:6:7:8:9', 'ipv6', false],
    ['not an address', 'ipv6', false],
  ] as const)('%j as %s -> %s', (text, family, parses) => {
    expect(parseAddress(text, family) !== undefined).toBe(parses);
  });
});

describe('canonicalText', () => {
  test.each([
    ['2606:4700:4700:0000:0000:0000:0000:1111', '2606:4700:4700::1111'],
    ['2A00:1450:4001:0811:0000:0000:0000:200E', '2a00:1450:4001:811::200e'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::ffff:8.8.8.8', '::ffff:8.8.8.8'],
  ])('%s -> %s', (text, expected) => {
    expect(canonicalText(mustParse(text, 'ipv6'))).toBe(expected);
  });

  test('IPv4 stays dotted decimal', () => {
    expect(canonicalText(mustParse('81.2.69.160', 'ipv4'))).toBe('81.2.69.160');
  });
});

describe('isPublicUnicast / rejectionReason', () => {
  test.each([
    ['8.8.8.8', 'ipv4', undefined],
    ['81.2.69.160', 'ipv4', undefined],
    ['192.168.1.2', 'ipv4', '192.168.1.2 is a private address'],
    ['10.1.2.3', 'ipv4', 'private'],
    ['172.16.0.1', 'ipv4', 'private'],
    ['127.0.0.1', 'ipv4', 'loopback'],
    ['169.254.10.1', 'ipv4', 'link-local'],
    ['100.64.0.1', 'ipv4', 'carrier-grade NAT'],
    ['100.127.255.254', 'ipv4', 'carrier-grade NAT'],
    ['192.0.2.1', 'ipv4', 'documentation'],
    ['198.51.100.7', 'ipv4', 'documentation'],
    ['203.0.113.9', 'ipv4', 'documentation'],
    ['198.18.0.1', 'ipv4', 'benchmarking'],
    ['198.19.255.1', 'ipv4', 'benchmarking'],
    ['224.0.0.251', 'ipv4', 'multicast'],
    ['0.0.0.0', 'ipv4', 'unspecified'],
    ['255.255.255.255', 'ipv4', 'broadcast'],
    ['240.0.0.1', 'ipv4', 'reserved'],
    ['2606:4700::1111', 'ipv6', undefined],
    ['2a01:4f8:c0c1:a2b3::1', 'ipv6', undefined],
    // 6to4 is derived from a public IPv4 and routed globally: allowed.
    ['2002:808:808::1', 'ipv6', undefined],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'ipv6', 'Teredo'],
    ['::ffff:8.8.8.8', 'ipv6', '::ffff:8.8.8.8 is an IPv4-mapped address'],
    ['64:ff9b::808:808', 'ipv6', 'NAT64'],
    ['2001:db8::1', 'ipv6', 'documentation'],
    ['fd12:3456:789a::1', 'ipv6', 'unique-local'],
    ['fc00::1', 'ipv6', 'unique-local'],
    ['fec0::1', 'ipv6', 'site-local'],
    ['fe80::1', 'ipv6', 'link-local'],
    ['::1', 'ipv6', 'loopback'],
    ['::', 'ipv6', 'unspecified'],
    ['ff02::1', 'ipv6', 'multicast'],
    ['4000::1', 'ipv6', 'outside 2000::/3'],
  ] as const)('%s (%s) -> %s', (text, family, reasonFragment) => {
    const address = mustParse(text, family);
    const reason = rejectionReason(address, { allowPrivate: false });
    expect(isPublicUnicast(address)).toBe(reasonFragment === undefined);
    if (reasonFragment === undefined) expect(reason).toBeUndefined();
    else expect(reason).toContain(reasonFragment);
  });

  test.each([
    ['192.168.1.10', 'ipv4', true],
    ['100.64.0.1', 'ipv4', true],
    ['127.0.0.1', 'ipv4', true],
    ['fd00::10', 'ipv6', true],
    ['0.0.0.0', 'ipv4', false],
    ['255.255.255.255', 'ipv4', false],
    ['239.1.1.1', 'ipv4', false],
    ['::', 'ipv6', false],
    ['ff05::2', 'ipv6', false],
    ['::ffff:192.168.1.10', 'ipv6', false],
  ] as const)('allow_private: %s (%s) accepted -> %s', (text, family, accepted) => {
    expect(rejectionReason(mustParse(text, family), { allowPrivate: true }) === undefined).toBe(accepted);
  });

  test('checkCandidate canonicalises and explains', () => {
    expect(checkCandidate('2606:4700:0:0::1111', 'ipv6', { allowPrivate: false })).toEqual({ ok: true, ip: '2606:4700::1111' });
    expect(checkCandidate('garbage', 'ipv4', { allowPrivate: false })).toEqual({
      ok: false,
      reason: '"garbage" is not an IPv4 address',
    });
  });
});

describe('findFirstAddress', () => {
  test.each([
    ['8.8.8.8\n', 'ipv4', '8.8.8.8'],
    ['<html><body><b>Your IP</b>: 1.1.1.1.</body></html>', 'ipv4', '1.1.1.1'],
    ['nginx/1.18.0 build 1.2.3.4.5 then 9.9.9.9', 'ipv4', '9.9.9.9'],
    ['{"ip":"81.2.69.160","country":"GB"}', 'ipv4', '81.2.69.160'],
    ['300.1.1.1 8.8.4.4', 'ipv4', '8.8.4.4'],
    ['no address here', 'ipv4', undefined],
    ['2606:4700::1111', 'ipv6', '2606:4700::1111'],
    ['Address:2606:4700::1111.', 'ipv6', '2606:4700::1111'],
    ['time 12:30:45 ip=2a00:1450:4001:811::200e\n', 'ipv6', '2a00:1450:4001:811::200e'],
    ['<td>2001:4860:4860::8888</td>', 'ipv6', '2001:4860:4860::8888'],
    ['8.8.8.8', 'ipv6', undefined],
  ] as const)('%j (%s) -> %s', (text, family, expected) => {
    expect(findFirstAddress(text, family)).toBe(expected);
  });
});

describe('cloudflare trace helpers', () => {
  test('parses ip= from key=value lines and ignores other keys', () => {
    const body = 'fl=12f247\nh=1.1.1.1\nip=81.2.69.160\nts=1590396977.894\nvisit_scheme=https\nuag=ddns/0.1.0\ncolo=LAX\n';
    expect(parseTraceIp(body)).toBe('81.2.69.160');
    expect(parseTraceIp('fl=1\nh=x\n')).toBeUndefined();
  });

  test('uses 1.1.1.1 / [2606:4700:4700::1111] unless DDNS_CLOUDFLARE_TRACE_URL is set', () => {
    expect(cloudflareTraceUrl('ipv4', {})).toBe('https://1.1.1.1/cdn-cgi/trace');
    expect(cloudflareTraceUrl('ipv6', {})).toBe('https://[2606:4700:4700::1111]/cdn-cgi/trace');
    expect(cloudflareTraceUrl('ipv6', { DDNS_CLOUDFLARE_TRACE_URL: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9/cdn-cgi/trace');
  });
});

test('sourceLabel names URLs by host and shortens long commands', () => {
  expect(sourceLabel('https://api.ipify.org/?format=text')).toBe('api.ipify.org');
  expect(sourceLabel('cloudflare-trace')).toBe('cloudflare-trace');
  expect(sourceLabel(`cmd:${'x'.repeat(100)}`).length).toBe(60);
});

describe('pickStableIpv6FromProcNetIfInet6', () => {
  // A Linux host with privacy extensions, shortly after the ISP moved it from prefix
  // 2a01:4f8:c0c1:0::/64 to 2a01:4f8:c0c1:a2b3::/64 (the old prefix's addresses are deprecated).
  const sample = [
    '00000000000000000000000000000001 01 80 10 80       lo',
    '2a0104f8c0c1a2b3a1b2c3d4e5f60718 02 40 00 01     eth0', // temporary, preferred
    '2a0104f8c0c1a2b3021122fffe334455 02 40 00 00     eth0', // stable SLAAC, preferred
    '2a0104f8c0c10000b1c2d3e4f5061728 02 40 00 21     eth0', // temporary, deprecated (old prefix)
    '2a0104f8c0c10000021122fffe334455 02 40 00 20     eth0', // stable, deprecated (old prefix)
    'fd123456789a0000021122fffe334455 02 40 00 00     eth0', // unique-local
    'fe80000000000000021122fffe334455 02 40 20 80     eth0', // link-local
    '2a0104f8c0c1a2b3000000000000abcd 02 40 00 c0     eth0', // static, still tentative (DAD running)
    '2a0104f8c0c1a2b3000000000000dead 02 40 00 88     eth0', // static, DAD failed
    '2a0104f8c0c1a2b30000000000000001 03 40 00 80    wlan0', // another interface
    '',
  ].join('\n');

  test('prefers the stable preferred global address', () => {
    expect(pickStableIpv6FromProcNetIfInet6(sample, 'eth0')).toBe('2a01:4f8:c0c1:a2b3:211:22ff:fe33:4455');
    expect(pickStableIpv6FromProcNetIfInet6(sample, 'wlan0')).toBe('2a01:4f8:c0c1:a2b3::1');
  });

  test('a static (permanent) address beats a SLAAC one once DAD has finished', () => {
    const settled = sample.replace('000000000000abcd 02 40 00 c0', '000000000000abcd 02 40 00 80');
    expect(pickStableIpv6FromProcNetIfInet6(settled, 'eth0')).toBe('2a01:4f8:c0c1:a2b3::abcd');
  });

  test('without a stable preferred address: temporary preferred, then stable deprecated, then temporary deprecated', () => {
    const lines = sample.split('\n');
    const without = (...fragments: string[]) => lines.filter((line) => !fragments.some((f) => line.includes(f))).join('\n');
    expect(pickStableIpv6FromProcNetIfInet6(without('22fffe334455 02 40 00 00'), 'eth0')).toBe('2a01:4f8:c0c1:a2b3:a1b2:c3d4:e5f6:718');
    expect(pickStableIpv6FromProcNetIfInet6(without('a2b30211', 'a2b3a1b2'), 'eth0')).toBe('2a01:4f8:c0c1:0:211:22ff:fe33:4455');
    expect(pickStableIpv6FromProcNetIfInet6(without('a2b30211', 'a2b3a1b2', '0000021122fffe334455 02 40 00 20'), 'eth0')).toBe(
      '2a01:4f8:c0c1:0:b1c2:d3e4:f506:1728',
    );
  });

  test('falls back to a unique-local address, never to link-local; unknown names give nothing', () => {
    const ulaOnly = sample
      .split('\n')
      .filter((line) => !line.startsWith('2a01'))
      .join('\n');
    expect(pickStableIpv6FromProcNetIfInet6(ulaOnly, 'eth0')).toBe('fd12:3456:789a:0:211:22ff:fe33:4455');
    const linkLocalOnly = 'fe80000000000000021122fffe334455 02 40 20 80     eth0\n';
    expect(pickStableIpv6FromProcNetIfInet6(linkLocalOnly, 'eth0')).toBeUndefined();
    expect(pickStableIpv6FromProcNetIfInet6(sample, 'eth1')).toBeUndefined();
  });
});

describe('pickStableIpv6FromGetNetIPAddress', () => {
  // PowerShell 7 writes enum names.
  const named = JSON.stringify([
    { IPAddress: 'fe80::a1b2:c3d4:e5f6:1234%12', SuffixOrigin: 'Link', PrefixOrigin: 'WellKnown', AddressState: 'Preferred' },
    { IPAddress: '2a01:4f8:c0c1:a2b3:d1e2:f3a4:b5c6:d7e8', SuffixOrigin: 'Random', PrefixOrigin: 'RouterAdvertisement', AddressState: 'Preferred' },
    { IPAddress: '2a01:4f8:c0c1:a2b3:5c3d:2e1f:9a8b:7c6d', SuffixOrigin: 'Link', PrefixOrigin: 'RouterAdvertisement', AddressState: 'Preferred' },
    { IPAddress: '2a01:4f8:c0c1::5c3d:2e1f:9a8b:7c6d', SuffixOrigin: 'Link', PrefixOrigin: 'RouterAdvertisement', AddressState: 'Deprecated' },
    { IPAddress: '2a01:4f8:c0c1:a2b3::10', SuffixOrigin: 'Manual', PrefixOrigin: 'Manual', AddressState: 'Tentative' },
    { IPAddress: '2a01:4f8:c0c1:a2b3::11', SuffixOrigin: 'Dhcp', PrefixOrigin: 'Dhcp', AddressState: 'Duplicate' },
  ]);

  test('prefers Preferred and not Random (temporary) over temporary, deprecated, tentative and duplicate ones', () => {
    expect(pickStableIpv6FromGetNetIPAddress(named)).toBe('2a01:4f8:c0c1:a2b3:5c3d:2e1f:9a8b:7c6d');
  });

  test('Windows PowerShell 5.1 numeric enums mean the same', () => {
    // SuffixOrigin: Link=4 Random=5 Manual=1 Dhcp=3; AddressState: Tentative=1 Duplicate=2 Deprecated=3 Preferred=4.
    const numeric = JSON.stringify([
      { IPAddress: '2a01:4f8:c0c1:a2b3:d1e2:f3a4:b5c6:d7e8', SuffixOrigin: 5, PrefixOrigin: 4, AddressState: 4 },
      { IPAddress: '2a01:4f8:c0c1:a2b3:5c3d:2e1f:9a8b:7c6d', SuffixOrigin: 4, PrefixOrigin: 4, AddressState: 4 },
      { IPAddress: '2a01:4f8:c0c1:a2b3::10', SuffixOrigin: 1, PrefixOrigin: 1, AddressState: 1 },
    ]);
    expect(pickStableIpv6FromGetNetIPAddress(numeric)).toBe('2a01:4f8:c0c1:a2b3:5c3d:2e1f:9a8b:7c6d');
  });

  test('a Manual or Dhcp preferred address beats a SLAAC one', () => {
    const withDhcp = JSON.stringify([
      ...(JSON.parse(named) as object[]),
      { IPAddress: '2a01:4f8:c0c1:a2b3::1:1', SuffixOrigin: 'Dhcp', PrefixOrigin: 'Dhcp', AddressState: 'Preferred' },
    ]);
    expect(pickStableIpv6FromGetNetIPAddress(withDhcp)).toBe('2a01:4f8:c0c1:a2b3::1:1');
  });

  test('only temporary and deprecated: the temporary preferred one (current prefix) wins', () => {
    const rows = (JSON.parse(named) as Array<{ IPAddress: string }>).filter((row) => !row.IPAddress.includes('a2b3:5c3d'));
    expect(pickStableIpv6FromGetNetIPAddress(JSON.stringify(rows))).toBe('2a01:4f8:c0c1:a2b3:d1e2:f3a4:b5c6:d7e8');
  });

  test('a single object (one address) and empty output', () => {
    const single = JSON.stringify({ IPAddress: '2a01:4f8::20', SuffixOrigin: 'Manual', PrefixOrigin: 'Manual', AddressState: 'Preferred' });
    expect(pickStableIpv6FromGetNetIPAddress(single)).toBe('2a01:4f8::20');
    expect(pickStableIpv6FromGetNetIPAddress('')).toBeUndefined();
    const linkLocal = JSON.stringify({ IPAddress: 'fe80::1%7', SuffixOrigin: 'Link', PrefixOrigin: 'WellKnown', AddressState: 'Preferred' });
    expect(pickStableIpv6FromGetNetIPAddress(linkLocal)).toBeUndefined();
  });
});
