import * as z from 'zod/mini';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { parseJsonAs } from '../answers.js';
import { cloudFailure, firstIssueOf, unexpectedPayload, unreadableAnswer, type CloudApiDialect, type CloudErrorMeaning } from '../cloud-api.js';
import { signTc3 } from '../dnspod/tc3-signature.js';

/**
 * Wire client for Tencent Cloud EdgeOne (teo), API version 2022-09-01 (WIRE.md in this folder):
 * Tencent Cloud API 3.0, a JSON POST per action signed with TC3-HMAC-SHA256 (the DNSPod signer),
 * answers in `{"Response": {…, "Error"?, "RequestId"}}`.
 */
export const EDGEONE_ENDPOINT = 'https://teo.tencentcloudapi.com';
export const EDGEONE_SERVICE = 'teo';
export const EDGEONE_VERSION = '2022-09-01';
/** The most DescribeZones and DescribeDnsRecords give a page (Limit ≤ 100 and ≤ 1000; 100 asked for both). */
export const ZONES_PER_PAGE = 100;
export const RECORDS_PER_PAGE = 100;

const errorSchema = z.object({ Code: z.string().check(z.minLength(1)), Message: z.optional(z.string()) });
const envelopeSchema = z.object({ Response: z.looseObject({ Error: z.optional(errorSchema), RequestId: z.optional(z.string()) }) });

const zoneSchema = z.object({ ZoneId: z.string().check(z.minLength(1)), ZoneName: z.string().check(z.minLength(1)), Type: z.optional(z.string()) });
export type EdgeoneZone = z.infer<typeof zoneSchema>;
const zonesSchema = z.object({ TotalCount: z.optional(z.number()), Zones: z._default(z.nullable(z.array(zoneSchema)), []) });

const recordSchema = z.object({
  RecordId: z.string().check(z.minLength(1)),
  Name: z.string(),
  Type: z.string(),
  Content: z.string(),
  TTL: z.optional(z.number()),
  Location: z.optional(z.string()),
});
export type EdgeoneRecord = z.infer<typeof recordSchema>;
const recordsSchema = z.object({ TotalCount: z.optional(z.number()), DnsRecords: z._default(z.nullable(z.array(recordSchema)), []) });
const createdSchema = z.object({ RecordId: z.string().check(z.minLength(1)) });
const modifiedSchema = z.object({ RequestId: z.string().check(z.minLength(1)) });

export const CODE_RECORD_EXISTS = 'InvalidParameter.DnsRecordExist';

const MEANINGS: Readonly<Record<string, CloudErrorMeaning>> = {
  'AuthFailure.SignatureExpire': 'clock-skew',
  'AuthFailure.UnauthorizedOperation': 'permission',
  UnauthorizedOperation: 'permission',
  'OperationDenied.AccessDenied': 'permission',
  'UnauthorizedOperation.CamUnauthorized': 'permission',
  InternalError: 'transient',
  ServiceUnavailable: 'transient',
  [CODE_RECORD_EXISTS]: 'conflict',
  'ResourceInUse.DuplicateName': 'conflict',
};

export const EDGEONE_DIALECT: CloudApiDialect = {
  service: 'Tencent Cloud EdgeOne',
  credentialsHint: 'check secret_id and secret_key (Tencent Cloud console → CAM → API keys)',
  permissionHint: 'grant the CAM user QcloudTEOFullAccess, or a policy allowing teo:DescribeZones, teo:DescribeDnsRecords, teo:CreateDnsRecord and teo:ModifyDnsRecords',
  signatureWindow: '5 minutes',
  meaningOf: (code) =>
    MEANINGS[code] ??
    (code.startsWith('RequestLimitExceeded')
      ? 'rate-limit'
      : code.startsWith('AuthFailure')
        ? 'credentials'
        : code.startsWith('InternalError')
          ? 'transient'
          : /RecordExist|Duplicate/i.test(code)
            ? 'conflict'
            : code.startsWith('ResourceNotFound')
              ? 'not-found'
              : undefined),
};

