/** The shared building blocks of the pages (also used by the mine file page). */

export { Badge } from './badge.tsx';
export { describeError, ErrorBox } from './error-box.tsx';
export { CaseLink, MineLink } from './links.tsx';
export { Loading } from './loading.tsx';
export { Page } from './page.tsx';
export { PageHeader } from './page-header.tsx';
export { PeriodField } from './period-field.tsx';
export { optionsOf, Select } from './select.tsx';
export { actorText, Steps } from './steps.tsx';
export { type Column, exportColumns, sortedRows, Table, type TableProps } from './table.tsx';
export { useExport } from './use-export.ts';
