/**
 * The headers of the web dashboard's files, in one place: CloudFront and S3 send them in AWS (a response headers
 * policy, the objects' Cache-Control) and the local runtime sends the same ones, so a page that breaks the policy
 * (an inline script, a call to another origin) fails in the browser tests on this machine rather than after a
 * deployment.
 */

/** Script and style names carry a content hash: a name never changes its contents, so they may be kept for good. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html and config.json name what to load, so browsers and CloudFront ask again each time. */
export const REVALIDATE = 'no-cache';

/**
 * Scripts only from the site itself; calls to the site (the API is behind the same origin), to the sign-in
 * service and to the evidence bucket (files go from the browser straight to it with a presigned POST, and come
 * back with a presigned GET); no framing. Inline styles are allowed: component styles set through the DOM need no
 * exception, but chart and layout libraries commonly add style elements, and a style cannot run code.
 *
 * The evidence bucket's origin is `https://<bucket>.s3.<region>.amazonaws.com` in AWS and the local S3 endpoint on
 * the local runtime.
 */
export function webContentSecurityPolicy(
  signInOrigins: readonly string[] = [],
  evidenceOrigins: readonly string[] = [],
): string {
  const extra = signInOrigins.length > 0 ? ` ${signInOrigins.join(' ')}` : '';
  const connect = [...signInOrigins, ...evidenceOrigins];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.length > 0 ? ` ${connect.join(' ')}` : ''}`,
    `form-action 'self'${extra}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** The local S3 endpoint's origin, as the local runtime sets it (S3_ENDPOINT); none when unset. */
export const localEvidenceOrigins = (endpoint = process.env.S3_ENDPOINT): string[] =>
  endpoint ? [new URL(endpoint).origin] : [];

/**
 * The headers as the local runtime sends them; CloudFront's policy (cdk/constructs/web-app.ts) sets the same
 * values, plus HSTS, which means nothing on the local runtime's plain HTTP.
 */
export function localWebSecurityHeaders(
  evidenceOrigins: readonly string[] = localEvidenceOrigins(),
): Record<string, string> {
  return {
    'content-security-policy': webContentSecurityPolicy([], evidenceOrigins),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
}
