// Facts about the service that both the metadata (bundled into every run) and the wire client
// need: kept here, importing nothing, so the client does not import the metadata that lazy-loads it.
/** The API gateway refuses a request whose X-Sdk-Date is more than 15 minutes from its clock. */
export const CLOCK_TOLERANCE_SECONDS = 15 * 60;
/** The most zones one page of GET /v2/zones holds. */
export const ZONES_PER_PAGE = 500;
