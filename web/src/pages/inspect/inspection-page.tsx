import { useEffect, useState } from 'preact/hooks';
import { INSPECTION_TOPIC_LABELS, type InspectionTopic } from '#lib/inspections/vocabulary.ts';
import { api } from '../../api.ts';
import { Badge, ErrorBox, Page, PageHeader } from '../../components/index.ts';
import type { OutboxEntry } from '../../offline/outbox.ts';
import { OutboxBanner } from '../../offline/outbox-banner.tsx';
import { addToOutbox, useOutbox } from '../../offline/use-outbox.ts';
import { redirect } from '../../router.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { type HazardBody, HazardForm, hazardLists } from '../../workbench/hazard-form.tsx';
import { type ViolationBody, ViolationForm, violationCategories } from '../../workbench/violation-form.tsx';
import { personFields, ResponsiblePersonsField, useKeyPersons } from '../persons/responsible.tsx';
import { ClosePanel, DecisionPanel, Documents, PenaltyPanel } from './inspection-actions.tsx';
import type { Findings, HazardItem, InspectionView, StartBody, ViolationItem } from './inspection-data.ts';
import { aliasesOf, byRecordId, localId, type PendingFinding, pendingFor } from './pending.ts';
import { knownRefs, writeOrQueue } from './writes.ts';

/**
 * 检查进行中: one inspection on one screen, phone first — who, where, which topics; 记录隐患 and 记录违法行为 with
 * photos; what has been found so far (and what still waits on the phone, 待发送); 现场处理决定; 提出处罚 for a
 * violation; 结束检查, then the printable 现场检查记录 and 现场处理决定书. Records are written through the outbox when
 * there is no signal and sent once when it is back.
 */
const enc = encodeURIComponent;
const fileCount = (mineId: string, kind: string, id: string) =>
  api
    .get<{ items: unknown[] }>(`/v1/mines/${enc(mineId)}/evidence/${kind}/${enc(id)}`)
    .then((r) => [id, r.items.length] as const);

async function loadFindings(inspectionId: string): Promise<Findings> {
  const inspection = await api.get<InspectionView>(`/v1/inspections/${enc(inspectionId)}`);
  const [hazards, violations, counts] = await Promise.all([
    Promise.all(inspection.findings.hazardIds.map((id) => api.get<HazardItem>(`/v1/hazards/${enc(id)}`))),
    Promise.all(inspection.findings.violationIds.map((id) => api.get<ViolationItem>(`/v1/violations/${enc(id)}`))),
    Promise.all([
      ...inspection.findings.hazardIds.map((id) => fileCount(inspection.mineId, 'hazard', id)),
      ...inspection.findings.violationIds.map((id) => fileCount(inspection.mineId, 'violation', id)),
    ]),
  ]);
  return { inspection, hazards, violations, files: Object.fromEntries(counts) };
}

/** The standard's categories, the directory and the violation categories, kept for when the signal is gone. */
/** Resolves once both lists are on the phone (or could not be read: the forms then say so when opened). */
export function preloadLists(): Promise<void> {
  return Promise.allSettled([hazardLists(), violationCategories()]).then(() => undefined);
}

export function InspectionPage(props: PageProps) {
  const id = props.params.inspectionId!;
  return id.startsWith('local-') ? (
    <LocalInspection local={id.slice('local-'.length)} {...props} />
  ) : (
    <OnlineInspection inspectionId={id} {...props} />
  );
}

/** Started with no signal: the start waits on the phone; findings are recorded against it until it is sent. */
function LocalInspection(props: PageProps & { local: string }) {
  const ref = `inspection-${props.local}`;
  const { entries } = useOutbox();
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    void knownRefs().then((refs) => {
      if (refs[ref]) redirect(`/inspect/${refs[ref]}`);
      else setChecked(true);
    });
  }, [entries.length, ref]);
  const start = entries.find((e) => e.produces?.ref === ref);
  const body = start?.write.type === 'json' ? (start.write.body as StartBody['body']) : undefined;
  const mineId = props.query.get('mine') ?? '';
  const mineName = props.query.get('name') ?? mineId;
  return (
    <Page name="inspection" ready={checked}>
      <PageHeader title={`现场检查：${mineName}`} subtitle="开始检查的记录尚未发送，恢复网络后自动发送">
        <a href="#/inspect" class="btn btn-quiet">
          返回现场检查
        </a>
      </PageHeader>
      <OutboxBanner />
      {body ? (
        <Header
          topics={body.topics}
          team={body.inspectors.map((m) => (m.userId === body.leaderUserId ? `${m.name}（带队）` : m.name))}
          purpose={body.purpose}
          date={body.startedOn}
        />
      ) : null}
      <Recorders mineId={mineId} inspectionId={`@ref:${ref}`} me={props.claims} onRecorded={() => undefined} />
      <FindingsPanel entries={entries} names={[`@ref:${ref}`]} />
    </Page>
  );
}

