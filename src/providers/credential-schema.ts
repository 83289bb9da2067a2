import * as z from 'zod/mini';

/**
 * A credential that travels in an HTTP header (Basic, sso-key, a signature's input): printable ASCII
 * without spaces, since anything else could only arrive as a wrong credential.
 */
export const printableCredential = z.string().check(z.minLength(1, 'must not be empty'), z.regex(/^[\x21-\x7e]+$/, 'must not contain spaces, line breaks or non-ASCII characters'));

/** The user half of a `user:secret` pair (Basic, sso-key): the pair splits at the first ":". */
export const credentialWithoutColon = printableCredential.check(z.refine((value) => !value.includes(':'), 'must not contain ":"'));
