import { useState } from 'preact/hooks';
import { ApiError, api } from '../../api.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { Loading } from '../../components/loading.tsx';
import { Page } from '../../components/page.tsx';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { type CreditPreview, CreditPreviewPanel, type PowerPreview, PowerPreviewPanel } from './preview-panels.tsx';
import {
  changeOf,
  codeLabel,
  errorsBySetting,
  type Field,
  fieldsOf,
  POLICIES,
  type PolicyDef,
  settingMeta,
} from './settings.ts';

/**
 * 策略设置 (bureau admin): the jurisdiction's policies, each opened as a form of its settings with the values in
 * force and their ranges. For the electricity review and the credit model a change is previewed before it is saved
 * (what it would have changed over the last 30 days, or to each mine's tier today); saving is the PUT, in force at
 * once (200) or, for a guarded setting, a change waiting for the legal reviewer (202). The API's field errors are
 * shown beside the fields.
 */
interface PolicyView {
  readonly definedAt: string | null;
  readonly version: number;
  readonly ownVersion: number;
  readonly bounds?: readonly { setting: string; label: string; bound: unknown; clamped: boolean }[];
  /** Why this jurisdiction may not set the policy (it is shown, not offered as a form). */
  readonly notSettableHere?: string;
  readonly [key: string]: unknown;
}

interface PendingChange {
  readonly changeId: string;
  readonly status: string;
  readonly reason?: string;
}

export function PoliciesPage(props: PageProps) {
  const chosen = POLICIES.find((p) => p.name === props.query.get('policy')) ?? POLICIES[0]!;
  return (
    <Page name="policies" ready={true}>
      <div class="page-header">
        <div>
          <h1>策略设置</h1>
          <div class="page-subtitle">
            本辖区的监管策略。修改后先预览影响，再保存；涉及直接判定等关键设置须经法制审核后生效。
          </div>
        </div>
      </div>
      <div class="button-row" role="tablist" data-testid="policy-tabs">
        {POLICIES.map((p) => (
          <a
            key={p.name}
            role="tab"
            aria-selected={p.name === chosen.name}
            class={`btn ${p.name === chosen.name ? 'btn-primary' : ''}`}
            data-testid={`policy-tab-${p.name}`}
            href={`#/policies?policy=${p.name}`}
          >
            {p.title}
          </a>
        ))}
      </div>
      <PolicyForm key={chosen.name} def={chosen} />
    </Page>
  );
}

function PolicyForm(props: { def: PolicyDef }) {
  const { def } = props;
  const loaded = useLoad(() => api.get<PolicyView>(`/v1/policies/${def.name}`), [def.name]);
  const [edited, setEdited] = useState<Record<string, string | boolean>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [preview, setPreview] = useState<PowerPreview | CreditPreview>();
  const [saved, setSaved] = useState<string>();
  const [pending, setPending] = useState<PendingChange>();

  if (!loaded.data) return loaded.error ? <ErrorBox error={loaded.error} /> : <Loading />;
  const view = loaded.data;
  const readOnly = view.notSettableHere;
  const fields = fieldsOf(view[def.field] as Record<string, unknown>).map((f) =>
    readOnly ? { ...f, editable: false } : f,
  );
  const { change, invalid } = changeOf(fields, edited);
  const changed = Object.keys(change).length > 0;
  const apiFields = error instanceof ApiError ? error.fields : [];
  const { bySetting } = errorsBySetting(apiFields, def.field);
  for (const path of invalid) bySetting[path] = '请填写数字';

  const body = () => ({ version: view.ownVersion, [def.field]: change, reason: reason.trim() || '调整策略' });
  const edit = (path: string, value: string | boolean) => {
    setEdited({ ...edited, [path]: value });
    setPreview(undefined);
    setSaved(undefined);
  };
  const send = async (what: 'preview' | 'save') => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    setPending(undefined);
    try {
      if (what === 'preview') setPreview(await api.post(`/v1/policies/${def.name}/preview`, body()));
      else {
        const answer = await api.put<PolicyView | PendingChange>(`/v1/policies/${def.name}`, body());
        if ('changeId' in answer) setPending(answer as PendingChange);
        else {
          setSaved(`已保存，第 ${(answer as PolicyView).version} 版即日生效`);
          setEdited({});
          setPreview(undefined);
          setReason('');
          loaded.reload();
        }
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="section" data-testid={`policy-${def.name}`}>
      <p class="muted">{def.note}</p>
      <p class="muted" data-testid="policy-version">
        {view.definedAt === null
          ? `现行：系统默认值（${view.notSettableHere ? '上级' : '本辖区'}尚未设定）`
          : `现行：第 ${view.version} 版${view.ownVersion === 0 ? '（沿用上级）' : ''}`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <div class="field-row" style={{ alignItems: 'flex-start' }}>
          {fields.map((f) => (
            <SettingField
              key={f.path}
              policy={def.name}
              field={f}
              value={edited[f.path]}
              error={bySetting[f.path]}
              bound={view.bounds?.find((b) => b.setting === f.path)}
              onInput={(v) => edit(f.path, v)}
            />
          ))}
        </div>
        {readOnly ? (
          <div class="notice" role="status" data-testid="policy-not-settable">
            <strong>由上级设定，本辖区不能修改。</strong>
            <span class="muted">{readOnly}</span>
          </div>
        ) : (
          <>
            <label class="field">
              <span>修改理由（记入审计日志）</span>
              <textarea
                data-testid="policy-reason"
                rows={2}
                maxLength={500}
                value={reason}
                onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)}
              />
            </label>
            <ErrorBox error={error} />
            <div class="button-row">
              {def.preview ? (
                <button
                  type="button"
                  class="btn"
                  data-testid="policy-preview"
                  disabled={busy || !changed || invalid.length > 0}
                  onClick={() => void send('preview')}
                >
                  预览
                </button>
              ) : null}
              <button
                type="button"
                class="btn btn-primary"
                data-testid="policy-save"
                disabled={busy || !changed || invalid.length > 0 || !reason.trim()}
                onClick={() => void send('save')}
              >
                保存
              </button>
              {!changed ? (
                <span class="muted">{def.preview ? '修改任一设置后可预览和保存' : '修改任一设置后可保存'}</span>
              ) : null}
              {changed && !reason.trim() ? <span class="muted">保存前请填写修改理由</span> : null}
              {saved ? (
                <span class="ok-text" data-testid="policy-saved">
                  {saved}
                </span>
              ) : null}
            </div>
          </>
        )}
      </form>
      {pending ? (
        <div class="error-box" role="status" data-testid="policy-pending" style={{ borderColor: 'var(--line-strong)' }}>
          <strong>已提交法制审核</strong>
          <span class="error-detail">变更 {pending.changeId} 待法制审核人员批准后生效，批准前现行策略不变。</span>
        </div>
      ) : null}
      {preview && def.name === 'power-review' ? <PowerPreviewPanel preview={preview as PowerPreview} /> : null}
      {preview && def.name === 'credit' ? <CreditPreviewPanel preview={preview as CreditPreview} /> : null}
    </div>
  );
}

