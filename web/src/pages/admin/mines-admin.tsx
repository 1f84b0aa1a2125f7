import { MINE_STATUS_LABELS } from '#lib/registry/vocabulary.ts';
import { getAll } from '../../api.ts';
import { Badge, ErrorBox, Loading, Page, PageHeader, Table } from '../../components/index.ts';
import type { Column } from '../../components/table.tsx';
import { formatTonnes, jurisdictionText, todayShanghai } from '../../format.ts';
import {
  DateField,
  Form,
  FormErrors,
  FormSuccess,
  postForm,
  SelectField,
  SubmitButton,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { navigate } from '../../router.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import type { AdminMine } from './admin-api.ts';
import { STATUS_OPTIONS, withCapacity } from './mine-fields.ts';
import { CapacityAndGrades } from './profile-fields.tsx';

/**
 * 矿井管理: the jurisdiction's mines for the bureau's leader to keep: each opens to its registry record (profile,
 * status, licences, key persons, contacts, periodic duties); a new mine is created here with every field the
 * registry requires.
 */
export function MinesAdminPage(props: PageProps) {
  const mines = useLoad(() => getAll<AdminMine>('/v1/mines'), []);
  const columns: Column<AdminMine>[] = [
    {
      key: 'name',
      label: '煤矿',
      value: (m) => m.name,
      render: (m) => (
        <a href={`#/admin/mines/${encodeURIComponent(m.mineId)}`} data-testid={`admin-mine-${m.mineId}`}>
          {m.name}
        </a>
      ),
    },
    {
      key: 'status',
      label: '状态',
      value: (m) => m.statusLabel,
      render: (m) => <Badge code={m.status} text={m.statusLabel} />,
    },
    { key: 'jurisdiction', label: '辖区', value: (m) => jurisdictionText(m.jurisdiction) },
    { key: 'creditCode', label: '统一社会信用代码', value: (m) => m.creditCode },
    {
      key: 'capacity',
      label: '核定能力',
      align: 'right',
      value: (m) => m.approvedCapacityTonnesPerYear,
      render: (m) => formatTonnes(m.approvedCapacityTonnesPerYear),
    },
    {
      key: 'licences',
      label: '已登记证照',
      align: 'right',
      value: (m) => Object.keys(m.licences ?? {}).length,
    },
  ];
  return (
    <Page name="admin-mines" ready={mines.settled && !mines.loading}>
      <PageHeader
        title="矿井管理"
        subtitle="新建煤矿档案；点煤矿名称维护基本信息、状态、证照、关键人员、联系人和定期工作。"
      />
      <ErrorBox error={mines.error} />
      <div class="admin-layout">
        <section class="panel">
          <h2>辖区煤矿（{mines.data?.length ?? 0}）</h2>
          {!mines.settled ? <Loading /> : null}
          <div class="admin-table">
            <Table
              columns={columns}
              rows={mines.data ?? []}
              rowKey={(m) => m.mineId}
              rowTestId={(m) => `admin-mine-row-${m.mineId}`}
              empty="本辖区还没有煤矿档案"
              testid="admin-mines-table"
            />
          </div>
        </section>
        <CreateMine jurisdiction={props.claims.jurisdiction ?? ''} />
      </div>
    </Page>
  );
}

function CreateMine(props: { jurisdiction: string }) {
  const form = useForm<AdminMine>({
    initial: {
      mineId: '',
      name: '',
      enterpriseName: '',
      creditCode: '',
      jurisdiction: props.jurisdiction,
      address: '',
      approvedCapacityTonnesPerYear: '',
      gasGrade: 'low',
      hydrogeology: 'medium',
      standardisationGrade: 'grade2',
      status: 'producing',
      statusEffectiveDate: todayShanghai(),
    },
    send: (body, headers) => postForm<AdminMine>('/v1/mines')(withCapacity(body), headers),
    idempotent: true,
    success: '煤矿档案已建立',
    onDone: (m) => navigate(`/admin/mines/${encodeURIComponent(m.mineId)}`),
  });
  const p = 'mine-create';
  return (
    <section class="panel">
      <h2>新建煤矿</h2>
      <Form form={form} testid={p} class="admin-grid">
        <TextField form={form} name="name" idPrefix={p} label="煤矿名称" required maxLength={100} />
        <TextField form={form} name="enterpriseName" idPrefix={p} label="企业名称" maxLength={200} />
        <TextField
          form={form}
          name="creditCode"
          idPrefix={p}
          label="统一社会信用代码"
          hint="18 位；校验位不符时仍可保存，但会提示核对。"
          required
        />
        <TextField
          form={form}
          name="jurisdiction"
          idPrefix={p}
          label="辖区"
          hint="本辖区或其下级，如 hlj/hegang/dongshan"
          required
        />
        <TextField form={form} name="address" idPrefix={p} label="地址" maxLength={300} />
        <CapacityAndGrades form={form} idPrefix={p} />
        <SelectField
          form={form}
          name="status"
          idPrefix={p}
          label={`状态（默认${MINE_STATUS_LABELS.producing}）`}
          options={STATUS_OPTIONS}
        />
        <DateField form={form} name="statusEffectiveDate" idPrefix={p} label="状态起始日" />
        <TextField
          form={form}
          name="mineId"
          idPrefix={p}
          label="煤矿编号（可选）"
          hint="小写字母、数字和连字符；留空由系统生成。"
        />
        <FormErrors form={form} testid={`${p}-errors`} />
        <div class="button-row">
          <SubmitButton form={form} label="建立档案" testid={`${p}-submit`} />
        </div>
        <FormSuccess form={form} />
      </Form>
    </section>
  );
}
