import { LICENCE_LABELS, type LicenceType } from '#lib/registry/vocabulary.ts';
import { api } from '../../api.ts';
import { ErrorBox, Loading, Page } from '../../components/index.ts';
import type { PageProps } from '../../routes.tsx';
import { useLoad } from '../../use-load.ts';
import { bureauOfNumber, chineseDate, DocumentSheet, loadParty, PartyFields, Seal } from './document.tsx';

/** The fields of GET /v1/penalties/{penaltyId} the decision prints (its schema's module reaches the store). */
interface PenaltyDoc {
  readonly penaltyId: string;
  readonly mineId: string;
  readonly jurisdiction: string;
  readonly kind: string;
  readonly kindLabel: string;
  readonly amountYuan?: number;
  readonly scope?: string;
  readonly from?: string;
  readonly to?: string;
  readonly licenceType?: LicenceType;
  readonly licenceAction?: string;
  readonly documentNo?: string;
  readonly basis: string;
  readonly description: string;
  readonly effectiveOn?: string;
  readonly executionDue?: string;
  readonly violations: readonly {
    readonly violationId: string;
    readonly categoryName: string;
    readonly date: string;
    readonly description: string;
  }[];
}

async function load(penaltyId: string) {
  const penalty = await api.get<PenaltyDoc>(`/v1/penalties/${encodeURIComponent(penaltyId)}`);
  return { penalty, party: await loadParty(penalty.mineId) };
}

const yuan = (n: number) => `人民币${n.toLocaleString('zh-CN')}元`;

/** What the penalty decides, in the words of the decision. */
function decisionText(p: PenaltyDoc): string {
  switch (p.kind) {
    case 'fine':
      return `罚款${yuan(p.amountYuan ?? 0)}`;
    case 'ordered_suspension':
      return `责令停产整顿${p.scope ? `（${p.scope}）` : ''}，自${chineseDate(p.from)}起${p.to ? `至${chineseDate(p.to)}止` : ''}`;
    case 'licence_action':
      return `${p.licenceAction === 'revoke' ? '吊销' : '暂扣'}${p.licenceType ? LICENCE_LABELS[p.licenceType] : '证照'}`;
    default:
      return p.kindLabel;
  }
}

/** 行政处罚决定书: the party, the facts and evidence, the basis, the decision, how to comply, the remedy, the seal. */
export function PenaltyDecisionPrint(props: PageProps) {
  const { data, error, settled } = useLoad(() => load(props.params.penaltyId!), [props.params.penaltyId]);
  if (!data)
    return (
      <Page name="print-penalty" ready={settled}>
        {error ? <ErrorBox error={error} /> : <Loading />}
      </Page>
    );
  const { penalty: p, party } = data;
  const bureau = bureauOfNumber(p.documentNo, p.jurisdiction);
  return (
    <Page name="print-penalty" ready>
      <DocumentSheet bureau={bureau} title="行政处罚决定书" number={p.documentNo}>
        <table class="doc-fields">
          <tbody>
            <PartyFields party={party} label="当事人" />
          </tbody>
        </table>
        {p.documentNo ? null : <p class="doc-body">（本处罚尚未决定，不能作为决定书送达。）</p>}
        <section class="doc-section">
          <h2>违法事实及证据：</h2>
          <p class="doc-body">{p.description}</p>
          {p.violations.length ? (
            <ol class="doc-list" data-testid="document-findings">
              {p.violations.map((v) => (
                <li key={v.violationId}>
                  {chineseDate(v.date)}，{v.description}（{v.categoryName}）
                </li>
              ))}
            </ol>
          ) : null}
        </section>
        <section class="doc-section">
          <h2>处罚依据：</h2>
          <p class="doc-body">{p.basis}</p>
        </section>
        <section class="doc-section">
          <h2>处罚决定：</h2>
          <p class="doc-body" data-testid="document-decision">
            依据上述规定，本机关决定对你单位给予如下行政处罚：{decisionText(p)}。
          </p>
        </section>
        <section class="doc-section">
          <h2>履行方式和期限：</h2>
          <p class="doc-body">
            {p.kind === 'fine'
              ? `罚款自收到本决定书之日起十五日内缴至指定银行${p.executionDue ? `（最迟${chineseDate(p.executionDue)}）` : ''}。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。`
              : p.kind === 'warning'
                ? '本决定自送达之日起生效。'
                : `自本决定生效之日起执行${p.executionDue ? `，执行期限至${chineseDate(p.executionDue)}` : ''}。`}
          </p>
        </section>
        <section class="doc-section">
          <h2>申请行政复议或者提起行政诉讼的途径和期限：</h2>
          <p class="doc-body" data-testid="document-remedy">
            如不服本处罚决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行，法律另有规定的除外。
          </p>
        </section>
        <Seal bureau={bureau} date={p.effectiveOn} />
        <p class="doc-foot">本决定书一式两份，一份送达当事人，一份存档。</p>
      </DocumentSheet>
    </Page>
  );
}