const boundText = (bound: unknown): string =>
  Array.isArray(bound)
    ? bound.map(codeLabel).join('、') || '（无）'
    : typeof bound === 'boolean'
      ? bound
        ? '是'
        : '否'
      : String(bound);

function SettingField(props: {
  policy: string;
  field: Field;
  value: string | boolean | undefined;
  error: string | undefined;
  bound: { label: string; bound: unknown; clamped: boolean } | undefined;
  onInput: (value: string | boolean) => void;
}) {
  const { field: f } = props;
  const meta = settingMeta(props.policy, f.path);
  const id = `setting-${f.path.replace(/\./g, '-')}`;
  const range =
    meta.min !== undefined && meta.max !== undefined ? `范围 ${meta.min}–${meta.max}${meta.int ? '，整数' : ''}` : '';
  const shown = (v: unknown) => (typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  const edited = props.value !== undefined && String(props.value) !== String(f.value);
  const hint = [`现行 ${shown(f.value)}${edited ? `，改为 ${shown(props.value)}` : ''}`, range]
    .filter(Boolean)
    .join('；');
  return (
    <div class="field" style={{ minWidth: '14rem', maxWidth: '22rem', flex: '1 1 14rem' }} data-testid={id}>
      <label for={id}>{props.bound?.label ?? meta.label}</label>
      {!f.editable ? (
        <span id={id} class="wrap" style={{ overflowWrap: 'anywhere' }}>
          {String(f.value)}
        </span>
      ) : typeof f.value === 'boolean' ? (
        <input
          id={id}
          type="checkbox"
          checked={props.value === undefined ? f.value : props.value === true}
          onChange={(e) => props.onInput((e.currentTarget as HTMLInputElement).checked)}
        />
      ) : (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          step="any"
          {...(meta.min !== undefined ? { min: meta.min } : {})}
          {...(meta.max !== undefined ? { max: meta.max } : {})}
          aria-invalid={props.error ? 'true' : 'false'}
          value={props.value === undefined ? String(f.value) : String(props.value)}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
      )}
      {f.editable ? (
        <small class={edited ? 'ok-text' : 'muted'} data-testid={edited ? `${id}-edited` : undefined}>
          {hint}
        </small>
      ) : null}
      {props.bound ? (
        <small class="muted" style={{ overflowWrap: 'anywhere' }}>
          须经法制审核；上级限值：{boundText(props.bound.bound)}
        </small>
      ) : null}
      {props.error ? (
        <small class="field-error" role="alert" data-testid={`${id}-error`} style={{ color: 'var(--danger, #b42318)' }}>
          {props.error}
        </small>
      ) : null}
    </div>
  );
}
