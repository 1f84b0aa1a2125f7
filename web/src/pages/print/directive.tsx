import { DIRECTIVE_KIND_LABELS } from '#lib/directives/vocabulary.ts';
import { api } from '../../api.ts';
import { ErrorBox, Loading, Page } from '../../components/index.ts';
import type { PageProps } from '../../routes.tsx';
import type { Directive } from '../../types.ts';
import { useLoad } from '../../use-load.ts';
import { bureauOfNumber, chineseDate, DocumentSheet, loadParty, PartyFields, Seal } from './document.tsx';

async function load(mineId: string, directiveId: string) {
  const [directive, party] = await Promise.all([
    api.get<Directive>(`/v1/mines/${encodeURIComponent(mineId)}/directives/${encodeURIComponent(directiveId)}`),
    loadParty(mineId),
  ]);
  return { directive, party };
}

/** 督办函 / 监管监察意见书 as issued: the mine, the subject, the numbered items, the deadline, the seal. */
export function DirectivePrint(props: PageProps) {
  const { mineId, directiveId } = props.params;
  const { data, error, settled } = useLoad(() => load(mineId!, directiveId!), [mineId, directiveId]);
  if (!data)
    return (
      <Page name="print-directive" ready={settled}>
        {error ? <ErrorBox error={error} /> : <Loading />}
      </Page>
    );
  const { directive: d, party } = data;
  const bureau = bureauOfNumber(d.documentNo, d.issuer.jurisdiction);
  return (
    <Page name="print-directive" ready>
      <DocumentSheet bureau={bureau} title={DIRECTIVE_KIND_LABELS[d.kind]} number={d.documentNo}>
        <table class="doc-fields">
          <tbody>
            <PartyFields party={party} label="受文单位" />
          </tbody>
        </table>
        <section class="doc-section">
          <h2>事由：</h2>
          <p class="doc-body">{d.subject}</p>
        </section>
        <section class="doc-section">
          <h2>请你单位就下列事项逐项书面答复：</h2>
          <ol class="doc-list" data-testid="document-items">
            {d.items.map((i) => (
              <li key={i.no}>{i.text}</li>
            ))}
          </ol>
        </section>
        <p class="doc-notice">
          请于{chineseDate(d.deadline)}
          前将办理情况及证明材料报送本机关。逾期未答复或者答复不符合要求的，本机关将依法进一步处理。
        </p>
        <Seal bureau={bureau} date={d.date} />
        <p class="doc-foot">本文书一式两份，一份送达受文单位，一份存档。</p>
      </DocumentSheet>
    </Page>
  );
}