function OnlineInspection(props: PageProps & { inspectionId: string }) {
  const { inspectionId } = props;
  const loaded = useLoad(() => loadFindings(inspectionId), [inspectionId]);
  const { entries, online } = useOutbox();
  const waiting = entries.filter((e) => !e.refused).length;
  // Something reached the API: show it among the findings.
  useEffect(() => {
    if (online && loaded.settled) loaded.reload();
  }, [waiting, online]);
  const f = loaded.data;
  const i = f?.inspection;
  // What earlier writes answered: a start or a record sent from the outbox is still named by its ref in the writes
  // queued behind it.
  const [refs, setRefs] = useState<Record<string, string>>({});
  useEffect(() => void knownRefs().then(setRefs), [entries.length]);
  const names = [inspectionId, ...aliasesOf(refs, inspectionId)];
  const pending = pendingFor(entries, names);
  const pendingPhotos = byRecordId(pending.photosByRecord, refs);
  return (
    <Page name="inspection" ready={loaded.settled}>
      <PageHeader
        title={i ? `现场检查：${i.mineName ?? i.mineId}` : '现场检查'}
        subtitle={i ? `${inspectionId} · ${i.statusLabel}` : inspectionId}
      >
        <a href="#/inspect" class="btn btn-quiet">
          返回现场检查
        </a>
      </PageHeader>
      <OutboxBanner />
      <ErrorBox error={f ? undefined : loaded.error} />
      {f && i ? (
        <>
          <Header
            topics={i.topics ?? []}
            team={i.inspectors.map((m) => (m.userId === i.leader?.userId ? `${m.name}（带队）` : m.name))}
            purpose={i.purpose}
            date={i.startedOn ?? i.date}
            status={<Badge code={i.status} text={i.statusLabel} testid="inspection-status" />}
          />
          {i.status === 'in_progress' ? (
            <Recorders mineId={i.mineId} inspectionId={i.inspectionId} me={props.claims} onRecorded={loaded.reload} />
          ) : null}
          <FindingsPanel entries={entries} names={names} findings={f} pendingPhotos={pendingPhotos} />
          {i.status === 'in_progress' || i.status === 'done' ? (
            <DecisionPanel f={f} online={online} onDone={loaded.reload} />
          ) : null}
          {f.violations.length ? <PenaltyPanel f={f} online={online} /> : null}
          {i.status === 'in_progress' ? (
            <ClosePanel f={f} online={online} waiting={pending.findings.length} onDone={loaded.reload} />
          ) : null}
          <Documents inspection={i} />
        </>
      ) : null}
    </Page>
  );
}

