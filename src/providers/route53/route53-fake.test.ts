import { XMLParser } from 'fast-xml-parser';
import { signRequest } from './sigv4.js';
import { ROUTE53_SCOPE } from './client.js';
import { ROUTE53_XMLNS, startFakeRoute53, type FakeRoute53, type FakeRoute53Options } from './fake.js';

/**
 * The fake's own wire behaviour, asked with plain signed requests rather than through the client:
 * the paging, batch and throttling rules the client does not exercise on every run, but which
 * must hold so that a client change relying on them is tested against the service's rules.
 */

const CREDENTIALS = { accessKeyId: 'AKIAFAKEWIRETEST0001', secretAccessKey: 'fake-wire/Secret+0123456789abcdefEXAMPLE' };
const LISTS = new Set(['ListHostedZonesByNameResponse.HostedZones.HostedZone', 'ListResourceRecordSetsResponse.ResourceRecordSets.ResourceRecordSet', 'InvalidChangeBatch.Messages.Message']);
const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, isArray: (_name, path) => typeof path === 'string' && LISTS.has(path) });

interface Answer {
  status: number;
  document: Record<string, Record<string, unknown>>;
}

let fake: FakeRoute53;

async function start(options: Partial<FakeRoute53Options> = {}): Promise<FakeRoute53> {
  fake = await startFakeRoute53({ credentials: [CREDENTIALS], zones: [{ name: 'example.com' }], ...options });
  return fake;
}

afterEach(async () => {
  await fake.close();
});

/** The signed headers as fetch may send them: it sets Host itself, to the same host:port the signature covers. */
function sendable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'host'));
}

async function send(method: 'GET' | 'POST', pathAndQuery: string, body = '', signedAt = new Date()): Promise<Answer> {
  const url = `${fake.url}/2013-04-01${pathAndQuery}`;
  const signed = signRequest({ method, url, headers: body === '' ? {} : { 'Content-Type': 'text/xml' }, body }, CREDENTIALS, ROUTE53_SCOPE, signedAt);
  const response = await fetch(url, { method, headers: sendable(signed.headers), ...(body === '' ? {} : { body }) });
  return { status: response.status, document: parser.parse(await response.text()) as Answer['document'] };
}

