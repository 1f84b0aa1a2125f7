import { useEffect, useState } from 'preact/hooks';
import { INSPECTION_TOPIC_LABELS, INSPECTION_TOPICS } from '#lib/inspections/vocabulary.ts';
import { ApiError, getAll } from '../../api.ts';
import { Badge, ErrorBox, Page, PageHeader } from '../../components/index.ts';
import { todayShanghai } from '../../format.ts';
import {
  CheckboxGroupField,
  DateField,
  Form,
  FormErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  useForm,
} from '../../forms/index.ts';
import { OutboxBanner } from '../../offline/outbox-banner.tsx';
import { navigate } from '../../router.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { type InspectionView, type StartBody, startBody, teamOf } from './inspection-data.ts';
import { localId } from './pending.ts';
import { writeOrQueue } from './writes.ts';

/**
 * 现场检查: the officer's inspections under way and planned, and 开始检查 — the mine, the day, the team (the
 * signed-in officer first, others from the directory or typed in), the leader, the purpose and the campaign topics.
 * Made for a phone at the mine: with no signal the start is kept on the phone and sent when it is back.
 */
interface MineItem {
  readonly mineId: string;
  readonly name: string;
}
interface UserItem {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
}

const TOPICS = INSPECTION_TOPICS.map((t) => ({ value: t, label: INSPECTION_TOPIC_LABELS[t] }));

export function InspectPage(props: PageProps) {
  const me = { userId: props.claims.sub, name: props.claims.name ?? props.claims.sub };
  const list = useLoad(async () => {
    const [going, planned] = await Promise.all([
      getAll<InspectionView>('/v1/inspections', { status: 'in_progress' }),
      getAll<InspectionView>('/v1/inspections', { status: 'planned' }),
    ]);
    return { going, planned };
  }, []);
  const mines = useLoad(() => getAll<MineItem>('/v1/mines'), []);
  const users = useLoad(() => getAll<UserItem>('/v1/users', { role: 'inspector', active: 'true' }), []);
  // The inspection's page and its forms' lists are fetched now, while there is signal: they open at the mine after
  // a start with none.
  const [prepared, setPrepared] = useState(false);
  useEffect(() => {
    void import('./inspection-page.tsx')
      .then((m) => m.preloadLists())
      .then(
        () => setPrepared(true),
        () => setPrepared(true),
      );
  }, []);
  const mine = (i: InspectionView) => i.inspectors.some((x) => x.userId === me.userId);
  const going = (list.data?.going ?? []).filter(mine);
  const others = (list.data?.going ?? []).filter((i) => !mine(i));
  return (
    <Page name="inspect" ready={list.settled && mines.settled && prepared}>
      <PageHeader title="现场检查" subtitle="检查中的和计划的检查；在井下无信号时记录先保存在本机" />
      {prepared ? (
        <p class="muted" data-testid="offline-ready">
          隐患判定标准和人员名单已存到本机，井下无信号时也可记录。
        </p>
      ) : null}
      <OutboxBanner />
      <ErrorBox error={list.data ? undefined : list.error} />
      <section class="panel" data-testid="inspect-mine">
        <h2>我的检查（检查中 {going.length}）</h2>
        <InspectionList items={going} empty="暂无进行中的检查" />
        {others.length ? (
          <>
            <h3>同事的检查</h3>
            <InspectionList items={others} empty="" />
          </>
        ) : null}
        <h3>计划中的检查</h3>
        <InspectionList items={list.data?.planned ?? []} empty="暂无计划中的检查" planned />
      </section>
      <StartForm me={me} mines={mines.data ?? []} users={users.data ?? []} />
    </Page>
  );
}