export interface EdgeoneClientOptions {
  http: HttpClient;
  secretId: string;
  secretKey: string;
  endpoint: string | undefined;
  now?: () => number;
}

export interface DnsRecordWrite {
  ZoneId: string;
  Name: string;
  Type: string;
  Content: string;
  TTL: number;
}

export class EdgeoneClient {
  private readonly url: URL;
  private readonly now: () => number;

  constructor(private readonly options: EdgeoneClientOptions) {
    this.url = new URL(options.endpoint ?? EDGEONE_ENDPOINT);
    this.now = options.now ?? Date.now;
  }

  async describeZones(offset: number, zoneName?: string): Promise<{ zones: EdgeoneZone[]; total: number | undefined }> {
    const filters = zoneName === undefined ? {} : { Filters: [{ Name: 'zone-name', Values: [zoneName] }] };
    const result = await this.call('DescribeZones', { Offset: offset, Limit: ZONES_PER_PAGE, ...filters }, zonesSchema);
    return { zones: result.Zones ?? [], total: result.TotalCount };
  }

  async describeDnsRecords(zoneId: string, name: string, type: string, offset: number): Promise<{ records: EdgeoneRecord[]; total: number | undefined }> {
    const body = {
      ZoneId: zoneId,
      Offset: offset,
      Limit: RECORDS_PER_PAGE,
      Filters: [
        { Name: 'name', Values: [name], Fuzzy: false },
        { Name: 'type', Values: [type], Fuzzy: false },
      ],
    };
    const result = await this.call('DescribeDnsRecords', body, recordsSchema);
    return { records: result.DnsRecords ?? [], total: result.TotalCount };
  }

  async createDnsRecord(record: DnsRecordWrite): Promise<string> {
    return (await this.call('CreateDnsRecord', record, createdSchema)).RecordId;
  }

  async modifyDnsRecord(zoneId: string, record: Omit<DnsRecordWrite, 'ZoneId'> & { RecordId: string }): Promise<void> {
    await this.call('ModifyDnsRecords', { ZoneId: zoneId, DnsRecords: [record] }, modifiedSchema);
  }

  private async call<S extends z.ZodMiniType>(action: string, params: object, schema: S): Promise<z.output<S>> {
    const body = JSON.stringify(params);
    const timestamp = Math.floor(this.now() / 1000);
    // Host is set explicitly so that the value signed is the value sent, whatever endpoint says.
    const signed = { 'Content-Type': 'application/json', Host: this.url.host };
    const { authorization } = signTc3({ method: 'POST', query: '', headers: signed, payload: body, service: EDGEONE_SERVICE, timestamp }, { secretId: this.options.secretId, secretKey: this.options.secretKey });
    const response = await this.options.http.request({
      method: 'POST',
      url: this.url.href,
      headers: { ...signed, Authorization: authorization, 'X-TC-Action': action, 'X-TC-Version': EDGEONE_VERSION, 'X-TC-Timestamp': String(timestamp), Accept: 'application/json' },
      body,
      acceptAnyStatus: true,
    });
    return this.read(response, schema, `Tencent Cloud EdgeOne ${action}`);
  }

  private read<S extends z.ZodMiniType>(response: HttpResponse, schema: S, what: string): z.output<S> {
    const envelope = parseJsonAs(envelopeSchema, response.text);
    if (envelope === undefined) throw unreadableAnswer(response, what);
    const failure = envelope.Response.Error;
    if (failure !== undefined || response.status >= 400) {
      const detail = { code: failure?.Code, message: failure?.Message, requestId: envelope.Response.RequestId };
      throw cloudFailure(EDGEONE_DIALECT, response, detail, what, [this.options.secretKey]);
    }
    const result = schema.safeParse(envelope.Response);
    if (!result.success) throw unexpectedPayload(response, what, firstIssueOf(result.error.issues));
    return result.data;
  }
}
