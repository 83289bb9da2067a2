// Every provider type, one line each, sorted by type: adding a provider is its folder plus a line here.
export { alidnsMetadata as alidns } from './alidns/metadata.js';
export { baiducloudMetadata as baiducloud } from './baiducloud/metadata.js';
export { cloudflareMetadata as cloudflare } from './cloudflare/metadata.js';
export { dnscomMetadata as dnscom } from './dnscom/metadata.js';
export { dnslaMetadata as dnsla } from './dnsla/metadata.js';
export { dnspodMetadata as dnspod } from './dnspod/metadata.js';
export { duckdnsMetadata as duckdns } from './duckdns/metadata.js';
export { dyndns2Metadata as dyndns2 } from './dyndns2/metadata.js';
export { huaweicloudMetadata as huaweicloud } from './huaweicloud/metadata.js';
export { jdcloudMetadata as jdcloud } from './jdcloud/metadata.js';
export { rainyunMetadata as rainyun } from './rainyun/metadata.js';
export { rfc2136Metadata as rfc2136 } from './rfc2136/metadata.js';
export { route53Metadata as route53 } from './route53/metadata.js';
export { volcengineMetadata as volcengine } from './volcengine/metadata.js';
export { webhookMetadata as webhook } from './webhook/metadata.js';
export { westcnMetadata as westcn } from './westcn/metadata.js';
