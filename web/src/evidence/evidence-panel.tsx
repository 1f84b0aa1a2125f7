import { useState } from 'preact/hooks';
import { EVIDENCE_RECORDS, EVIDENCE_TYPES, formatBytes } from '#lib/evidence/vocabulary.ts';
import { api } from '../api.ts';
import { ErrorBox } from '../components/error-box.tsx';
import { actorText } from '../components/steps.tsx';
import { dateTime } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { type Attachment, downloadLink, type EvidenceTarget, recordPath, uploadEvidence } from './upload.ts';

/**
 * 证据材料: a record's files grouped by step (发现 / 整改 / 验收 …), each with who added it, when, its size and
 * SHA-256, downloadable; and for the steps the page says this user supplies, a control to add photos or documents
 * (on a phone it offers the camera). Files are never removed: the list only grows.
 */
const ACCEPT = [
  ...Object.keys(EVIDENCE_TYPES),
  ...Object.values(EVIDENCE_TYPES).flatMap((t) => t.extensions.map((e) => `.${e}`)),
].join(',');

export function EvidencePanel(props: {
  target: EvidenceTarget;
  /** The steps this user adds files to here (the API decides again). */
  addSteps?: readonly string[];
  title?: string;
}) {
  const { target } = props;
  const loaded = useLoad(() => api.get<{ items: Attachment[] }>(recordPath(target)), [recordPath(target)]);
  const steps = (EVIDENCE_RECORDS as Record<string, { steps: Record<string, string> }>)[target.recordKind]?.steps ?? {};
  const items = loaded.data?.items ?? [];
  const shown = Object.keys(steps).filter((s) => items.some((a) => a.step === s) || props.addSteps?.includes(s));
  return (
    <section class="panel evidence" data-testid="evidence-panel">
      <h2>
        {props.title ?? '证据材料'}（{items.length}）
      </h2>
      <ErrorBox error={loaded.data ? undefined : loaded.error} />
      {loaded.settled && shown.length === 0 ? <p class="muted">暂无证据材料</p> : null}
      {shown.map((step) => (
        <div class="evidence-step" key={step} data-testid={`evidence-step-${step}`}>
          <h3>{steps[step]}</h3>
          <ul class="evidence-files">
            {items
              .filter((a) => a.step === step)
              .map((a) => (
                <EvidenceFile key={a.attachmentId} target={target} file={a} />
              ))}
          </ul>
          {props.addSteps?.includes(step) ? (
            <AddFiles target={target} step={step} stepLabel={steps[step]!} onAdded={loaded.reload} />
          ) : null}
        </div>
      ))}
    </section>
  );
}

function EvidenceFile(props: { target: EvidenceTarget; file: Attachment }) {
  const { file } = props;
  const [error, setError] = useState<unknown>();
  const open = async () => {
    setError(undefined);
    try {
      const link = await downloadLink(props.target, file.attachmentId);
      window.location.assign(link.url);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li class="evidence-file" data-testid="evidence-file">
      <button type="button" class="link-button" onClick={open} data-testid="evidence-download">
        {file.fileName}
      </button>
      <span class="muted">
        {' '}
        {formatBytes(file.size)} · {file.source === 'mine' ? '煤矿提供' : '监管部门'} · {actorText(file.uploadedBy)} ·{' '}
        {dateTime(file.uploadedAt)}
      </span>
      {file.caption ? <div>{file.caption}</div> : null}
      <div class="hash muted" title="文件内容的 SHA-256 指纹：文件被改动过就对不上">
        SHA-256 {file.sha256.slice(0, 16)}…
      </div>
      <ErrorBox error={error} />
    </li>
  );
}

function AddFiles(props: { target: EvidenceTarget; step: string; stepLabel: string; onAdded: () => void }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [caption, setCaption] = useState('');
  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(undefined);
    try {
      for (const file of Array.from(files)) {
        setBusy(`正在上传“${file.name}”…`);
        await uploadEvidence(props.target, props.step, file, caption);
      }
      setCaption('');
      props.onAdded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const id = `evidence-${props.target.recordKind}-${props.step}`;
  return (
    <div class="evidence-add">
      <label class="field">
        <span>说明（可选）</span>
        <input value={caption} maxLength={200} onInput={(e) => setCaption(e.currentTarget.value)} />
      </label>
      <label class="btn" for={id} aria-disabled={busy ? 'true' : undefined}>
        添加{props.stepLabel}照片或文件
      </label>
      <input
        id={id}
        class="visually-hidden"
        type="file"
        multiple
        accept={ACCEPT}
        disabled={Boolean(busy)}
        data-testid={`evidence-input-${props.step}`}
        onChange={(e) => {
          const input = e.currentTarget;
          void add(input.files).then(() => {
            input.value = '';
          });
        }}
      />
      <span class="muted"> 照片、PDF 或 Office 文件，每个不超过 20 MB</span>
      {busy ? (
        <p class="muted" role="status">
          {busy}
        </p>
      ) : null}
      <ErrorBox error={error} />
    </div>
  );
}
