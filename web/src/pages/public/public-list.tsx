import { type Column, Table } from '../../components/index.ts';

/**
 * A public list: a sortable table on a desktop, and on a phone one card per record (its first column as the title,
 * the others as label and value), since most visitors of the public pages read them on a phone.
 */
export function PublicList<T>(props: {
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  /** `data-testid` of each table row and card, e.g. `public-entry-<id>`. */
  readonly rowTestId: (row: T) => string;
  readonly testid: string;
  readonly empty: string;
}) {
  const [title, ...rest] = props.columns;
  const cell = (c: Column<T>, row: T) => (c.render ? c.render(row) : String(c.value?.(row) ?? ''));
  return (
    <>
      <div class="public-table">
        <Table
          columns={props.columns}
          rows={props.rows}
          rowKey={props.rowKey}
          rowTestId={props.rowTestId}
          testid={props.testid}
          empty={props.empty}
        />
      </div>
      <ul class="public-cards" data-testid={`${props.testid}-cards`}>
        {props.rows.length === 0 ? <li class="card muted">{props.empty}</li> : null}
        {props.rows.map((row) => (
          <li class="card" key={props.rowKey(row)} data-testid={`${props.rowTestId(row)}-card`}>
            <h2>{title ? cell(title, row) : null}</h2>
            <dl class="facts">
              {rest.map((c) => [<dt key={`${c.key}-l`}>{c.label}</dt>, <dd key={`${c.key}-v`}>{cell(c, row)}</dd>])}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
