import { isIPv4 } from 'node:net';
import { canonicalAddress, sameAddress } from '../address.js';
import { ProviderError, type ProviderErrorKind, type ProviderHold } from '../../http/errors.js';
import { throwIfTransientStatus, type HttpResponse } from '../../http/client.js';
import type { ProviderContext, ProviderFactory, ProviderLogger, ProviderRecord, RecordSpec, WriteOnlyProvider } from '../types.js';
import { VERSION } from '../../version.js';
import { DEFAULT_PATH, isPresetName, PRESETS, serverBase, styleOf, type Dyndns2Style, type ReplyStyle } from './presets.js';
import { bodyExcerpt } from '../../text.js';

/**
 * The dyndns2 update protocol: one `GET /nic/update?hostname=…&myip=…` with basic auth per
 * record, answered by a text code. The servers punish clients that repeat themselves (repeated
 * `nochg` gets the host blocked) or ignore a refusal, so every refusal carries a hold: the core
 * then stops sending for that record until its settings change, or for 30 minutes after a
 * server-side failure. Wire facts: WIRE.md in this folder.
 */

/** No-IP asks for at least 30 minutes after `911`; `dnserr` and Dynu's `servererror` get the same. */
export const SERVER_FAILURE_PAUSE_MS = 30 * 60_000;

/**
 * The software form No-IP asks for, "Company NameOfProgram/OSVersion-ReleaseVersion contact":
 * servers may answer `badagent` to agents they cannot tell apart. ddns has no maintainer mailbox
 * to add; `user_agent` replaces the whole value (a certified agent, or one with your contact).
 */
export const DEFAULT_USER_AGENT = `ddns ddns/${process.platform}-${VERSION}`;

/** Where and how one `[[provider]]` table sends its updates: its server and the preset's style. */
export interface Dyndns2Target extends Dyndns2Style {
  /** The update URL without query: base + path. */
  url: string;
  /** The update URL for AAAA records: `url`, or the preset's own IPv6 host (nsupdate.info). */
  url6: string;
  /** undefined: the record's host name is the user name (Hurricane Electric). */
  username: string | undefined;
  password: string;
  userAgent: string;
}

function optionalString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Resolves the config (already validated by the metadata schema) into the update URL and
 * credentials. `endpoint` replaces the server (tests, proxies); the preset still decides how IPv6
 * is sent.
 */
export function resolveDyndns2Target(options: Record<string, unknown>, endpoint: string | undefined): Dyndns2Target {
  const presetName = optionalString(options, 'preset');
  const preset = presetName !== undefined && isPresetName(presetName) ? PRESETS[presetName] : undefined;
  const server = optionalString(options, 'server');
  const replaced = endpoint ?? server;
  const base = replaced !== undefined ? serverBase(replaced) : preset?.server;
  if (base === undefined) {
    throw new ProviderError('config', 'dyndns2: set server = "…" or preset = "…" (no usable server address)');
  }
  const password = optionalString(options, 'password');
  if (password === undefined || password === '') throw new ProviderError('config', 'dyndns2: password is missing or empty');
  const username = optionalString(options, 'username');
  const style = styleOf(preset);
  if (username === undefined && !style.usernameIsHostname) throw new ProviderError('config', 'dyndns2: username is missing');
  const path = optionalString(options, 'path') ?? preset?.path ?? DEFAULT_PATH;
  const base6 = replaced === undefined ? (preset?.ipv6Server ?? base) : base;
  return {
    ...style,
    url: `${base}${path}`,
    url6: `${base6}${path}`,
    username,
    password,
    userAgent: optionalString(options, 'user_agent') ?? DEFAULT_USER_AGENT,
  };
}

export type QueryStyle = Pick<Dyndns2Style, 'ipv6' | 'hostnameParam' | 'addressParam' | 'extraQuery'>;

