import type { ComponentChildren } from 'preact';
import { BUREAU_NAMES, type BureauNames, bureauNames } from '#lib/documents/vocabulary.ts';
import { api } from '../../api.ts';
import type { Mine } from '../../types.ts';

/**
 * A printable document (文书) on A4 in the usual layout: the issuing bureau, the title, the number 〔year〕N号, the
 * parties, the body, the signature and date lines. On screen it is a sheet with a 打印 button; printed (the browser's
 * own print) the app's top bar and navigation are hidden and only the sheet is left, black on white.
 */
const CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
.doc-toolbar { display: flex; gap: 8px; justify-content: flex-end; max-width: 210mm; margin: 0 auto 12px; }
.doc-sheet {
  box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 0 auto; padding: 22mm 20mm 20mm;
  background: #fff; color: #000; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
  font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 12pt; line-height: 1.9;
}
.doc-sheet p { margin: 0; }
.doc-issuer { text-align: center; font-size: 18pt; letter-spacing: 0.15em; margin: 0; font-weight: bold; }
.doc-title { text-align: center; font-size: 22pt; letter-spacing: 0.4em; margin: 4mm 0 2mm; font-weight: bold; }
.doc-no { text-align: right; margin-bottom: 4mm; }
.doc-rule { border: 0; border-top: 1.5pt solid #000; margin: 0 0 4mm; }
.doc-fields { width: 100%; border-collapse: collapse; margin-bottom: 4mm; }
.doc-fields th, .doc-fields td { border: 0.75pt solid #000; padding: 1.5mm 2.5mm; vertical-align: top; text-align: left; font-weight: normal; }
.doc-fields th { width: 28mm; white-space: nowrap; }
.doc-section { margin-top: 3mm; }
.doc-section h2 { font-size: 12pt; font-weight: bold; margin: 0; }
.doc-body { text-indent: 2em; }
.doc-list { margin: 0; padding-left: 2em; }
.doc-notice { margin-top: 4mm; text-indent: 2em; }
.doc-signatures { margin-top: 12mm; display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 12mm; }
.doc-signatures div { border-bottom: 0.75pt solid #000; min-height: 9mm; }
.doc-seal { margin-top: 14mm; text-align: right; line-height: 2.2; }
.doc-foot { margin-top: 10mm; font-size: 10.5pt; border-top: 0.75pt solid #000; padding-top: 2mm; }
@media screen and (max-width: 760px) {
  .doc-sheet { width: auto; min-height: 0; padding: 16px; font-size: 11pt; }
  .doc-issuer { font-size: 15pt; } .doc-title { font-size: 18pt; letter-spacing: 0.2em; }
  .doc-fields, .doc-fields tbody, .doc-fields tr, .doc-fields th, .doc-fields td { display: block; width: auto; }
  .doc-fields { border-top: 0.75pt solid #000; }
  .doc-fields th, .doc-fields td { border-top: 0; }
  .doc-fields th { font-weight: bold; white-space: normal; padding-bottom: 0; border-bottom: 0; }
}
@media print {
  .topbar, .sidebar, .doc-toolbar { display: none !important; }
  html, body, .layout, .content, .page { display: block !important; margin: 0 !important; padding: 0 !important; background: #fff !important; box-shadow: none !important; }
  .doc-sheet { width: auto; min-height: 0; padding: 0; box-shadow: none; }
  .doc-fields, .doc-signatures, .doc-seal { break-inside: avoid; }
}
`;

export function DocumentSheet(props: {
  bureau: BureauNames;
  title: string;
  number?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <>
      <style>{CSS}</style>
      <div class="doc-toolbar">
        <button type="button" class="btn" data-testid="print" onClick={() => window.print()}>
          打印
        </button>
      </div>
      <article class="doc-sheet" data-testid="document">
        <p class="doc-issuer">{props.bureau.name}</p>
        <h1 class="doc-title">{props.title}</h1>
        <p class="doc-no" data-testid="document-no">
          {props.number ?? '（未编号）'}
        </p>
        <hr class="doc-rule" />
        {props.children}
      </article>
    </>
  );
}

/** The bureau that numbered a document: the one whose short name leads its number, else the record's jurisdiction's. */
export function bureauOfNumber(no: string | undefined, jurisdiction: string): BureauNames {
  const listed = Object.values(BUREAU_NAMES)
    .filter((b) => no?.startsWith(`${b.shortName}煤安`))
    .sort((a, b) => b.shortName.length - a.shortName.length)[0];
  return listed ?? bureauNames(jurisdiction);
}

/** 2026-03-10 → 2026年3月10日. */
export const chineseDate = (date: string | undefined): string => {
  if (!date) return '　　年　　月　　日';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export interface Party {
  readonly mine: Mine;
  /** 主要负责人 (the mine manager of the registry's key persons), when known. */
  readonly principal?: string;
}

/** The mine and its key person, for the parties block. */
export async function loadParty(mineId: string): Promise<Party> {
  const id = encodeURIComponent(mineId);
  const [mine, persons] = await Promise.all([
    api.get<Mine>(`/v1/mines/${id}`),
    api
      .get<{ items: { role: string; name: string }[] }>(`/v1/mines/${id}/persons`)
      .catch(() => ({ items: [] as { role: string; name: string }[] })),
  ]);
  const manager =
    persons.items.find((p) => p.role === 'mine_manager') ?? persons.items.find((p) => p.role === 'chairman');
  return manager ? { mine, principal: manager.name } : { mine };
}

export function PartyFields(props: { party: Party; label?: string }) {
  const { mine, principal } = props.party;
  return (
    <>
      <tr>
        <th>{props.label ?? '被检查单位'}</th>
        <td colSpan={3}>{mine.enterpriseName ? `${mine.enterpriseName}${mine.name}` : mine.name}</td>
      </tr>
      <tr>
        <th>统一社会信用代码</th>
        <td>{mine.creditCode}</td>
        <th>主要负责人</th>
        <td>{principal ?? ''}</td>
      </tr>
      <tr>
        <th>地址</th>
        <td colSpan={3}>{mine.address ?? ''}</td>
      </tr>
    </>
  );
}

export function Signatures(props: { lines: readonly string[] }) {
  return (
    <div class="doc-signatures">
      {props.lines.map((l) => (
        <div key={l}>{l}：</div>
      ))}
    </div>
  );
}

export function Seal(props: { bureau: BureauNames; date?: string | undefined }) {
  return (
    <div class="doc-seal">
      <p>{props.bureau.name}（印章）</p>
      <p>{chineseDate(props.date)}</p>
    </div>
  );
}
