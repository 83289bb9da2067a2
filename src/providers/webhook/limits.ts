// Facts about the service that both the metadata (bundled into every run) and the wire client
// need: kept here, importing nothing, so the client does not import the metadata that lazy-loads it.
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT'] as const;