/**
 * The query of one update (credentials aside): the preset's fixed parameters, then one host name
 * per request, so each answer line maps to one record, then the address as the style wants it.
 */
export function updateQuery(hostname: string, ip: string, style: QueryStyle): URLSearchParams {
  const query = new URLSearchParams(style.extraQuery);
  query.set(style.hostnameParam, hostname);
  const v4 = isIPv4(ip);
  switch (style.ipv6) {
    case 'myip':
      query.set(style.addressParam, ip);
      break;
    case 'myipv6':
      if (v4) {
        query.set(style.addressParam, ip);
      } else {
        query.set('myipv6', ip);
        // Without it Dynu fills the IPv4 in from the connection's source address.
        query.set(style.addressParam, 'no');
      }
      break;
    case 'myipv6-alone':
      query.set(v4 ? style.addressParam : 'myipv6', ip);
      break;
    case 'preserve':
      // deSEC removes the record of a family left out of the request: keep the other one.
      query.set('myipv4', v4 ? ip : 'preserve');
      query.set('myipv6', v4 ? 'preserve' : ip);
      break;
    case 'myip6':
      query.set(v4 ? style.addressParam : 'myip6', ip);
      break;
  }
  return query;
}

interface Refusal {
  kind: ProviderErrorKind;
  hold: ProviderHold;
  explain: (context: AnswerContext) => string;
}

interface AnswerContext {
  hostname: string;
  /** The server's own words for the answer, quoted and cut short, or '' (Zoneedit's TEXT). */
  said: string;
  userAgent: string;
  usernameIsHostname: boolean;
}

const UNTIL_CONFIG_CHANGE: ProviderHold = { until: 'config-change' };
const PAUSE: ProviderHold = { forMs: SERVER_FAILURE_PAUSE_MS };

/**
 * Every refusal code of the protocol. None is retried within a run: the permanent ones are
 * fatal until the user changes something (the protocol's "do not retry"; Dyn: "the client
 * should be disabled until the situation is corrected"), the server failures wait 30 minutes.
 */
const REFUSALS: ReadonlyMap<string, Refusal> = new Map<string, Refusal>([
  [
    'badauth',
    {
      kind: 'auth',
      hold: UNTIL_CONFIG_CHANGE,
      explain: ({ hostname, usernameIsHostname }) =>
        usernameIsHostname
          ? `wrong user name or password (here the user name is the host name ${hostname} and the password is that host's DDNS key)`
          : 'wrong username or password',
    },
  ],
  ['!donator', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: () => 'the update asks for a feature this account does not have (a paid option)' }],
  ['notfqdn', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `${hostname} is not a fully qualified host name the service accepts` }],
  ['nohost', { kind: 'not-found', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `${hostname} does not exist in this account (check the record name and the username)` }],
  ['numhost', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `too many hosts, or ${hostname} is a round-robin host that cannot be updated this way` }],
  [
    'abuse',
    {
      kind: 'auth',
      hold: UNTIL_CONFIG_CHANGE,
      explain: () => 'the host or account is blocked for abuse; unblock it on the service\'s website',
    },
  ],
  [
    'badagent',
    {
      kind: 'config',
      hold: UNTIL_CONFIG_CHANGE,
      explain: ({ userAgent }) => `the service refused the User-Agent "${userAgent}" or has disabled this client; set user_agent or ask the service`,
    },
  ],
  ['!yours', { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `${hostname} belongs to another account` }],
  ['!active', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `the custom domain of ${hostname} is not active` }],
  ['badsys', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: () => 'the service rejected the system parameter' }],
  ['dnserr', { kind: 'transient', hold: PAUSE, explain: () => 'DNS error at the service; not sending again for 30 minutes' }],
  ['911', { kind: 'transient', hold: PAUSE, explain: () => 'the service has a problem or is in maintenance; not sending again for 30 minutes' }],
  ['servererror', { kind: 'transient', hold: PAUSE, explain: () => 'the service reported an internal error; not sending again for 30 minutes' }],
  // deSEC, selfHOST, Strato, Loopia, Variomedia: the request itself was refused (a malformed address or host).
  ['badrequest', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `the service refused the request for ${hostname} as malformed` }],
]);

