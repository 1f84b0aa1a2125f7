import { ErrorBox, Loading, Page } from '../../components/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { bureauOfNumber, chineseDate, DocumentSheet, PartyFields, Seal, Signatures } from './document.tsx';
import { hazardLine, loadInspection, violationLine } from './findings.ts';

/** 现场处理决定书: what was found, the orders about it with their basis, the remedy, signatures and seal. */
export function OnsiteDecisionPrint(props: PageProps) {
  const { data, error, settled } = useLoad(
    () => loadInspection(props.params.inspectionId!),
    [props.params.inspectionId],
  );
  if (!data)
    return (
      <Page name="print-decision" ready={settled}>
        {error ? <ErrorBox error={error} /> : <Loading />}
      </Page>
    );
  const { inspection: i, party, hazards, violations } = data;
  const decision = i.decisions.find((d) => String(d.n) === props.params.n);
  if (!decision)
    return (
      <Page name="print-decision" ready>
        <ErrorBox error={new Error(`本次检查没有第 ${props.params.n} 份现场处理决定书`)} />
      </Page>
    );
  const bureau = bureauOfNumber(decision.documentNo, i.jurisdiction);
  const referred = [...new Set(decision.items.flatMap((d) => [...d.hazardIds, ...d.violationIds]))];
  const line = (id: string) =>
    hazards.get(id) ? hazardLine(hazards.get(id)!) : violations.get(id) ? violationLine(violations.get(id)!) : id;
  const mineName = party.mine.enterpriseName ?? party.mine.name;
  return (
    <Page name="print-decision" ready>
      <DocumentSheet bureau={bureau} title="现场处理决定书" number={decision.documentNo}>
        <table class="doc-fields">
          <tbody>
            <PartyFields party={party} />
          </tbody>
        </table>
        <p class="doc-body">
          {mineName}：本机关执法人员于{chineseDate(i.startedOn ?? i.date)}对你单位进行现场检查
          {i.topicLabels.length ? `（专项：${i.topicLabels.join('、')}）` : ''}，发现你单位存在下列问题：
        </p>
        <ol class="doc-list" data-testid="document-findings">
          {referred.length ? (
            referred.map((id) => <li key={id}>{line(id)}</li>)
          ) : (
            <li>详见现场检查记录 {i.recordNo ?? ''}</li>
          )}
        </ol>
        <p class="doc-body">
          依据《中华人民共和国安全生产法》第六十五条第一款、《煤矿安全生产条例》的规定，现作出如下现场处理决定：
        </p>
        <ol class="doc-list" data-testid="document-orders">
          {decision.items.map((d, k) => (
            <li key={k}>
              {d.measure === 'other' ? (d.description ?? '') : d.measureLabel}
              {d.deadline ? `，整改期限至${chineseDate(d.deadline)}` : ''}
              {d.measure !== 'other' && d.description ? `：${d.description}` : ''}
              {d.hazardIds.length + d.violationIds.length
                ? `（针对上列第${[...d.hazardIds, ...d.violationIds].map((id) => referred.indexOf(id) + 1).join('、')}项）`
                : ''}
            </li>
          ))}
        </ol>
        <p class="doc-notice">
          你单位应当立即执行本决定，并将整改情况及时书面报告本机关。如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼，但本决定不停止执行。
        </p>
        <Signatures lines={['执法人员（签名）', '执法证号', '被检查单位负责人（签名）', '签收日期']} />
        <Seal bureau={bureau} date={decision.issuedOn} />
        <p class="doc-foot">本决定书一式两份，一份交被检查单位，一份存档。</p>
      </DocumentSheet>
    </Page>
  );
}