function changeBatch(changes: { action: string; name: string; type?: string; ttl?: number; values: string[] }[]): string {
  const items = changes.map(
    ({ action, name, type = 'A', ttl = 300, values }) =>
      `<Change><Action>${action}</Action><ResourceRecordSet><Name>${name}</Name><Type>${type}</Type><TTL>${ttl}</TTL>` +
      `<ResourceRecords>${values.map((value) => `<ResourceRecord><Value>${value}</Value></ResourceRecord>`).join('')}</ResourceRecords></ResourceRecordSet></Change>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="${ROUTE53_XMLNS}"><ChangeBatch><Changes>${items.join('')}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`;
}

const names = (answer: Answer) => ((answer.document['ListResourceRecordSetsResponse']?.['ResourceRecordSets'] as { ResourceRecordSet: { Name: string }[] }).ResourceRecordSet ?? []).map((set) => set.Name);

describe('fake Route 53: ListResourceRecordSets paging', () => {
  it('pages by 300 unless maxitems asks for fewer (more is still 300), naming where the next page starts', async () => {
    await start();
    for (let index = 0; index < 320; index++) fake.store.add({ name: `h${String(index).padStart(3, '0')}.example.com`, type: 'A', content: '192.0.2.1' });
    const zone = fake.zoneId('example.com');

    const first = await send('GET', `/hostedzone/${zone}/rrset`);
    const capped = await send('GET', `/hostedzone/${zone}/rrset?maxitems=1000`);
    const small = await send('GET', `/hostedzone/${zone}/rrset?maxitems=2`);

    const list = first.document['ListResourceRecordSetsResponse'];
    expect(names(first)).toHaveLength(300);
    expect(list).toMatchObject({ IsTruncated: 'true', MaxItems: '300', NextRecordType: 'A' });
    expect(names(capped)).toHaveLength(300);
    expect(names(small)).toEqual(['example.com.', 'example.com.']);
    expect(small.document['ListResourceRecordSetsResponse']).toMatchObject({ NextRecordName: 'h000.example.com.', NextRecordType: 'A' });

    const rest = await send('GET', `/hostedzone/${zone}/rrset?name=${String(list?.['NextRecordName'])}&type=A`);
    // 320 address sets and the apex NS and SOA, nothing read twice and nothing left out.
    expect(names(rest)).toHaveLength(22);
    expect(rest.document['ListResourceRecordSetsResponse']).toMatchObject({ IsTruncated: 'false' });
    expect(new Set([...names(first), ...names(rest)]).size).toBe(321);
  });

  it('continues inside a group of routing-policy sets at NextRecordIdentifier', async () => {
    await start();
    for (const identifier of ['blue', 'green', 'red']) {
      fake.addRecordSet({ zone: 'example.com', name: 'www.example.com', type: 'A', values: ['192.0.2.1'], setIdentifier: identifier, weight: 1 });
    }
    const zone = fake.zoneId('example.com');

    const first = await send('GET', `/hostedzone/${zone}/rrset?name=www.example.com.&type=A&maxitems=1`);
    const next = first.document['ListResourceRecordSetsResponse'];
    expect(next).toMatchObject({ IsTruncated: 'true', NextRecordName: 'www.example.com.', NextRecordType: 'A', NextRecordIdentifier: 'green' });
    const second = await send('GET', `/hostedzone/${zone}/rrset?name=www.example.com.&type=A&identifier=green&maxitems=5`);

    const identifiers = (second.document['ListResourceRecordSetsResponse']?.['ResourceRecordSets'] as { ResourceRecordSet: { SetIdentifier: string }[] }).ResourceRecordSet.map((set) => set.SetIdentifier);
    expect(identifiers).toEqual(['green', 'red']);
  });

  it('refuses type without name, and identifier without type, as InvalidInput', async () => {
    await start();
    const zone = fake.zoneId('example.com');
    for (const query of ['type=A', 'name=www.example.com.&identifier=blue']) {
      const answer = await send('GET', `/hostedzone/${zone}/rrset?${query}`);
      expect([answer.status, answer.document['ErrorResponse']?.['Error']]).toEqual([400, expect.objectContaining({ Code: 'InvalidInput' })]);
    }
  });
});

describe('fake Route 53: ListHostedZonesByName paging', () => {
  it('pages by 100 by default, continuing at NextDNSName and NextHostedZoneId', async () => {
    await start({ zones: Array.from({ length: 150 }, (_, index) => ({ name: `zone${String(index).padStart(3, '0')}.example` })) });

    const first = await send('GET', '/hostedzonesbyname');
    const page = first.document['ListHostedZonesByNameResponse'];
    const zones = (page?.['HostedZones'] as { HostedZone: unknown[] }).HostedZone;
    expect(zones).toHaveLength(100);
    expect(page).toMatchObject({ IsTruncated: 'true', MaxItems: '100', NextDNSName: 'zone100.example.' });

    const second = await send('GET', `/hostedzonesbyname?dnsname=${String(page?.['NextDNSName'])}&hostedzoneid=${String(page?.['NextHostedZoneId'])}`);
    const rest = second.document['ListHostedZonesByNameResponse'];
    expect((rest?.['HostedZones'] as { HostedZone: unknown[] }).HostedZone).toHaveLength(50);
    expect(rest).toMatchObject({ IsTruncated: 'false' });
  });
});

describe('fake Route 53: ChangeResourceRecordSets batches', () => {
  it('applies every change of a valid batch, and none of a batch with one bad change (InvalidChangeBatch)', async () => {
    await start();
    fake.store.add({ name: 'old.example.com', type: 'A', content: '192.0.2.9' });
    const zone = fake.zoneId('example.com');

    const refused = await send(
      'POST',
      `/hostedzone/${zone}/rrset`,
      changeBatch([
        { action: 'UPSERT', name: 'new.example.com.', values: ['192.0.2.1'] },
        { action: 'CREATE', name: 'old.example.com.', values: ['192.0.2.2'] },
      ]),
    );
    expect(refused.status).toBe(400);
    expect(refused.document['InvalidChangeBatch']?.['Messages']).toEqual({ Message: ["Tried to create resource record set [name='old.example.com.', type='A'] but it already exists"] });
    expect(fake.store.writes).toBe(0);

    const accepted = await send(
      'POST',
      `/hostedzone/${zone}/rrset`,
      changeBatch([
        { action: 'UPSERT', name: 'new.example.com.', values: ['192.0.2.1', '192.0.2.3'] },
        { action: 'DELETE', name: 'old.example.com.', values: ['192.0.2.9'] },
      ]),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.document['ChangeResourceRecordSetsResponse']?.['ChangeInfo']).toMatchObject({ Status: 'PENDING' });
    expect(fake.store.writes).toBe(2);
    expect(fake.recordSets()).toEqual([expect.objectContaining({ name: 'new.example.com.', values: ['192.0.2.1', '192.0.2.3'] })]);
  });

  it('refuses a DELETE whose values differ from the set held', async () => {
    await start();
    fake.store.add({ name: 'old.example.com', type: 'A', content: '192.0.2.9' });

    const answer = await send('POST', `/hostedzone/${fake.zoneId('example.com')}/rrset`, changeBatch([{ action: 'DELETE', name: 'old.example.com.', values: ['192.0.2.8'] }]));

    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.document['InvalidChangeBatch'])).toContain('the values provided do not match the current values');
    expect(fake.recordSets()).toHaveLength(1);
  });
});

describe('fake Route 53: signatures, clock and rate', () => {
  it('refuses a body changed after signing (SignatureDoesNotMatch, 403) and a request dated 6 minutes ago ("Signature expired")', async () => {
    await start();
    const url = `${fake.url}/2013-04-01/hostedzone/${fake.zoneId('example.com')}/rrset`;
    const body = changeBatch([{ action: 'UPSERT', name: 'home.example.com.', values: ['192.0.2.1'] }]);
    const signed = signRequest({ method: 'POST', url, headers: { 'Content-Type': 'text/xml' }, body }, CREDENTIALS, ROUTE53_SCOPE, new Date());
    const tampered = await fetch(url, { method: 'POST', headers: sendable(signed.headers), body: body.replace('192.0.2.1', '192.0.2.66') });
    const stale = await send('GET', '/hostedzonesbyname', '', new Date(Date.now() - 6 * 60_000));

    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(stale.status).toBe(403);
    expect(stale.document['ErrorResponse']?.['Error']).toMatchObject({ Code: 'SignatureDoesNotMatch', Message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than .* - 5 min\.\)$/) });
    expect(fake.recordSets()).toEqual([]);
    expect(fake.rejectedRequests()).toBe(2);
  });

  it('with requestsPerSecond, answers a burst beyond the limit with 400 Throttling "Rate exceeded"', async () => {
    await start({ requestsPerSecond: 5 });

    const answers = await Promise.all(Array.from({ length: 7 }, () => send('GET', '/hostedzonesbyname')));

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 400, 400]);
    const refused = answers.find((answer) => answer.status === 400);
    expect(refused?.document['ErrorResponse']?.['Error']).toMatchObject({ Type: 'Sender', Code: 'Throttling', Message: 'Rate exceeded' });
    expect(fake.throttledRequests()).toBe(2);
  });
});
