import * as z from 'zod/mini';
import './zod.ts';
import { type FieldProblem, ValidationError } from '#lib/errors.ts';

/** Parses one part of a request; on failure names every failing field as `<part>.<path>`. */
export function parsePart<S extends z.core.$ZodType>(
  schema: S,
  value: unknown,
  part: 'path' | 'query' | 'body',
): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const fields: FieldProblem[] = result.error.issues.flatMap((issue) => {
    const at = [part, ...issue.path.map(String)];
    // Name each unknown field itself, so a client sees which key to remove.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: '不允许的字段' }));
    return [{ field: at.join('.'), message: issue.message }];
  });
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  throw new ValidationError(`请求中以下字段有误：${names}`, fields);
}
