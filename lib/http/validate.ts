import { ValidationError } from '#lib/errors.ts';

/** Parses the raw body as JSON, refusing anything else with a 400 a client can act on. */
export function parseJsonBody(
  raw: string | undefined,
  isBase64: boolean | undefined,
  contentType: string | undefined,
): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (contentType && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw new ValidationError(`请求体须为 JSON（Content-Type: application/json），收到 ${contentType}`, [
      { field: 'header.content-type', message: 'must be application/json' },
    ]);
  }
  const text = isBase64 ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`请求体不是合法的 JSON：${(error as Error).message}`, [
      { field: 'body', message: 'malformed JSON' },
    ]);
  }
}
