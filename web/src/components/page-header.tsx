import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** The page title with an optional subtitle, extra controls, and the 导出Excel button when `onExport` is given. */
export function PageHeader(props: {
  title: string;
  subtitle?: ComponentChildren;
  onExport?: () => Promise<void>;
  children?: ComponentChildren;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string>();
  const exportNow = async () => {
    if (!props.onExport) return;
    setBusy(true);
    setFailed(undefined);
    try {
      await props.onExport();
    } catch (e) {
      setFailed(`导出失败：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <header class="page-header">
      <div class="page-title">
        <h1>{props.title}</h1>
        {props.subtitle ? <div class="page-subtitle">{props.subtitle}</div> : null}
      </div>
      <div class="page-tools">
        {props.children}
        {props.onExport ? (
          <button type="button" class="btn" data-testid="export-xlsx" disabled={busy} onClick={exportNow}>
            {busy ? '正在导出…' : '导出Excel'}
          </button>
        ) : null}
        {failed ? <span class="inline-error">{failed}</span> : null}
      </div>
    </header>
  );
}
