import type { IncomingMessage } from 'node:http';

/**
 * The local runtime's own endpoints (`/local/*`: tokens, jobs, the outbox, the demo users) need no token, so only
 * the developer's own machine may call them: the Host must be a loopback name (a page of another site that rebinds
 * its DNS name to 127.0.0.1 still sends its own name as Host), and a browser's request must not come from another
 * site (its Origin or Sec-Fetch-Site says so; a cross-site form POST to start a job is refused).
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const hostName = (host: string): string =>
  host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]!;

const isLoopbackOrigin = (origin: string): boolean => {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      LOOPBACK_HOSTS.has(url.hostname === '::1' ? '[::1]' : url.hostname)
    );
  } catch {
    return false;
  }
};

/** Why a request to a local-only endpoint is refused, or undefined when it may go on. */
export function localOnlyRefusal(headers: IncomingMessage['headers']): string | undefined {
  const host = headers.host ?? '';
  if (!LOOPBACK_HOSTS.has(hostName(host).toLowerCase())) return `Host ${host || '(none)'} is not this machine`;
  const origin = headers.origin;
  if (origin !== undefined && origin !== 'null' && !isLoopbackOrigin(origin)) return `Origin ${origin} is another site`;
  if (origin === 'null') return 'an opaque origin';
  if (headers['sec-fetch-site'] === 'cross-site') return 'a cross-site request';
  return undefined;
}
