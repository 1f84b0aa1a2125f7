import { useState } from 'preact/hooks';
import {
  TIPOFF_FILE_TYPES,
  TIPOFF_LIMITS,
  TIPOFF_SUBJECT_LABELS,
  TIPOFF_SUBJECTS,
  type TipoffFileType,
} from '#lib/tipoffs/vocabulary.ts';
import { publicApi } from '../../api.ts';
import { ErrorBox, Page, PageHeader } from '../../components/index.ts';
import { sha256Hex } from '../../evidence/upload.ts';
import type { PublicPageProps } from '../../public-routes.tsx';
import { useLoad } from '../../use-load.ts';
import { DistrictPicker, usePlaceLevels } from './district-picker.tsx';
import { type Picked, placeOf, reportTarget } from './report-target.ts';

/**
 * 我要举报: a visitor reports a mine without an account. Before sending, the browser solves the server's
 * proof-of-work challenge with Web Crypto (no captcha service), which takes a moment: the button says so. The answer
 * is the tracking code, the only way back to the report (举报查询).
 *
 * Evidence files go straight to the bucket with the forms the report is answered with; the page then confirms each
 * (the API reads the stored file back) and says which arrived.
 *
 * The district: the visitor picks it a level at a time, 省 → 市 → 区县, from the jurisdictions that take reports (a
 * link may preselect one with `?j=<path>`); the mine list follows it.
 */
const DEFAULT_JURISDICTION = 'hlj/hegang/dongshan';

interface Challenge {
  readonly challenge: string;
  readonly difficulty: number;
}

