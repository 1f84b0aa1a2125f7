import { useState } from 'preact/hooks';
import {
  GAS_GRADE_LABELS,
  GAS_GRADES,
  LICENCE_LABELS,
  LICENCE_TYPES,
  PERIODIC_DUTIES,
  PERIODIC_DUTY_LABELS,
  PERSON_ROLE_LABELS,
  PERSON_ROLES,
} from '#lib/registry/vocabulary.ts';
import { api } from '../../api.ts';
import { Badge, ErrorBox, Table } from '../../components/index.ts';
import type { Column } from '../../components/table.tsx';
import { dueIn, todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  postForm,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import type { Tone } from '../../labels.ts';
import { useLoad } from '../../use-load.ts';
import { type AdminDuty, type AdminLicence, type AdminMine, type AdminPerson, enc, remove } from './admin-api.ts';

/** The records kept under a mine that its registry page maintains: licences, key persons, contacts, duties. */

const LICENCE_OPTIONS = LICENCE_TYPES.map((t) => ({ value: t, label: LICENCE_LABELS[t] }));
const PERSON_OPTIONS = PERSON_ROLES.map((r) => ({ value: r, label: PERSON_ROLE_LABELS[r] }));
const DUTY_OPTIONS = PERIODIC_DUTIES.map((d) => ({ value: d, label: PERIODIC_DUTY_LABELS[d] }));
const GRADE_OPTIONS = GAS_GRADES.map((g) => ({ value: g, label: GAS_GRADE_LABELS[g] }));

const LICENCE_TONES: Record<string, Tone> = {
  valid: 'ok',
  expiring: 'warn',
  expired: 'bad',
  suspended: 'bad',
  revoked: 'bad',
};
const LICENCE_STATE_TEXT: Record<string, string> = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  suspended: '暂扣',
  revoked: '吊销',
};

