import type { ServerResponse } from 'node:http';

/** What the local S3 server's handlers share: S3's error shape, XML escaping, the CORS headers of a response. */
export const xmlEscape = (s: string): string =>
  s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const CORS_KEY = Symbol('cors');
export const corsHeadersOf = (res: ServerResponse): Record<string, string> =>
  (res as unknown as Record<symbol, Record<string, string>>)[CORS_KEY] ?? {};
