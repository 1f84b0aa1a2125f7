import { useState } from 'preact/hooks';
import { ROLE_LABELS, ROLES, type Role } from '#lib/auth/roles.ts';
import { getAll } from '../../api.ts';
import { Badge, ErrorBox, Loading, Page, PageHeader, Table } from '../../components/index.ts';
import type { Column } from '../../components/table.tsx';
import { jurisdictionText } from '../../format.ts';
import {
  Form,
  FormErrors,
  FormSuccess,
  postForm,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
} from '../../forms/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { type AdminMine, type DirectoryUser, enc, patch } from './admin-api.ts';

/**
 * 人员账号: the directory of the jurisdiction (officials, the mines' users, partner departments) with role,
 * jurisdiction and whether the account may sign in; a leader creates an account (the sign-in address gets a
 * temporary password) and deactivates one (its sign-in is disabled at once, the records it signed stay).
 */
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const ACTIVE_OPTIONS = [
  { value: 'true', label: '在用' },
  { value: 'false', label: '已停用' },
  { value: '', label: '全部' },
];

export function UsersAdminPage(props: PageProps) {
  const [role, setRole] = useState<string>('');
  const [active, setActive] = useState<string>('true');
  const users = useLoad(() => getAll<DirectoryUser>('/v1/users', { role, active }), [role, active]);
  const mines = useLoad(() => getAll<AdminMine>('/v1/mines'), []);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busyId, setBusyId] = useState<string>();

  const setActiveOf = async (u: DirectoryUser, on: boolean) => {
    setBusyId(u.userId);
    setError(undefined);
    try {
      await patch(`/v1/users/${enc(u.userId)}`, { version: u.version, active: on });
      setNotice(`${on ? '已启用' : '已停用'}：${u.name}（${ROLE_LABELS[u.role]}）`);
      users.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(undefined);
    }
  };

  const columns: Column<DirectoryUser>[] = [
    { key: 'name', label: '姓名/部门', value: (u) => u.name },
    { key: 'role', label: '角色', value: (u) => u.roleLabel },
    {
      key: 'jurisdiction',
      label: '辖区/煤矿',
      value: (u) => u.mineId ?? u.jurisdiction,
      render: (u) => (u.mineId ? mineName(mines.data, u.mineId) : jurisdictionText(u.jurisdiction)),
    },
    { key: 'email', label: '登录邮箱', value: (u) => u.emailMasked ?? '' },
    {
      key: 'active',
      label: '状态',
      value: (u) => (u.active ? 1 : 0),
      render: (u) => (
        <Badge code={u.active ? 'ok' : 'closed'} tone={u.active ? 'ok' : 'muted'} text={u.active ? '在用' : '已停用'} />
      ),
    },
    {
      key: 'action',
      label: '操作',
      sortable: false,
      exported: false,
      render: (u) =>
        u.userId === props.claims.sub ? (
          <span class="muted">本人</span>
        ) : (
          <button
            type="button"
            class={`btn btn-small${u.active ? ' btn-danger' : ''}`}
            data-testid={`user-toggle-${u.userId}`}
            disabled={busyId === u.userId}
            onClick={() => void setActiveOf(u, !u.active)}
          >
            {u.active ? '停用' : '重新启用'}
          </button>
        ),
    },
  ];

  return (
    <Page name="admin-users" ready={users.settled && !users.loading}>
      <PageHeader
        title="人员账号"
        subtitle="本辖区的监管人员、煤矿用户和协同部门账号。停用后不能登录，已签署的记录保留。"
      />
      {notice ? (
        <div class="fk-success admin-notice" role="status" data-testid="users-notice">
          {notice}
        </div>
      ) : null}
      <ErrorBox error={error ?? users.error} />
      <div class="admin-layout">
        <section class="panel">
          <h2>账号列表</h2>
          <div class="filters">
            <label>
              角色{' '}
              <select
                data-testid="users-filter-role"
                value={role}
                onChange={(e) => setRole((e.currentTarget as HTMLSelectElement).value)}
              >
                <option value="">全部角色</option>
                {ROLE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              状态{' '}
              <select
                data-testid="users-filter-active"
                value={active}
                onChange={(e) => setActive((e.currentTarget as HTMLSelectElement).value)}
              >
                {ACTIVE_OPTIONS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {!users.settled ? <Loading /> : null}
          <div class="admin-table">
            <Table
              columns={columns}
              rows={users.data ?? []}
              rowKey={(u) => u.userId}
              rowTestId={(u) => `user-row-${u.userId}`}
              empty="没有符合条件的账号"
              testid="users-table"
            />
          </div>
        </section>
        <CreateUser
          mines={mines.data ?? []}
          jurisdiction={props.claims.jurisdiction}
          onCreated={(u) => {
            setNotice(`已创建账号：${u.name}（${u.roleLabel}），临时密码已发送到登录邮箱`);
            users.reload();
          }}
        />
      </div>
    </Page>
  );
}

const mineName = (mines: readonly AdminMine[] | undefined, mineId: string) =>
  mines?.find((m) => m.mineId === mineId)?.name ?? mineId;

function CreateUser(props: {
  mines: readonly AdminMine[];
  jurisdiction: string | undefined;
  onCreated: (u: DirectoryUser) => void;
}) {
  const form = useForm<DirectoryUser>({
    initial: { role: 'inspector', name: '', email: '', jurisdiction: '', mineId: '' },
    send: (body, headers) => {
      // A mine's user takes its mine's jurisdiction; the others no mine.
      const { mineId, jurisdiction, ...rest } = body;
      const isMine = rest.role === 'mine_user';
      return postForm<DirectoryUser>('/v1/users')(
        { ...rest, ...(isMine ? { mineId } : { ...(jurisdiction ? { jurisdiction } : {}) }) },
        headers,
      );
    },
    idempotent: true,
    success: '账号已创建',
    onDone: (u) => {
      props.onCreated(u);
      form.set('name', '');
      form.set('email', '');
    },
  });
  const role = form.values.role as Role;
  return (
    <section class="panel">
      <h2>新建账号</h2>
      <Form form={form} testid="user-create">
        <SelectField form={form} name="role" idPrefix="user-create" label="角色" options={ROLE_OPTIONS} required />
        <TextField form={form} name="name" idPrefix="user-create" label="姓名或部门名称" required maxLength={50} />
        <TextField
          form={form}
          name="email"
          idPrefix="user-create"
          label="登录邮箱"
          hint="临时密码发送到此邮箱；目录中只显示打码后的地址。"
          required
        />
        {role === 'mine_user' ? (
          <SelectField
            form={form}
            name="mineId"
            idPrefix="user-create"
            label="所属煤矿"
            required
            placeholder="请选择煤矿"
            options={props.mines.map((m) => ({ value: m.mineId, label: m.name }))}
          />
        ) : (
          <TextField
            form={form}
            name="jurisdiction"
            idPrefix="user-create"
            label="辖区"
            hint={`留空为本辖区${props.jurisdiction ? `（${props.jurisdiction}）` : ''}；也可填下级辖区路径。`}
          />
        )}
        <FormErrors form={form} testid="user-create-errors" />
        <div class="button-row">
          <SubmitButton form={form} label="创建账号" testid="user-create-submit" />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}
