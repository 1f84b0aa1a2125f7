import * as z from 'zod/mini';
import '#lib/schemas/zod.ts';
import type { QueueDefinition } from './queue-spec.ts';

/**
 * A message body against its queue's schema, both ways: the producer's side serializes what the schema accepts,
 * the consumer's side parses each record's body. A problem is named by where and what kind, never by what was there:
 * bodies hold personal data (an importer's name, a mine's meter readings), and these problems go to logs and errors.
 */
export interface BodyProblem {
  /** `body` for the body as a whole, else `body.<path>` along the schema's keys and array indexes: `body.mineIds.3`. */
  readonly field: string;
  /** zod's issue code (`invalid_type`, `too_small`, `custom`, …), or `invalid_json` for a body that is not JSON. */
  readonly code: string;
  /** For `invalid_type`: the type the schema wanted. */
  readonly expected?: string;
}

export type ParsedMessage<S extends z.core.$ZodType> =
  | { readonly ok: true; readonly message: z.output<S> }
  | { readonly ok: false; readonly problems: readonly BodyProblem[] };

const problemsOf = (error: z.core.$ZodError): BodyProblem[] =>
  error.issues.map((issue) => ({
    field: ['body', ...issue.path.map(String)].join('.'),
    code: issue.code,
    ...(issue.code === 'invalid_type' ? { expected: issue.expected } : {}),
  }));

const describeProblems = (problems: readonly BodyProblem[]): string =>
  problems.map((p) => `${p.field} (${p.code}${p.expected ? `, expected ${p.expected}` : ''})`).join(', ');

/** A record's body as its queue's message, or what is wrong with it. */
export function parseMessage<S extends z.core.$ZodType>(queue: QueueDefinition<S>, body: string): ParsedMessage<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Not the SyntaxError's text: it quotes the body.
    return { ok: false, problems: [{ field: 'body', code: 'invalid_json' }] };
  }
  const result = z.safeParse(queue.schema, json);
  return result.success ? { ok: true, message: result.data } : { ok: false, problems: problemsOf(result.error) };
}

/**
 * The body to send: checked against the schema (what the compiler cannot see, such as a date that is no calendar
 * day) and serialized as parsed, so keys the schema does not know never reach the queue.
 */
export function serializeMessage<S extends z.core.$ZodType>(queue: QueueDefinition<S>, body: z.input<S>): string {
  const result = z.safeParse(queue.schema, body);
  if (!result.success)
    throw new Error(
      `A message for queue ${queue.name} does not match its schema: ${describeProblems(problemsOf(result.error))}`,
    );
  return JSON.stringify(result.data);
}