const zeroBits = (d: Uint8Array): number => {
  let bits = 0;
  for (const b of d) {
    if (b === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
};

/** Finds a nonce such that SHA-256(challenge ‖ nonce) has `difficulty` leading zero bits. */
export async function solveChallenge(c: Challenge): Promise<string> {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${c.challenge}${nonce}`)));
    if (zeroBits(digest) >= c.difficulty) return nonce;
  }
}

const OTHER = '__other';

/** The type the API takes for this file: the browser's, or the one its name implies. */
function tipoffTypeOf(file: File): TipoffFileType | undefined {
  if (file.type in TIPOFF_FILE_TYPES) return file.type as TipoffFileType;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return (Object.keys(TIPOFF_FILE_TYPES) as TipoffFileType[]).find((t) =>
    (TIPOFF_FILE_TYPES[t] as readonly string[]).includes(ext),
  );
}

function filesProblem(files: readonly File[]): string | undefined {
  if (files.length > TIPOFF_LIMITS.maxFiles) return `最多上传 ${TIPOFF_LIMITS.maxFiles} 个文件`;
  for (const f of files) {
    if (!tipoffTypeOf(f)) return `“${f.name}”不是可接受的文件：只接受照片（JPEG、PNG）、PDF 和 MP4 视频`;
    if (f.size === 0) return `“${f.name}”是空文件`;
    if (f.size > TIPOFF_LIMITS.maxFileBytes) return `“${f.name}”超过 ${TIPOFF_LIMITS.maxFileBytes / 1024 / 1024} MB`;
    if (f.name.length > TIPOFF_LIMITS.fileName) return `“${f.name}”文件名过长`;
  }
  return undefined;
}

interface Filed {
  readonly code: string;
  readonly uploads: readonly { index: number; url: string; fields: Record<string, string> }[];
  readonly uploadToken?: string;
}

/** Posts each file with its form, then confirms it; a file that fails is reported, the others still go. */
async function uploadAll(filed: Filed, files: readonly File[]): Promise<{ fileName: string; received: boolean }[]> {
  const out: { fileName: string; received: boolean }[] = [];
  for (const u of filed.uploads) {
    const file = files[u.index]!;
    let received = false;
    try {
      const form = new FormData();
      for (const [k, v] of Object.entries(u.fields)) form.append(k, v);
      form.append('file', new Blob([file], { type: tipoffTypeOf(file)! }), file.name);
      const res = await fetch(u.url, { method: 'POST', body: form });
      if (res.ok && filed.uploadToken) {
        const confirmed = await publicApi.post<{ received: boolean }>('/v1/public/tipoffs/uploads/confirm', {
          code: filed.code,
          index: u.index,
          uploadToken: filed.uploadToken,
        });
        received = confirmed.received;
      }
    } catch {
      received = false;
    }
    out.push({ fileName: file.name, received });
  }
  return out;
}

export function PublicTipoffPage(props: PublicPageProps) {
  const [picked, setPicked] = useState<Picked>({ path: props.query.get('j') ?? DEFAULT_JURISDICTION });
  const levels = usePlaceLevels(picked.path);
  const place = placeOf(levels.data ?? [], picked.path);
  const jurisdiction = reportTarget(picked, levels.data);
  const [files, setFiles] = useState<File[]>([]);
  const [arrived, setArrived] = useState<{ fileName: string; received: boolean }[]>([]);
  const mines = useLoad(
    () =>
      jurisdiction
        ? publicApi.get<{ items: { mineId: string; name: string }[] }>('/v1/public/tipoffs/mines', { jurisdiction })
        : Promise.resolve({ items: [] }),
    [jurisdiction],
  );
  const [v, setV] = useState({
    mineId: '',
    mineName: '',
    subject: 'major_hazard',
    what: '',
    when: '',
    where: '',
    contactName: '',
    mobile: '',
    staff: '',
  });
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [code, setCode] = useState<string>();
  const set = (k: keyof typeof v) => (e: Event) =>
    setV({ ...v, [k]: (e.currentTarget as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement).value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    if (!jurisdiction) {
      setError(new Error('请选择被举报煤矿所在的区县'));
      return;
    }
    const problem = filesProblem(files);
    if (problem) {
      setError(new Error(problem));
      return;
    }
    setBusy('正在验证…');
    try {
      const challenge = await publicApi.get<Challenge>('/v1/public/tipoffs/challenge', { jurisdiction });
      const nonce = await solveChallenge(challenge);
      setBusy('正在提交…');
      const body = {
        jurisdiction,
        ...(v.mineId && v.mineId !== OTHER ? { mineId: v.mineId } : { mineName: v.mineName.trim() }),
        subject: v.subject,
        what: v.what.trim(),
        when: v.when.trim(),
        where: v.where.trim(),
        staffOrRelative: v.staff === 'yes',
        ...(v.mobile.trim()
          ? { contact: { mobile: v.mobile.trim(), ...(v.contactName.trim() ? { name: v.contactName.trim() } : {}) } }
          : {}),
        files: await Promise.all(
          files.map(async (f) => ({
            fileName: f.name,
            contentType: tipoffTypeOf(f)!,
            size: f.size,
            sha256: await sha256Hex(f),
          })),
        ),
        proof: { challenge: challenge.challenge, nonce },
      };
      const filed = await publicApi.post<Filed>('/v1/public/tipoffs', body);
      if (files.length) {
        setBusy('正在上传附件…');
        setArrived(await uploadAll(filed, files));
      }
      setCode(filed.code);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  if (code)
    return (
      <Page name="public-tipoff" ready>
        <PageHeader title="我要举报" subtitle="举报已提交" />
        <section class="panel" data-testid="tipoff-filed">
          <h2>请保存您的查询码</h2>
          <p>
            <code class="tracking-code" data-testid="tipoff-code">
              {code}
            </code>
          </p>
          <p class="muted">
            查询码是查看办理进度和答复的唯一凭据，本局不会再次提供，请抄写或截图保存。我们对举报人信息严格保密。
          </p>
          {arrived.length ? <FileArrivals files={arrived} /> : null}
          <a class="btn btn-primary" href={`#/public/tipoff/check?code=${code}`} data-testid="tipoff-go-check">
            查询办理进度
          </a>
        </section>
      </Page>
    );

  const field = (label: string, control: preact.ComponentChildren, hint?: string, required = false) => (
    <label class="field" for={(control as { props?: { id?: string } }).props?.id}>
      <span>
        {label}
        {required ? <span class="fk-required"> *</span> : null}
      </span>
      {control}
      {hint ? <small class="muted">{hint}</small> : null}
    </label>
  );
  return (
    <Page name="public-tipoff" ready={mines.settled && levels.settled}>
      <PageHeader title="我要举报" subtitle="安全生产举报：重大事故隐患、非法违法生产、瞒报谎报事故" />
      <form class="panel tipoff-form" onSubmit={(e) => void submit(e)} data-testid="tipoff-form">
        <div class="field">
          <span>
            受理辖区<span class="fk-required"> *</span>
          </span>
          <DistrictPicker
            picked={picked}
            levels={levels.data ?? []}
            onPick={(next) => {
              setPicked(next);
              setV({ ...v, mineId: '' });
            }}
          />
          <small class="muted" data-testid="tipoff-district-name">
            {jurisdiction && place ? `受理：${place.fullName}` : '被举报煤矿所在的区县'}
          </small>
          <ErrorBox error={levels.error ?? mines.error} />
        </div>
        {field(
          '被举报煤矿',
          <select value={v.mineId} onChange={set('mineId')} id="tipoff-mine" data-testid="tipoff-mine" required>
            <option value="">请选择</option>
            {(mines.data?.items ?? []).map((m) => (
              <option key={m.mineId} value={m.mineId}>
                {m.name}
              </option>
            ))}
            <option value={OTHER}>不在列表中（手动填写）</option>
          </select>,
          undefined,
          true,
        )}
        {v.mineId === OTHER
          ? field(
              '煤矿名称',
              <input
                value={v.mineName}
                onInput={set('mineName')}
                maxLength={TIPOFF_LIMITS.mineName}
                required
                id="tipoff-mine-name"
                data-testid="tipoff-mine-name"
              />,
              '如不知道全称，请写明所在乡镇、村和俗称',
              true,
            )
          : null}
        {field(
          '举报事项',
          <select value={v.subject} onChange={set('subject')} id="tipoff-subject" data-testid="tipoff-subject">
            {TIPOFF_SUBJECTS.map((s) => (
              <option key={s} value={s}>
                {TIPOFF_SUBJECT_LABELS[s]}
              </option>
            ))}
          </select>,
        )}
        {field(
          '举报内容',
          <textarea
            rows={5}
            value={v.what}
            onInput={set('what')}
            maxLength={TIPOFF_LIMITS.what}
            required
            id="tipoff-what"
            data-testid="tipoff-what"
          />,
          `请写明发生了什么，${TIPOFF_LIMITS.what} 字以内`,
          true,
        )}
        <div class="field-row">
          {field(
            '发生时间',
            <input
              value={v.when}
              onInput={set('when')}
              maxLength={TIPOFF_LIMITS.when}
              required
              placeholder="如：近一周每晚"
              id="tipoff-when"
              data-testid="tipoff-when"
            />,
            undefined,
            true,
          )}
          {field(
            '发生地点',
            <input
              value={v.where}
              onInput={set('where')}
              maxLength={TIPOFF_LIMITS.where}
              required
              placeholder="如：主井工业广场"
              id="tipoff-where"
              data-testid="tipoff-where"
            />,
            undefined,
            true,
          )}
        </div>
        <fieldset class="tipoff-contact">
          <legend>联系方式（选填，仅承办人可见，严格保密）</legend>
          <div class="field-row">
            {field(
              '姓名',
              <input
                value={v.contactName}
                onInput={set('contactName')}
                maxLength={TIPOFF_LIMITS.contactName}
                id="tipoff-contact-name"
                data-testid="tipoff-contact-name"
              />,
            )}
            {field(
              '手机号码',
              <input
                value={v.mobile}
                onInput={set('mobile')}
                inputMode="numeric"
                maxLength={11}
                id="tipoff-mobile"
                data-testid="tipoff-mobile"
              />,
              '留下联系方式便于核实和发放奖励',
            )}
          </div>
        </fieldset>
        {field(
          '证据材料（选填）',
          <input
            type="file"
            multiple
            accept={Object.values(TIPOFF_FILE_TYPES)
              .flat()
              .map((x) => `.${x}`)
              .join(',')}
            onChange={(e) => setFiles(Array.from((e.currentTarget as HTMLInputElement).files ?? []))}
            id="tipoff-files"
            data-testid="tipoff-files"
          />,
          `照片、PDF 或视频，最多 ${TIPOFF_LIMITS.maxFiles} 个，每个不超过 ${TIPOFF_LIMITS.maxFileBytes / 1024 / 1024} MB`,
        )}
        {field(
          '您是否为负有安全生产监管职责的人员或其近亲属？',
          <select value={v.staff} onChange={set('staff')} required id="tipoff-staff" data-testid="tipoff-staff">
            <option value="">请选择</option>
            <option value="no">否</option>
            <option value="yes">是（不予奖励）</option>
          </select>,
          '依照举报奖励办法，监管人员及其近亲属的举报不予奖励',
          true,
        )}
        <ErrorBox error={error} />
        <div class="button-row">
          <button type="submit" class="btn btn-primary" disabled={busy !== undefined} data-testid="tipoff-submit">
            {busy ?? '提交举报'}
          </button>
          {busy ? <span class="muted">提交前浏览器要做一次计算验证，约需数秒，请勿关闭页面。</span> : null}
        </div>
      </form>
    </Page>
  );
}

/** Which files arrived: a file not confirmed is not received, and the reporter is told so. */
function FileArrivals(props: { files: readonly { fileName: string; received: boolean }[] }) {
  const missing = props.files.filter((f) => !f.received).length;
  return (
    <div data-testid="tipoff-files-arrived">
      <h3>证据材料</h3>
      <ul>
        {props.files.map((f) => (
          <li key={f.fileName} data-testid="tipoff-file" data-received={f.received ? 'yes' : 'no'}>
            {f.fileName}：
            {f.received ? <strong class="ok-text">已收到</strong> : <strong class="error-text">未收到</strong>}
          </li>
        ))}
      </ul>
      {missing ? <p class="muted">未收到的文件请在办理过程中向承办人提供，或重新提交举报。</p> : null}
    </div>
  );
}

interface TipoffState {
  readonly status: string;
  readonly statusLabel: string;
  readonly receivedAt: string;
  readonly publicAnswer?: string;
  readonly findingLabel?: string;
  readonly files?: readonly { index: number; fileName: string; received: boolean }[];
}

/** 举报查询: the state of a report and the bureau's answer, by its tracking code. */
export function PublicTipoffCheckPage(props: PublicPageProps) {
  const [code, setCode] = useState(props.query.get('code') ?? '');
  const [asked, setAsked] = useState(props.query.get('code') ?? '');
  const result = useLoad(
    () =>
      asked
        ? publicApi.get<TipoffState>(`/v1/public/tipoffs/by-code/${encodeURIComponent(asked)}`)
        : Promise.resolve(undefined),
    [asked],
  );
  return (
    <Page name="public-tipoff-check" ready={result.settled}>
      <PageHeader title="举报查询" subtitle="输入提交举报时得到的查询码" />
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(code.trim().toUpperCase());
        }}
      >
        <div class="field-row">
          <label class="field">
            <span>查询码</span>
            <input
              value={code}
              onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
              maxLength={30}
              autoComplete="off"
              data-testid="tipoff-check-code"
            />
          </label>
        </div>
        <div class="button-row">
          <button type="submit" class="btn btn-primary" data-testid="tipoff-check-submit">
            查询
          </button>
        </div>
      </form>
      {asked ? <ErrorBox error={result.error} /> : null}
      {result.data ? (
        <section class="panel" data-testid="tipoff-state">
          <dl class="facts">
            <dt>办理状态</dt>
            <dd data-testid="tipoff-state-label">{result.data.statusLabel}</dd>
            <dt>提交时间</dt>
            <dd>{new Date(result.data.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</dd>
            {result.data.findingLabel ? (
              <>
                <dt>核查结论</dt>
                <dd data-testid="tipoff-finding">{result.data.findingLabel}</dd>
              </>
            ) : null}
            <dt>答复</dt>
            <dd data-testid="tipoff-answer">{result.data.publicAnswer ?? '尚未答复'}</dd>
          </dl>
          {result.data.files?.length ? <FileArrivals files={result.data.files} /> : null}
        </section>
      ) : null}
    </Page>
  );
}
