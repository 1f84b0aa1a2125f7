/** The shared building blocks of the pages (also used by the mine file page). */
export { Page } from './page.tsx';
export { PageHeader } from './page-header.tsx';
export { Table, sortedRows, exportColumns, type Column, type TableProps } from './table.tsx';
export { Badge } from './badge.tsx';
export { Loading } from './loading.tsx';
export { ErrorBox, describeError } from './error-box.tsx';
export { MineLink, CaseLink } from './links.tsx';
export { Select, optionsOf } from './select.tsx';
export { useExport } from './use-export.ts';
export { Steps, actorText } from './steps.tsx';
