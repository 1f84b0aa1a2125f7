import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { DomainError, FieldProblem } from '#lib/errors.ts';

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
}

const BY_KIND: Record<DomainError['kind'], { status: number; title: string }> = {
  validation: { status: 400, title: '请求参数有误' },
  unauthorized: { status: 401, title: '未登录或令牌无效' },
  forbidden: { status: 403, title: '无权执行此操作' },
  not_found: { status: 404, title: '未找到' },
  conflict: { status: 409, title: '数据冲突' },
  rule: { status: 422, title: '业务规则不允许' },
  too_many_requests: { status: 429, title: '请求过于频繁' },
};

export const problemType = (slug: string): string => `urn:coalsafe:problem:${slug}`;

export function problemFromDomainError(error: DomainError, instance?: string): Problem {
  const { status, title } = BY_KIND[error.kind];
  return {
    type: problemType(error.kind.replaceAll('_', '-')),
    title,
    status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...(error.fields.length ? { errors: error.fields } : {}),
  };
}

export function problemResponse(
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
    body: JSON.stringify(problem),
  };
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/**
 * The store is throttling even after the SDK's own retries: the client did nothing wrong and may try again
 * shortly, so 503 with Retry-After rather than a 500.
 */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } } | undefined;
  return !!e && (THROTTLING.has(e.name ?? '') || e.$retryable?.throttling === true);
}

export const busyProblem = (instance?: string): Problem => ({
  type: problemType('busy'),
  title: '系统繁忙',
  status: 503,
  detail: '数据存储暂时繁忙，请稍后重试。',
  ...(instance ? { instance } : {}),
});
