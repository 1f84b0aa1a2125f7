import type { ComponentChildren } from 'preact';
import type { DueTone } from './due-notes.ts';
import type { Part } from './mine-file.ts';

/** A titled part of the mine's file. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="mine-section" data-testid={`section-${id}`} aria-labelledby={`mine-${id}-title`}>
      <h2 id={`mine-${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Why a part is missing: the problem's Chinese title. */
export function PartError({ title }: { title: string }) {
  return (
    <p class="mine-error" role="alert" data-testid="error">
      {title}
    </p>
  );
}

export function Empty({ text = '暂无' }: { text?: string }) {
  return <p class="mine-empty">{text}</p>;
}

/** Renders a loaded part, or the reason it is missing. */
export function WithPart<T>({ part, children }: { part: Part<T>; children: (value: T) => ComponentChildren }) {
  return <>{part.ok ? children(part.value) : <PartError title={part.title} />}</>;
}

/** The mine file's plain table: a header row, then the rows given. */
export function MineTable({ headers, children }: { headers: readonly string[]; children: ComponentChildren }) {
  return (
    <div class="mine-table-scroll">
      <table class="mine-table">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A part of the mine's file listed as a table: the reason it is missing, a note when there is nothing, else a row per item. */
export function TableSection<T>(props: {
  id: string;
  title: string;
  part: Part<readonly T[]>;
  empty: string;
  headers: readonly string[];
  row: (item: T) => ComponentChildren;
  /** What follows the table in the same section (a bureau user's pending approvals). */
  after?: ComponentChildren;
}) {
  return (
    <Section id={props.id} title={props.title}>
      <WithPart part={props.part}>
        {(items) =>
          items.length === 0 ? (
            <Empty text={props.empty} />
          ) : (
            <MineTable headers={props.headers}>{items.map(props.row)}</MineTable>
          )
        }
      </WithPart>
      {props.after}
    </Section>
  );
}

/** A row for something that falls due (a licence, a drill): coloured by how near the date is, the days left last. */
export function DueRow({
  testid,
  state,
  note,
  children,
}: {
  testid: string;
  state: string;
  note: { text: string; tone: DueTone };
  children: ComponentChildren;
}) {
  return (
    <tr class={`row-${note.tone}`} data-testid={testid} data-state={state}>
      {children}
      <td class={`due-note tone-${note.tone}`}>{note.text}</td>
    </tr>
  );
}
