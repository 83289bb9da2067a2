// Facts about the service that both the metadata (bundled into every run) and the wire client
// need: kept here, importing nothing, so the client does not import the metadata that lazy-loads it.
/** AWS refuses a request whose X-Amz-Date is more than 5 minutes from its clock ("Signature expired"). */
export const CLOCK_TOLERANCE_SECONDS = 5 * 60;
/** The most hosted zones one ListHostedZonesByName page holds (a larger maxitems still gets 100). */
export const ZONES_PER_PAGE = 100;
