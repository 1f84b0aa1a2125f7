import { ErrorBox, Loading, Page } from '../../components/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { bureauOfNumber, chineseDate, DocumentSheet, PartyFields, Seal, Signatures } from './document.tsx';
import { hazardLine, loadInspection, violationLine } from './findings.ts';

/** 现场检查记录: the inspection's team, topics, what was found, signed by the inspectors and the mine. */
export function InspectionRecordPrint(props: PageProps) {
  const { data, error, settled } = useLoad(
    () => loadInspection(props.params.inspectionId!),
    [props.params.inspectionId],
  );
  if (!data)
    return (
      <Page name="print-inspection" ready={settled}>
        {error ? <ErrorBox error={error} /> : <Loading />}
      </Page>
    );
  const { inspection: i, party, hazards, violations } = data;
  const bureau = bureauOfNumber(i.recordNo, i.jurisdiction);
  const team = i.inspectors.map((p) => (p.userId === i.leader?.userId ? `${p.name}（带队负责人）` : p.name)).join('、');
  const found = [
    ...i.findings.hazardIds.flatMap((id) => (hazards.get(id) ? [hazardLine(hazards.get(id)!)] : [])),
    ...i.findings.violationIds.flatMap((id) => (violations.get(id) ? [violationLine(violations.get(id)!)] : [])),
  ];
  return (
    <Page name="print-inspection" ready>
      <DocumentSheet bureau={bureau} title="现场检查记录" number={i.recordNo}>
        <table class="doc-fields">
          <tbody>
            <PartyFields party={party} />
            <tr>
              <th>检查时间</th>
              <td colSpan={3}>
                {chineseDate(i.startedOn ?? i.doneOn ?? i.date)}
                {i.doneOn && i.startedOn && i.doneOn !== i.startedOn ? ` 至 ${chineseDate(i.doneOn)}` : ''}
              </td>
            </tr>
            <tr>
              <th>检查人员</th>
              <td colSpan={3}>{team}</td>
            </tr>
            <tr>
              <th>检查事项</th>
              <td colSpan={3}>
                {i.purpose ?? ''}
                {i.topicLabels.length ? `（专项：${i.topicLabels.join('、')}）` : ''}
              </td>
            </tr>
          </tbody>
        </table>
        <section class="doc-section">
          <h2>检查情况：</h2>
          <p class="doc-body">{i.summary ?? '（检查进行中）'}</p>
        </section>
        <section class="doc-section">
          <h2>发现的问题：</h2>
          {found.length ? (
            <ol class="doc-list" data-testid="document-findings">
              {found.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ol>
          ) : (
            <p class="doc-body">未发现问题。</p>
          )}
        </section>
        {i.decisions.length ? (
          <section class="doc-section">
            <h2>现场处理：</h2>
            <p class="doc-body">已下达现场处理决定书 {i.decisions.map((d) => d.documentNo).join('、')}。</p>
          </section>
        ) : null}
        <Signatures lines={['检查人员（签名）', '执法证号', '被检查单位负责人（签名）', '日期']} />
        <Seal bureau={bureau} date={i.doneOn} />
        <p class="doc-foot">
          本记录一式两份，一份交被检查单位，一份存档。被检查单位对记录内容有异议的，可以在记录上注明。
        </p>
      </DocumentSheet>
    </Page>
  );
}