/** Codes that mean the update was applied (or already in place); Infomaniak now words them its own way. */
const SUCCESS_CODES: ReadonlySet<string> = new Set(['good', 'nochg', 'successfully_changed', 'no_change']);
const UNCHANGED_CODES: ReadonlySet<string> = new Set(['nochg', 'no_change']);

/** One answer as a reply table reads it. */
interface Answer {
  code: string;
  /** The addresses the answer names, if any ("192.0.2.1", No-IP's "v4,v6"). */
  detail: string;
  /** The server's own text for it (Zoneedit's TEXT attribute), if any. */
  text?: string;
  /** Zoneedit: the answer is an <ERROR> element. */
  error?: boolean;
}

/** How a service's answers read: which codes confirm, which refuse, and what each refusal means. */
interface ReplyTable {
  read(body: string): Answer | undefined;
  success: ReadonlySet<string>;
  unchanged: ReadonlySet<string>;
  refusals: ReadonlyMap<string, Refusal>;
  /** What an error answer with a code of no entry of its own means (Zoneedit's other <ERROR> codes). */
  otherError?: Refusal;
}

/** easyDNS and Zoneedit ask for 10 minutes between updates. */
export const TOO_SOON_PAUSE_MS = 10 * 60_000;
const TOO_SOON: ProviderHold = { forMs: TOO_SOON_PAUSE_MS };

/** ChangeIP confirms in words ("200 Successful Update") rather than with `good`: the first line says so. */
function readChangeipAnswer(body: string): Answer | undefined {
  return /^(?:200\s+)?success/i.test(body.trimStart()) ? { code: 'success', detail: '' } : parseAnswer(body);
}

/** easyDNS: one upper-case word somewhere in a text or HTML body (ddclient strips the tags too). */
const EASYDNS_CODE = /\b(NOERROR|OK|NOACCESS|NO_AUTH|NOSERVICE|ILLEGAL[ _]INPUT|TOOSOON|TOO_FREQ)\b/;

function readEasydnsAnswer(body: string): Answer | undefined {
  const match = EASYDNS_CODE.exec(body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '));
  return match?.[1] === undefined ? undefined : { code: match[1].toLowerCase().replace(' ', '_'), detail: '' };
}

/** Zoneedit: `<SUCCESS CODE="200" TEXT="Update succeeded." ZONE="…" IP="…">` or `<ERROR CODE="708" TEXT="…">`. */
function readZoneeditAnswer(body: string): Answer | undefined {
  const match = /<?\s*(SUCCESS|ERROR)[\s_]+CODE\s*=\s*"(\d+)"([^>]*)/i.exec(body);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const attribute = (name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(match[3] ?? '')?.[1];
  return { code: match[2], detail: attribute('IP') ?? '', text: attribute('TEXT') ?? '', error: match[1].toUpperCase() === 'ERROR' };
}

const EASYDNS_REFUSALS: ReadonlyMap<string, Refusal> = new Map<string, Refusal>([
  ...(['noaccess', 'no_auth'] as const).map((code): [string, Refusal] => [
    code,
    { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `authentication failed: wrong username or token, or ${hostname} is not in this account` },
  ]),
  ['noservice', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `dynamic DNS is not turned on for the domain of ${hostname}` }],
  ['illegal_input', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `the request for ${hostname} holds data a dynamic DNS update may not` }],
  ...(['toosoon', 'too_freq'] as const).map((code): [string, Refusal] => [
    code,
    { kind: 'rate-limit', hold: TOO_SOON, explain: () => 'updates too frequent (10 minutes apart at least); not sending again for 10 minutes' },
  ]),
]);

