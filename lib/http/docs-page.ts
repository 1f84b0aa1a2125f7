/**
 * A browsable API reference rendered from the OpenAPI document on the server: no script, no CDN, so it works
 * behind a bureau's firewall and on a machine without internet.
 */
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  'x-roles'?: string[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

export function renderDocsPage(doc: {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
}): string {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method: method.toUpperCase(), path, op });
    }
  }
  const json = (v: unknown) => `<pre>${escapeHtml(JSON.stringify(v, null, 2))}</pre>`;
  const sections = [...byTag.entries()]
    .map(([tag, ops]) => {
      const items = ops
        .map(({ method, path, op }) => {
          const params = op.parameters.length
            ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${op.parameters
                .map(
                  (p) =>
                    `<tr><td>${escapeHtml(p.name)}</td><td>${p.in}</td><td>${p.required ? 'yes' : ''}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`,
                )
                .join('')}</table>`
            : '';
          const body = op.requestBody
            ? `<details><summary>Request body</summary>${json(Object.values(op.requestBody.content)[0]?.schema)}</details>`
            : '';
          const responses = Object.entries(op.responses)
            .map(
              ([code, r]) =>
                `<li><b>${code}</b> ${escapeHtml(r.description)}${r.content?.['application/json'] ? `<details><summary>schema</summary>${json(r.content['application/json'].schema)}</details>` : ''}</li>`,
            )
            .join('');
          const roles = op['x-roles']
            ? `<p class="roles">roles: ${op['x-roles'].map(escape).join(', ')}</p>`
            : '<p class="roles">public, no token</p>';
          return `<article id="${escapeHtml(op.operationId)}"><h3><span class="m ${method}">${method}</span> <code>${escapeHtml(path)}</code></h3><p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}${roles}${params}${body}<ul>${responses}</ul></article>`;
        })
        .join('');
      return `<section><h2>${escapeHtml(tag)}</h2>${items}</section>`;
    })
    .join('');
  const toc = [...byTag.entries()]
    .map(
      ([tag, ops]) =>
        `<li>${escapeHtml(tag)}<ul>${ops.map(({ method, path, op }) => `<li><a href="#${escapeHtml(op.operationId)}">${method} ${escapeHtml(path)}</a></li>`).join('')}</ul></li>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} 接口文档</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:0;display:flex}nav{width:320px;height:100vh;overflow:auto;position:sticky;top:0;background:#f4f5f7;padding:1em;font-size:13px}main{flex:1;padding:1em 2em;max-width:1000px}article{border-top:1px solid #ddd;padding:.5em 0}.m{display:inline-block;min-width:4em;padding:2px 6px;border-radius:4px;color:#fff;font-size:12px;text-align:center}.GET{background:#2f7d32}.POST{background:#1565c0}.PUT{background:#8e6c00}.PATCH{background:#6a1b9a}.DELETE{background:#b71c1c}pre{background:#f7f7f7;padding:.5em;overflow:auto;font-size:12px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}.roles{color:#555;font-size:13px}</style></head>
<body><nav><h1>${escapeHtml(doc.info.title)}</h1><p>v${escapeHtml(doc.info.version)} · <a href="/openapi.json">openapi.json</a></p><ul>${toc}</ul></nav><main><p>${escapeHtml(doc.info.description)}</p>${sections}</main></body></html>`;
}
