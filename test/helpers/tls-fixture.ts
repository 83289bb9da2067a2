/**
 * A self-signed certificate for the name `localhost` (no IP address in it), valid 2026-12-04 to
 * 2046-11-29, and its P-256 key: the test HTTPS servers' identity. Made for these tests only
 * (`openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7300
 * -subj /CN=localhost -addext subjectAltName=DNS:localhost`); it guards nothing.
 */
export const LOCALHOST_CERT = `-----BEGIN CERTIFICATE-----
MIIBkzCCATmgAwIBAgIUEduopSDYzYRoSHXR4LoTzYXX09IwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MB4XDTI2MTIwNDIzMzk0MloXDTQ2MTEyOTIz
Mzk0MlowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZIzj0CAQYIKoZIzj0D
AQcDQgAEeWqRj2kV0byxTLzLmPwrlvh+ojyrOVEo2hPlGD4iAPyfNm46dLVbOz/O
UxLHP1DvCdKDeOkwBpeWbNkfe2JcTqNpMGcwHQYDVR0OBBYEFJFhPJNpixHrzZLO
hBIu2FiB7hYJMB8GA1UdIwQYMBaAFJFhPJNpixHrzZLOhBIu2FiB7hYJMA8GA1Ud
EwEB/wQFMAMBAf8wFAYDVR0RBA0wC4IJbG9jYWxob3N0MAoGCCqGSM49BAMCA0gA
MEUCIC8JDbPCmiKsS+WaC7Ta/vW9su6U8W7vGucJcoW5cgR7AiEA3q8ZCg6yu/tR
lnqCtzNch37XI83VGU/QTqAjTX6YIRM=
-----END CERTIFICATE-----
`;

export const LOCALHOST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1JBFbqfcQzq1RJdR
9KFNiMRB/wZ4OKw4xqNns/xZNzGhRANCAAR5apGPaRXRvLFMvMuY/CuW+H6iPKs5
USjaE+UYPiIA/J82bjp0tVs7P85TEsc/UO8J0oN46TAGl5Zs2R97YlxO
-----END PRIVATE KEY-----
`;