const ZONEEDIT_REFUSALS: ReadonlyMap<string, Refusal> = new Map<string, Refusal>([
  ['701', { kind: 'not-found', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `the zone of ${hostname} is not set up in this account` }],
  ['702', { kind: 'rate-limit', hold: TOO_SOON, explain: () => 'minimum 600 seconds between requests; not sending again for 10 minutes' }],
  ['708', { kind: 'auth', hold: UNTIL_CONFIG_CHANGE, explain: () => 'failed login: wrong username or DynDNS token' }],
  ['709', { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ hostname }) => `${hostname} is not a host name Zoneedit accepts` }],
]);

const REPLY_TABLES: Readonly<Record<ReplyStyle, ReplyTable>> = {
  dyndns2: { read: (body) => parseAnswer(body), success: SUCCESS_CODES, unchanged: UNCHANGED_CODES, refusals: REFUSALS },
  changeip: { read: readChangeipAnswer, success: new Set([...SUCCESS_CODES, 'success']), unchanged: UNCHANGED_CODES, refusals: REFUSALS },
  easydns: { read: readEasydnsAnswer, success: new Set(['noerror', 'ok']), unchanged: new Set(), refusals: EASYDNS_REFUSALS },
  zoneedit: {
    read: readZoneeditAnswer,
    // ddclient: 707 ("Duplicate updates for the same host/ip") means the address is already held.
    success: new Set(['200', '201', '707']),
    unchanged: new Set(['201', '707']),
    refusals: ZONEEDIT_REFUSALS,
    otherError: { kind: 'config', hold: UNTIL_CONFIG_CHANGE, explain: ({ said }) => `the update was refused${said === '' ? '' : `: ${said}`}` },
  },
};

/** The answer line for our single host name: the first non-empty line, split into code and rest. */
export function parseAnswer(body: string): { code: string; detail: string } | undefined {
  const line = body
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text !== '');
  if (line === undefined) return undefined;
  const [code = '', ...rest] = line.split(/\s+/);
  // Codes are lower-case in every spec; some servers capitalise them (ddclient lower-cases No-IP's).
  return { code: code.toLowerCase(), detail: rest.join(' ') };
}

/** A short, single-line description of an unexpected body for error messages. */
function describeBody(text: string): string {
  const body = bodyExcerpt(text, 60);
  if (body === undefined) return 'an empty body';
  return body.cut ? `a body starting ${body.quoted}` : `the body ${body.quoted}`;
}

class Dyndns2Provider implements WriteOnlyProvider {
  constructor(
    private readonly target: Dyndns2Target,
    private readonly context: ProviderContext,
    private readonly log: ProviderLogger,
  ) {}

  async set(spec: RecordSpec, ip: string): Promise<ProviderRecord> {
    const url = new URL(isIPv4(ip) ? this.target.url : this.target.url6);
    const query = updateQuery(spec.name, ip, this.target);
    const username = this.target.username ?? spec.name;
    const headers: Record<string, string> = { 'User-Agent': this.target.userAgent, Accept: 'text/plain, */*' };
    const { credentials } = this.target;
    if (credentials.in === 'query') {
      // No Authorization header then: the service reads these (spdyn). The log redacts `pass=`.
      query.set(credentials.username, username);
      query.set(credentials.password, this.target.password);
    } else {
      headers.Authorization = `Basic ${Buffer.from(`${username}:${this.target.password}`, 'utf8').toString('base64')}`;
    }
    url.search = query.toString();
    const response = await this.context.http.request({
      method: 'GET',
      url: url.href,
      headers,
      // The protocol's codes often come with a 401 or 5xx status: read the body before the status.
      acceptAnyStatus: true,
    });
    this.interpret(response, spec, ip, url.host);
    return { id: spec.name, name: spec.name, type: spec.type, content: ip, ttl: undefined };
  }