function Header(props: {
  topics: readonly string[];
  /** The leader marked 带队. */
  team: readonly string[];
  purpose?: string | undefined;
  date?: string | undefined;
  status?: preact.ComponentChildren;
}) {
  return (
    <dl class="facts inspect-header" data-testid="inspection-header">
      {props.status ? (
        <>
          <dt>状态</dt>
          <dd>{props.status}</dd>
        </>
      ) : null}
      <dt>检查日期</dt>
      <dd>{props.date ?? '—'}</dd>
      <dt>检查专项</dt>
      <dd>
        {props.topics.map((t) => (
          <span class="inspect-topic" key={t}>
            {INSPECTION_TOPIC_LABELS[t as InspectionTopic] ?? t}
          </span>
        ))}
      </dd>
      <dt>检查人员</dt>
      <dd>{props.team.join('、')}</dd>
      {props.purpose ? (
        <>
          <dt>检查目的</dt>
          <dd class="wrap">{props.purpose}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The two recorders, one open at a time; after a record is kept the form starts empty again. */
function Recorders(props: {
  mineId: string;
  inspectionId: string;
  me: { sub: string; name?: string | undefined };
  onRecorded: () => void;
}) {
  const [open, setOpen] = useState<'hazard' | 'violation'>();
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<string>();
  // The mine's key persons, to name a violation's responsible persons (left out when read without a signal).
  const persons = useKeyPersons(props.mineId);
  // Read the forms' lists while the signal is there.
  useEffect(() => {
    void preloadLists();
  }, []);
  const record = async (
    kind: 'hazard' | 'violation',
    body: HazardBody | ViolationBody,
    photos: readonly File[],
    key: string,
    label: string,
  ) => {
    const local = localId();
    const path = kind === 'hazard' ? 'hazards' : 'violations';
    const field = kind === 'hazard' ? 'hazardId' : 'violationId';
    const done = await writeOrQueue<Record<string, string>>(
      {
        label,
        write: { type: 'json', method: 'POST', path: `/v1/mines/${enc(props.mineId)}/${path}`, body },
        produces: { ref: `${kind}-${local}`, field },
      },
      key,
    );
    // The record's id when it was sent; its ref while it waits (the photos wait behind it).
    const recordId = done.answer?.[field] ?? `@ref:${kind}-${local}`;
    for (const [n, file] of photos.entries())
      await addToOutbox({
        label: `照片 ${n + 1}/${photos.length}：${label}`,
        write: {
          type: 'file',
          recordPath: `/v1/mines/${enc(props.mineId)}/evidence/${kind}/${recordId}`,
          step: 'found',
          file,
          fileName: file.name,
        },
      });
    const what = kind === 'hazard' ? '隐患' : '违法行为';
    setNotice(
      done.answer
        ? `已保存${what}${photos.length ? `，${photos.length} 张照片正在上传` : ''}`
        : `${navigator.onLine ? '网络中断' : '当前无网络'}：${what}${photos.length ? `和 ${photos.length} 张照片` : ''}已保存在本机，恢复网络后自动发送`,
    );
    setRound((r) => r + 1);
    setOpen(undefined);
    props.onRecorded();
  };
  const me = { userId: props.me.sub, name: props.me.name };
  return (
    <section class="panel inspect-record" data-testid="inspect-recorders">
      <h2>记录检查发现</h2>
      <div class="button-row">
        <button
          type="button"
          class={`btn ${open === 'hazard' ? 'btn-primary' : ''}`}
          data-testid="open-hazard"
          aria-expanded={open === 'hazard'}
          onClick={() => {
            setNotice(undefined);
            setOpen(open === 'hazard' ? undefined : 'hazard');
          }}
        >
          记录隐患
        </button>
        <button
          type="button"
          class={`btn ${open === 'violation' ? 'btn-primary' : ''}`}
          data-testid="open-violation"
          aria-expanded={open === 'violation'}
          onClick={() => {
            setNotice(undefined);
            setOpen(open === 'violation' ? undefined : 'violation');
          }}
        >
          记录违法行为
        </button>
      </div>
      <p class="fk-success" role="status" data-testid="record-notice">
        {notice ?? ''}
      </p>
      {open === 'hazard' ? (
        <HazardForm
          key={`h${round}`}
          inspectionId={props.inspectionId}
          me={me}
          send={(body, photos, key) =>
            record('hazard', body, photos, key, `隐患：${body.location ?? ''} ${(body.description ?? '').slice(0, 24)}`)
          }
        />
      ) : null}
      {open === 'violation' ? (
        <ViolationForm
          key={`v${round}`}
          inspectionId={props.inspectionId}
          send={(body, photos, key) =>
            record('violation', body, photos, key, `违法行为：${(body.description ?? '').slice(0, 30)}`).catch(
              (error: unknown) => {
                throw personFields(error, body.responsiblePersons ?? [], persons.data ?? []);
              },
            )
          }
          extra={(form) =>
            persons.data || !persons.error ? (
              <ResponsiblePersonsField form={form} idPrefix="violation" persons={persons.data} />
            ) : null
          }
        />
      ) : null}
    </section>
  );
}

/** 检查发现: what reached the API (with its photo count) and what still waits on the phone (待发送). */
function FindingsPanel(props: {
  entries: readonly OutboxEntry[];
  names: readonly string[];
  findings?: Findings;
  pendingPhotos?: Readonly<Record<string, number>>;
}) {
  const pending = pendingFor(props.entries, props.names);
  const f = props.findings;
  const total = (f?.hazards.length ?? 0) + (f?.violations.length ?? 0) + pending.findings.length;
  const photos = (id: string) => {
    const sent = f?.files[id] ?? 0;
    const waiting = props.pendingPhotos?.[id] ?? 0;
    return (
      <span class="muted" data-testid="finding-photos">
        {' '}
        · 照片 {sent} 张{waiting ? `，另 ${waiting} 张待发送` : ''}
      </span>
    );
  };
  return (
    <section class="panel" data-testid="inspect-findings">
      <h2>检查发现（{total}）</h2>
      {total === 0 ? <p class="muted">尚未记录隐患或违法行为</p> : null}
      <ul class="inspect-findings">
        {pending.findings.map((p: PendingFinding) => (
          <li key={p.entry.id} data-testid="finding-pending" class="inspect-pending">
            <Badge code="C" text={p.entry.refused ? '被退回' : '待发送'} /> {p.entry.label}
            {p.photos ? <span class="muted"> · 照片 {p.photos} 张待发送</span> : null}
            {p.entry.refused ? <div class="error-text">服务器退回：{p.entry.refused}</div> : null}
          </li>
        ))}
        {f?.hazards.map((h) => (
          <li key={h.hazardId} data-testid="finding-hazard">
            <Badge code={h.level === 'major' ? 'D' : 'B'} text={h.levelLabel} />{' '}
            <a href={`#/hazards/${enc(h.hazardId)}`}>{h.location}</a>
            {h.categoryName ? ` · ${h.categoryName}` : ''}
            <div class="wrap">{h.description}</div>
            <span class="muted">整改期限 {h.deadline}</span>
            {photos(h.hazardId)}
          </li>
        ))}
        {f?.violations.map((v) => (
          <li key={v.violationId} data-testid="finding-violation">
            <Badge code="C" text="违法行为" /> {v.categoryName}
            <div class="wrap">{v.description}</div>
            <span class="muted">{v.date}</span>
            {photos(v.violationId)}
            {v.responsiblePersons?.length ? (
              <div class="muted" data-testid="finding-responsible">
                责任人：{v.responsiblePersons.map((p) => `${p.roleLabel} ${p.name}`).join('、')}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `body.items.0.deadline` → `body.deadline`: the decision form shows one item's inputs. */
