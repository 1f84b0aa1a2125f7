import { useState } from 'preact/hooks';
import { NEEDS_ACCEPTANCE } from '#lib/registry/vocabulary.ts';
import { api, getAll } from '../../api.ts';
import { Badge, ErrorBox, Loading, MineLink, Page, PageHeader } from '../../components/index.ts';
import { actorText } from '../../components/steps.tsx';
import { todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { type AdminMine, enc, patch, type StatusHistoryEntry } from './admin-api.ts';
import { changedProfile, PROFILE_FIELDS, STATUS_OPTIONS, withCapacity } from './mine-fields.ts';
import { ContactsSection, DutiesSection, LicencesSection, PersonsSection } from './mine-records.tsx';
import { CapacityAndGrades } from './profile-fields.tsx';

/**
 * 煤矿档案维护: one mine's registry record for the bureau's leader: the profile (edited with its version), the
 * status (changed with a reason and the day it takes effect; the API's rule for a change back to production is
 * shown in its own words), the licences, the key persons (resident IDs stored protected and shown masked), the
 * contacts notices go to, and the periodic duties.
 */
export function MineAdminPage(props: PageProps) {
  const mineId = props.params.mineId!;
  const mine = useLoad(() => api.get<AdminMine>(`/v1/mines/${enc(mineId)}`), [mineId]);
  const m = mine.data;
  return (
    <Page name="admin-mine" ready={mine.settled && !mine.loading}>
      <PageHeader
        title={m ? `${m.name} · 档案维护` : '档案维护'}
        subtitle={
          <>
            <a href="#/admin/mines">返回矿井管理</a>
            {m ? (
              <>
                {' · '}
                <MineLink mineId={m.mineId} name="查看一矿一档" /> · 编号 {m.mineId}
              </>
            ) : null}
          </>
        }
      />
      <ErrorBox error={mine.error} />
      {!mine.settled ? <Loading /> : null}
      {m ? (
        <>
          {m.warnings?.length ? (
            <div class="admin-warn" data-testid="mine-warnings">
              {m.warnings.map((w) => (
                <div key={w.code}>{w.message}</div>
              ))}
            </div>
          ) : null}
          <nav class="admin-tabs" aria-label="本页内容">
            <button type="button" class="link-button" onClick={jump('admin-profile')}>
              基本信息
            </button>
            <button type="button" class="link-button" onClick={jump('admin-status')}>
              状态
            </button>
            <button type="button" class="link-button" onClick={jump('admin-licences')}>
              证照
            </button>
            <button type="button" class="link-button" onClick={jump('admin-persons')}>
              关键人员
            </button>
            <button type="button" class="link-button" onClick={jump('admin-contacts')}>
              联系人
            </button>
            <button type="button" class="link-button" onClick={jump('admin-duties')}>
              定期工作
            </button>
          </nav>
          <div class="admin-columns">
            <ProfileSection mine={m} onSaved={mine.reload} />
            <StatusSection mine={m} onSaved={mine.reload} />
          </div>
          <LicencesSection mineId={mineId} />
          <PersonsSection mineId={mineId} />
          <div class="admin-columns">
            <ContactsSection mine={m} onSaved={mine.reload} />
            <DutiesSection mineId={mineId} />
          </div>
        </>
      ) : null}
    </Page>
  );
}

/** In-page jumps that scroll without changing the hash route. */
const jump = (id: string) => () => {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
};

function ProfileSection(props: { mine: AdminMine; onSaved: () => void }) {
  const m = props.mine;
  const initial: Record<string, string> = {};
  for (const f of PROFILE_FIELDS) initial[f] = m[f] === undefined ? '' : String(m[f]);
  const form = useForm<AdminMine>({
    initial,
    send: (body) =>
      patch<AdminMine>(`/v1/mines/${enc(m.mineId)}`, {
        version: m.version,
        ...changedProfile(m as unknown as Record<string, unknown>, withCapacity(body)),
      }),
    success: '基本信息已保存',
    onDone: props.onSaved,
  });
  const p = 'mine-profile';
  return (
    <section class="panel" id="admin-profile">
      <h2>基本信息</h2>
      <Form form={form} testid={p} class="admin-grid">
        <TextField form={form} name="name" idPrefix={p} label="煤矿名称" required />
        <TextField form={form} name="enterpriseName" idPrefix={p} label="企业名称" />
        <TextField form={form} name="creditCode" idPrefix={p} label="统一社会信用代码" required />
        <TextField form={form} name="jurisdiction" idPrefix={p} label="辖区" required />
        <TextField form={form} name="address" idPrefix={p} label="地址" />
        <CapacityAndGrades form={form} idPrefix={p} />
        <FormErrors form={form} testid={`${p}-errors`} />
        <div class="button-row">
          <SubmitButton form={form} label="保存基本信息" testid={`${p}-submit`} />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}

function StatusSection(props: { mine: AdminMine; onSaved: () => void }) {
  const m = props.mine;
  const history = useLoad(
    () => getAll<StatusHistoryEntry>(`/v1/mines/${enc(m.mineId)}/status-history`, {}, 20),
    [m.mineId, m.version],
  );
  const [result, setResult] = useState<string>();
  const form = useForm<{ applied: boolean; entry: { effectiveDate: string } }>({
    initial: {
      // A stopped mine returns to producing only through 复工复产验收, never by this form.
      status: m.status === 'producing' ? 'suspended' : m.status === 'closed' ? 'producing' : 'closed',
      effectiveDate: todayShanghai(),
      reason: '',
      documentNo: '',
    },
    send: (body, headers) => api.post(`/v1/mines/${enc(m.mineId)}/status`, body, headers),
    idempotent: true,
    onDone: (r) => {
      setResult(r.applied ? '状态已变更' : `已登记，将于 ${r.entry.effectiveDate} 生效`);
      props.onSaved();
    },
  });
  const p = 'mine-status';
  return (
    <section class="panel" id="admin-status">
      <h2>
        状态 <Badge code={m.status} text={m.statusLabel} testid="admin-mine-status" />
      </h2>
      <p class="muted">
        自 {m.statusSince} 起。停产、停产整顿、建设/技改的煤矿恢复生产须经复工复产验收（
        <a href={`#/acceptances?mineId=${enc(m.mineId)}`}>复工验收</a>），不能在此直接变更为生产。
      </p>
      {result ? (
        <div class="fk-success" role="status" data-testid="mine-status-result">
          {result}
        </div>
      ) : null}
      <Form form={form} testid={p} class="admin-grid">
        <SelectField
          form={form}
          name="status"
          idPrefix={p}
          label="变更为"
          options={
            NEEDS_ACCEPTANCE.includes(m.status) ? STATUS_OPTIONS.filter((o) => o.value !== 'producing') : STATUS_OPTIONS
          }
          required
        />
        <DateField
          form={form}
          name="effectiveDate"
          idPrefix={p}
          label="生效日"
          hint="晚于今天的日期将到期自动生效。"
          required
        />
        <TextareaField form={form} name="reason" idPrefix={p} label="变更原因" required rows={2} />
        <TextField form={form} name="documentNo" idPrefix={p} label="依据文号（可选）" />
        <FormErrors form={form} testid={`${p}-errors`} />
        <div class="button-row">
          <SubmitButton form={form} label="变更状态" testid={`${p}-submit`} />
        </div>
      </Form>
      <h3>变更记录</h3>
      <ErrorBox error={history.error} />
      <ol class="admin-history" data-testid="mine-status-history">
        {(history.data ?? []).map((h, i) => (
          <li key={i}>
            <strong>{h.effectiveDate}</strong> {h.statusLabel}
            {h.applied ? '' : '（待生效）'} · {h.reason}
            {h.documentNo ? ` · ${h.documentNo}` : ''} <span class="muted">{actorText(h.recordedBy)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