  /** Returns when the server confirmed the update; throws the ProviderError its answer means otherwise. */
  private interpret(response: HttpResponse, spec: RecordSpec, ip: string, host: string): void {
    const { status } = response;
    const table = REPLY_TABLES[this.target.replies];
    const answer = table.read(response.text);
    const text = answer?.text === undefined || answer.text === '' ? undefined : bodyExcerpt(answer.text, 60);
    const context: AnswerContext = {
      hostname: spec.name,
      said: text === undefined ? '' : text.quoted,
      userAgent: this.target.userAgent,
      usernameIsHostname: this.target.username === undefined,
    };
    const said = (code: string) => `dyndns2 server ${host} answered ${code}`;

    if (answer !== undefined && table.success.has(answer.code) && status >= 200 && status < 300) {
      this.checkConfirmedAddress(answer.code, answer.detail, table.unchanged.has(answer.code), spec, ip, context, host);
      return;
    }
    const refusal = answer === undefined ? undefined : (table.refusals.get(answer.code) ?? (answer.error === true ? table.otherError : undefined));
    if (answer !== undefined && refusal !== undefined) {
      throw new ProviderError(refusal.kind, `${said(answer.code)}: ${refusal.explain(context)}`, {
        status,
        code: answer.code,
        hold: refusal.hold,
      });
    }
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location');
      const where = location === null ? '' : ` to ${safeLocation(location, response.url)}`;
      throw new ProviderError('config', `dyndns2 server ${host} redirected (HTTP ${status})${where}: set server to the address it moved to`, { status });
    }
    if (status === 401 || status === 403) {
      // Resending refused credentials is what gets accounts blocked: hold like badauth.
      throw new ProviderError('auth', `dyndns2 server ${host} refused the credentials (HTTP ${status}): wrong username or password`, {
        status,
        hold: UNTIL_CONFIG_CHANGE,
      });
    }
    throwIfTransientStatus(response, `dyndns2 server ${host}`);
    throw new ProviderError(
      'protocol',
      `dyndns2 server ${host} answered HTTP ${status} with ${describeBody(response.text)}, not a dyndns2 return code; check server and path`,
      { status },
    );
  }

  /**
   * `good`/`nochg` may name the address the server now holds ("good 192.0.2.1", No-IP: "v4,v6").
   * Dyn answers `good 127.0.0.1` when it ignored the request because of the User-Agent.
   * Another address than ours only earns a warning: failing would make every run resend.
   */
  private checkConfirmedAddress(code: string, detail: string, unchanged: boolean, spec: RecordSpec, ip: string, context: AnswerContext, host: string): void {
    const reported = detail.split(/[,\s]+/).filter((part) => part !== '');
    if (reported.some((address) => canonicalAddress(address) === '127.0.0.1') && ip !== '127.0.0.1') {
      const badagent = REFUSALS.get('badagent');
      throw new ProviderError('config', `dyndns2 server ${host} answered ${code} 127.0.0.1 (request ignored): ${badagent?.explain(context) ?? ''}`, {
        code: 'badagent',
        hold: UNTIL_CONFIG_CHANGE,
      });
    }
    if (reported.length > 0 && !reported.some((address) => sameAddress(address, ip))) {
      this.log.warn(`dyndns2 server ${host} answered "${code} ${detail}" for ${spec.name}, which does not name the address sent (${ip})`);
    }
    if (unchanged) {
      // Only the state keeps ddns from resending; the server's nochg is merely noted.
      this.log.debug(`dyndns2 server ${host} answered ${code}: ${spec.name} already held ${ip}`);
    }
  }
}

/** Host and path of a redirect target; never its query, which may carry credentials. */
function safeLocation(location: string, base: string): string {
  try {
    const url = new URL(location, base);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'an unreadable address';
  }
}

export const createDyndns2Provider: ProviderFactory<WriteOnlyProvider> = (options, context) => {
  const target = resolveDyndns2Target(options, context.endpoint);
  return new Dyndns2Provider(target, context, context.log);
};