export function LicencesSection(props: { mineId: string }) {
  const path = `/v1/mines/${enc(props.mineId)}/licences`;
  const list = useLoad(() => api.get<{ items: AdminLicence[] }>(path), [path]);
  const items = list.data?.items ?? [];
  const form = useForm<AdminLicence>({
    initial: { type: 'safety_production', number: '', issuedOn: '', expiresOn: '', issuer: '' },
    send: ({ type, ...body }) => {
      const existing = items.find((l) => l.type === type);
      return api.put<AdminLicence>(`${path}/${enc(String(type))}`, {
        ...body,
        ...(existing ? { version: existing.version } : {}),
      });
    },
    success: '证照已保存',
    onDone: () => {
      for (const name of ['number', 'issuedOn', 'expiresOn', 'issuer']) form.set(name, '');
      list.reload();
    },
  });
  const renew = (l: AdminLicence) => {
    form.set('type', l.type);
    form.set('number', l.number);
    form.set('issuer', l.issuer ?? '');
    form.set('issuedOn', '');
    form.set('expiresOn', '');
    document.getElementById('licence-form-number')?.focus();
  };
  const existing = items.find((l) => l.type === form.values.type);
  const columns: Column<AdminLicence>[] = [
    { key: 'label', label: '证照', value: (l) => l.label },
    { key: 'number', label: '编号', value: (l) => l.number },
    { key: 'issuedOn', label: '发证日', value: (l) => l.issuedOn },
    { key: 'expiresOn', label: '有效期至', value: (l) => l.expiresOn },
    { key: 'issuer', label: '发证机关', value: (l) => l.issuer ?? '' },
    {
      key: 'state',
      label: '状态',
      value: (l) => l.daysToExpiry,
      render: (l) => (
        <>
          <Badge tone={LICENCE_TONES[l.state] ?? 'muted'} text={LICENCE_STATE_TEXT[l.state] ?? l.state} />{' '}
          {l.state === 'valid' || l.state === 'expiring' ? <span class="muted">{dueIn(l.daysToExpiry)}</span> : null}
        </>
      ),
    },
    {
      key: 'action',
      label: '',
      sortable: false,
      exported: false,
      render: (l) => (
        <button type="button" class="btn btn-small" data-testid={`licence-renew-${l.type}`} onClick={() => renew(l)}>
          换证/更新
        </button>
      ),
    },
  ];
  return (
    <section class="panel" id="admin-licences">
      <h2>证照（{items.length}）</h2>
      <ErrorBox error={list.error} />
      <div class="admin-table">
        <Table
          columns={columns}
          rows={items}
          rowKey={(l) => l.type}
          rowTestId={(l) => `licence-row-${l.type}`}
          empty="尚未登记证照"
          testid="licences-table"
        />
      </div>
      <h3>{existing ? `更新${existing.label}` : '登记证照'}</h3>
      <Form form={form} testid="licence-form" class="admin-grid">
        <SelectField
          form={form}
          name="type"
          idPrefix="licence-form"
          label="证照类型"
          options={LICENCE_OPTIONS}
          required
        />
        <TextField form={form} name="number" idPrefix="licence-form" label="证照编号" required />
        <DateField
          form={form}
          name="issuedOn"
          idPrefix="licence-form"
          label="发证日（有效期起）"
          max={todayShanghai()}
          required
        />
        <DateField form={form} name="expiresOn" idPrefix="licence-form" label="有效期至" required />
        <TextField form={form} name="issuer" idPrefix="licence-form" label="发证机关" />
        {existing ? (
          <p class="muted admin-wide">已有此类证照（{existing.number}），保存即以新证替换，旧证记入历史。</p>
        ) : null}
        <FormErrors form={form} testid="licence-form-errors" />
        <div class="button-row">
          <SubmitButton form={form} label={existing ? '保存新证' : '登记证照'} testid="licence-form-submit" />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}

export function PersonsSection(props: { mineId: string }) {
  const path = `/v1/mines/${enc(props.mineId)}/persons`;
  const list = useLoad(() => api.get<{ items: AdminPerson[] }>(path), [path]);
  const [error, setError] = useState<unknown>();
  const form = useForm<AdminPerson>({
    initial: { role: 'mine_manager', name: '', residentId: '', mobile: '' },
    send: postForm<AdminPerson>(path),
    idempotent: true,
    success: '关键人员已登记，身份证号已加密保存',
    onDone: () => {
      // The full number is not kept on screen once the API has it.
      form.set('residentId', '');
      form.set('name', '');
      form.set('mobile', '');
      list.reload();
    },
  });
  const drop = async (person: AdminPerson) => {
    if (!confirm(`移除${person.roleLabel}${person.name}？`)) return;
    setError(undefined);
    try {
      await remove(`${path}/${enc(person.personId)}?version=${person.version}`);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const columns: Column<AdminPerson>[] = [
    { key: 'role', label: '职务', value: (p) => p.roleLabel },
    { key: 'name', label: '姓名', value: (p) => p.name },
    {
      key: 'id',
      label: '身份证号',
      value: (p) => p.residentIdMasked,
      render: (p) => <span data-testid={`person-id-${p.personId}`}>{p.residentIdMasked}</span>,
    },
    { key: 'mobile', label: '手机', value: (p) => p.mobile ?? '' },
    {
      key: 'action',
      label: '',
      sortable: false,
      exported: false,
      render: (p) => (
        <button
          type="button"
          class="btn btn-small"
          data-testid={`person-remove-${p.personId}`}
          onClick={() => void drop(p)}
        >
          移除
        </button>
      ),
    },
  ];
  return (
    <section class="panel" id="admin-persons">
      <h2>关键人员（{list.data?.items.length ?? 0}）</h2>
      <ErrorBox error={error ?? list.error} />
      <div class="admin-table">
        <Table
          columns={columns}
          rows={list.data?.items ?? []}
          rowKey={(p) => p.personId}
          rowTestId={(p) => `person-row-${p.personId}`}
          empty="尚未登记关键人员"
          testid="persons-table"
        />
      </div>
      <h3>登记关键人员</h3>
      <Form form={form} testid="person-form" class="admin-grid">
        <SelectField form={form} name="role" idPrefix="person-form" label="职务" options={PERSON_OPTIONS} required />
        <TextField form={form} name="name" idPrefix="person-form" label="姓名" required />
        <TextField
          form={form}
          name="residentId"
          idPrefix="person-form"
          label="居民身份证号"
          hint="18 位。保存后只显示打码后的号码。"
          required
        />
        <TextField form={form} name="mobile" idPrefix="person-form" label="手机（可选）" />
        <FormErrors form={form} testid="person-form-errors" />
        <div class="button-row">
          <SubmitButton form={form} label="登记" testid="person-form-submit" />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}

export function ContactsSection(props: { mine: AdminMine; onSaved: () => void }) {
  const m = props.mine;
  const c = m.contacts;
  const form = useForm<AdminMine>({
    initial: {
      'safetyManager.name': c?.safetyManager?.name ?? '',
      'safetyManager.mobile': c?.safetyManager?.mobile ?? '',
      'safetyManager.email': c?.safetyManager?.email ?? '',
      'dispatchRoom.phone': c?.dispatchRoom?.phone ?? '',
      notifyEmails: (c?.notifyEmails ?? []).join('\n'),
    },
    send: (body) => {
      const sm = {
        ...(body['safetyManager.name'] ? { name: body['safetyManager.name'] } : {}),
        ...(body['safetyManager.mobile'] ? { mobile: body['safetyManager.mobile'] } : {}),
        ...(body['safetyManager.email'] ? { email: body['safetyManager.email'] } : {}),
      };
      const emails = String(body.notifyEmails ?? '')
        .split(/[\s,，;；]+/)
        .filter(Boolean);
      return api.put<AdminMine>(`/v1/mines/${enc(m.mineId)}/contacts`, {
        version: m.version,
        ...(Object.keys(sm).length ? { safetyManager: sm } : {}),
        ...(body['dispatchRoom.phone'] ? { dispatchRoom: { phone: body['dispatchRoom.phone'] } } : {}),
        ...(emails.length ? { notifyEmails: emails } : {}),
      });
    },
    success: '联系人已保存',
    onDone: props.onSaved,
  });
  const p = 'contacts-form';
  return (
    <section class="panel" id="admin-contacts">
      <h2>联系人（接收通知）</h2>
      <Form form={form} testid={p} class="admin-grid">
        <TextField form={form} name="safetyManager.name" idPrefix={p} label="安全负责人姓名" />
        <TextField form={form} name="safetyManager.mobile" idPrefix={p} label="安全负责人手机" />
        <TextField form={form} name="safetyManager.email" idPrefix={p} label="安全负责人邮箱" />
        <TextField form={form} name="dispatchRoom.phone" idPrefix={p} label="调度室电话" />
        <TextareaField
          form={form}
          name="notifyEmails"
          idPrefix={p}
          label="通知邮箱"
          hint="每行一个，最多 10 个。"
          rows={3}
        />
        <FormErrors form={form} testid={`${p}-errors`} />
        <div class="button-row">
          <SubmitButton form={form} label="保存联系人" testid={`${p}-submit`} />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}

export function DutiesSection(props: { mineId: string }) {
  const path = `/v1/mines/${enc(props.mineId)}/periodic-duties`;
  const list = useLoad(() => api.get<{ items: AdminDuty[] }>(path), [path]);
  const items = list.data?.items ?? [];
  const form = useForm<AdminDuty>({
    initial: { duty: 'gas_grade_appraisal', lastDoneOn: '', resultGrade: '', reference: '' },
    send: ({ duty, resultGrade, ...body }) => {
      const existing = items.find((d) => d.duty === duty);
      return api.put<AdminDuty>(`${path}/${enc(String(duty))}`, {
        ...body,
        ...(duty === 'gas_grade_appraisal' && resultGrade ? { resultGrade } : {}),
        ...(existing ? { version: existing.version } : {}),
      });
    },
    success: '定期工作已登记',
    onDone: list.reload,
  });
  return (
    <section class="panel" id="admin-duties">
      <h2>定期工作</h2>
      <ErrorBox error={list.error} />
      <ul class="admin-duties" data-testid="duties-list">
        {items.length === 0 ? <li class="muted">尚未登记</li> : null}
        {items.map((d) => (
          <li key={d.duty}>
            <strong>{d.label}</strong> 最近 {d.lastDoneOn}
            {d.resultGradeLabel ? `（${d.resultGradeLabel}）` : ''}，下次 {d.nextDueOn}{' '}
            <Badge code={d.state === 'overdue' ? 'D' : d.state === 'due_soon' ? 'C' : 'A'} text={dueIn(d.daysToDue)} />
          </li>
        ))}
      </ul>
      <Form form={form} testid="duty-form" class="admin-grid">
        <SelectField form={form} name="duty" idPrefix="duty-form" label="工作" options={DUTY_OPTIONS} required />
        <DateField
          form={form}
          name="lastDoneOn"
          idPrefix="duty-form"
          label="最近完成日"
          max={todayShanghai()}
          required
        />
        {form.values.duty === 'gas_grade_appraisal' ? (
          <SelectField
            form={form}
            name="resultGrade"
            idPrefix="duty-form"
            label="鉴定结果"
            options={GRADE_OPTIONS}
            placeholder="（未填）"
          />
        ) : null}
        <TextField form={form} name="reference" idPrefix="duty-form" label="文号或记录编号" />
        <FormErrors form={form} testid="duty-form-errors" />
        <div class="button-row">
          <SubmitButton form={form} label="登记" testid="duty-form-submit" />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}
