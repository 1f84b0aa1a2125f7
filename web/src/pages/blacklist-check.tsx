import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Badge, ErrorBox, optionsOf, Page, PageHeader, Select } from '../components/index.ts';
import { SCOPE_LABELS, SUBJECT_TYPE_LABELS } from '../labels.ts';
import type { PageProps } from '../routes.tsx';
import type { BlacklistCheck } from '../types.ts';

/**
 * 联合惩戒查询: a partner department asks whether an enterprise (by credit code) or a person (by name and resident
 * ID, both of which must match) is restricted for a scope, and sees the published entries behind the answer. The ID
 * is sent for the check only; the API neither stores nor returns it. Every check is recorded, and person checks are
 * limited per hour (past it the API's message says when to try again).
 */
export function BlacklistCheckPage(_props: PageProps) {
  const [subjectType, setSubjectType] = useState('enterprise');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [scope, setScope] = useState('safety_licence');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BlacklistCheck>();
  const [error, setError] = useState<unknown>();

  const check = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const subject =
        subjectType === 'enterprise'
          ? { creditCode: id.trim().toUpperCase() }
          : { name: name.trim(), residentId: id.trim().toUpperCase() };
      setResult(await api.get<BlacklistCheck>('/v1/blacklist/check', { subjectType, ...subject, scope }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page name="blacklist-check" ready>
      <PageHeader title="联合惩戒查询" subtitle="查询主体是否被列入严重失信主体名单并在所办事项中受限" />
      <form
        class="panel check-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <Select
          label="主体类型"
          value={subjectType}
          options={optionsOf(SUBJECT_TYPE_LABELS)}
          all={false}
          onChange={setSubjectType}
          testid="check-subject-type"
        />
        {subjectType === 'person' ? (
          <label class="filter">
            <span>姓名</span>
            <input
              data-testid="check-name"
              value={name}
              maxLength={50}
              size={10}
              onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
              required
            />
          </label>
        ) : null}
        <label class="filter">
          <span>{subjectType === 'enterprise' ? '统一社会信用代码' : '居民身份证号'}</span>
          <input
            data-testid="check-id"
            value={id}
            maxLength={18}
            size={22}
            onInput={(e) => setId((e.currentTarget as HTMLInputElement).value)}
            required
          />
        </label>
        <Select
          label="办理事项"
          value={scope}
          options={optionsOf(SCOPE_LABELS)}
          all={false}
          onChange={setScope}
          testid="check-scope"
        />
        <button
          type="submit"
          class="btn btn-primary"
          data-testid="check-submit"
          disabled={busy || !id.trim() || (subjectType === 'person' && !name.trim())}
        >
          {busy ? '正在查询…' : '查询'}
        </button>
      </form>
      <ErrorBox error={error} />
      {result ? (
        <section
          class={`panel check-result ${result.restricted ? 'restricted' : 'clear'}`}
          data-testid="check-result"
          data-restricted={String(result.restricted)}
        >
          <h2>
            {result.restricted ? <Badge code="D" text="受限" /> : <Badge code="A" text="不受限" />}{' '}
            {result.restricted
              ? `该主体在严重失信主体名单公示期内，${SCOPE_LABELS[result.scope]}应依法予以限制。`
              : `未查到该主体在${SCOPE_LABELS[result.scope]}方面受限的名单记录。`}
          </h2>
          <p class="muted">
            查询日期：{result.checkedOn}　查询记录编号：{result.checkId}
          </p>
          {result.entries.length ? (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th>名称</th>
                    <th>证照号码</th>
                    <th>列入事由及依据</th>
                    <th>决定书文号</th>
                    <th>列入期间</th>
                    <th>限制范围</th>
                  </tr>
                </thead>
                <tbody>
                  {result.entries.map((e) => (
                    <tr key={e.entryId}>
                      <td>{e.name}</td>
                      <td>
                        <code>{e.creditCode ?? e.residentIdMasked}</code>
                      </td>
                      <td class="wrap">
                        {e.grounds.map((g) => (
                          <div key={g.code}>
                            {g.name}
                            <span class="muted">（{g.basis}）</span>
                          </div>
                        ))}
                      </td>
                      <td>{e.decisionNo}</td>
                      <td>
                        {e.listedOn} 至 {e.endsOn}
                      </td>
                      <td class="wrap">{e.restrictions.join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
