// Facts about the service that both the metadata (bundled into every run) and the wire client
// need: kept here, importing nothing, so the client does not import the metadata that lazy-loads it.
/** The line (split-horizon view) a record is kept on when the config names none. */
export const DEFAULT_LINE = '默认';
/** The international site's token API (api.dnspod.com) names its default line in English. */
export const INTL_TOKEN_DEFAULT_LINE = 'default';
