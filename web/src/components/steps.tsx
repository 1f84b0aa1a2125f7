import { dateTime } from '../format.ts';
import { ROLE_LABELS, type Role } from '../labels.ts';
import type { Step } from '../types.ts';

/** Who did a step, in words: the person's name, else their role (系统 for the nightly jobs). */
export const actorText = (by: { sub: string; role: string; name?: string | undefined }): string =>
  by.name ?? (by.role === 'system' ? '系统' : (ROLE_LABELS[by.role as Role] ?? by.sub));

/** A record's history, oldest first: when, what (from `labels`), who, and the note and evidence of each step. */
export function Steps(props: { steps: readonly Step[]; labels: Record<string, string> }) {
  return (
    <ol class="steps" data-testid="steps">
      {props.steps.map((s, i) => (
        <li key={i}>
          <div class="step-head">
            <span class="step-time">{dateTime(s.at)}</span>
            <strong>{props.labels[s.action] ?? s.action}</strong>
            <span class="muted">{actorText(s.by)}</span>
          </div>
          {s.note ? <div class="step-note">{s.note}</div> : null}
          {s.evidence?.length ? <div class="step-note muted">材料：{s.evidence.join('；')}</div> : null}
        </li>
      ))}
    </ol>
  );
}