function InspectionList(props: { items: readonly InspectionView[]; empty: string; planned?: boolean }) {
  if (!props.items.length) return props.empty ? <p class="muted">{props.empty}</p> : null;
  return (
    <ul class="inspect-list">
      {props.items.map((i) => (
        <li key={i.inspectionId} data-testid="inspect-item">
          <a href={props.planned ? `#/mines/${encodeURIComponent(i.mineId)}` : `#/inspect/${i.inspectionId}`}>
            <strong>{i.mineName ?? i.mineId}</strong>
          </a>{' '}
          <Badge code={i.status} text={i.statusLabel} />
          {i.overdue ? <Badge code="D" text="已逾期" /> : null}
          <div class="muted">
            {i.startedOn ?? i.plannedOn ?? i.date} · {i.inspectors.map((x) => x.name).join('、')}
            {i.topicLabels.length ? ` · ${i.topicLabels.join('、')}` : ''}
          </div>
          {i.purpose ? <div class="wrap">{i.purpose}</div> : null}
        </li>
      ))}
    </ul>
  );
}

function StartForm(props: {
  me: { userId: string; name: string };
  mines: readonly MineItem[];
  users: readonly UserItem[];
}) {
  const others = props.users.filter((u) => u.userId !== props.me.userId);
  const form = useForm<void>({
    initial: { startedOn: todayShanghai(), team: [], extra: '', leaderUserId: props.me.userId, topics: [] },
    idempotent: true,
    send: async (values, headers) => {
      const body: StartBody = startBody(values, props.me, props.users);
      if (!body.mineId)
        throw new ApiError(422, '请选择要检查的煤矿', undefined, [{ field: 'body.mineId', message: '请选择煤矿' }]);
      const local = localId();
      const mineName = props.mines.find((m) => m.mineId === body.mineId)?.name ?? body.mineId ?? '';
      const done = await writeOrQueue<{ inspectionId: string }>(
        {
          label: `开始检查：${mineName} ${body.body.startedOn ?? ''}`,
          write: {
            type: 'json',
            method: 'POST',
            path: `/v1/mines/${encodeURIComponent(body.mineId ?? '-')}/inspections`,
            body: body.body,
          },
          produces: { ref: `inspection-${local}`, field: 'inspectionId' },
        },
        headers['Idempotency-Key']!,
      );
      navigate(
        done.answer ? `/inspect/${done.answer.inspectionId}` : `/inspect/local-${local}`,
        done.answer ? undefined : { mine: body.mineId, name: mineName },
      );
    },
  });
  const team = teamOf(form.values, props.me, props.users);
  const p = 'start';
  return (
    <section class="panel" data-testid="inspect-start">
      <h2>开始检查</h2>
      <Form form={form} testid="start-form" class="inspect-form">
        <SelectField
          form={form}
          idPrefix={p}
          name="mineId"
          label="煤矿"
          required
          placeholder="请选择煤矿"
          options={props.mines.map((m) => ({ value: m.mineId, label: m.name }))}
        />
        <DateField form={form} idPrefix={p} name="startedOn" label="检查日期" required max={todayShanghai()} />
        <p class="muted">检查人员：{props.me.name}（本人）</p>
        {others.length ? (
          <CheckboxGroupField
            form={form}
            idPrefix={p}
            name="team"
            label="同行检查人员"
            options={others.map((u) => ({ value: u.userId, label: u.name }))}
          />
        ) : null}
        <TextField
          form={form}
          idPrefix={p}
          name="extra"
          label="其他检查人员（目录中没有的，姓名用顿号分隔）"
          maxLength={200}
        />
        <SelectField
          form={form}
          idPrefix={p}
          name="leaderUserId"
          label="带队负责人"
          required
          options={team.map((t) => ({ value: t.userId, label: t.name }))}
        />
        <TextareaField form={form} idPrefix={p} name="purpose" label="检查目的" required rows={2} maxLength={500} />
        <CheckboxGroupField form={form} idPrefix={p} name="topics" label="检查专项" required options={TOPICS} />
        <FormErrors form={form} testid="start-errors" />
        <SubmitButton form={form} label="开始检查" busyLabel="正在开始…" testid="start-submit" />
      </Form>
    </section>
  );
}
