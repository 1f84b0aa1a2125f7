import { ApiError } from '../api.ts';

/** A failed request in words: the problem's Chinese title and detail, and the fields it names (`data-testid="error"`). */
export function ErrorBox(props: { error: unknown }) {
  if (!props.error) return null;
  const { title, detail, fields: all } = describeError(props.error);
  // The fields named in Chinese are for people; the others are for developers and stay in the response.
  const fields = all.filter((f) => /[\u4e00-\u9fff]/.test(f.message));
  return (
    <div class="error-box" role="alert" data-testid="error">
      <strong>{title}</strong>
      {detail ? <span class="error-detail">{detail}</span> : null}
      {fields.length ? (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              {f.field}：{f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function describeError(error: unknown): {
  title: string;
  detail?: string;
  fields: { field: string; message: string }[];
} {
  if (error instanceof ApiError) {
    const fallback =
      error.status === 404
        ? '记录不存在，或不在您的管辖范围内。'
        : error.status === 403
          ? '您的角色不能执行此操作。'
          : error.status === 409
            ? '数据已被他人修改，请刷新后重试。'
            : undefined;
    const detail = error.detail ?? fallback;
    return {
      title: error.status === 404 && !/未找到|不存在/.test(error.title) ? `未找到：${error.title}` : error.title,
      ...(detail ? { detail } : {}),
      fields: [...error.fields],
    };
  }
  if (error instanceof TypeError)
    return { title: '网络错误', detail: '无法连接服务器，请检查网络后重试。', fields: [] };
  // A check on this side (a required field left empty): its message says it all.
  return { title: (error as Error)?.message || String(error), fields: [] };
}
