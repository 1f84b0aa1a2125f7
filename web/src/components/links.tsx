import { recordHref } from '../route-match.ts';

/** A link to a mine's file: `data-testid="mine-link-<mineId>"`. */
export function MineLink(props: { mineId: string; name?: string }) {
  return (
    <a href={recordHref('/mines', props.mineId)} data-testid={`mine-link-${props.mineId}`}>
      {props.name || props.mineId}
    </a>
  );
}

/** A link to an investigation case: `data-testid="case-link-<caseId>"`. */
export function CaseLink(props: { caseId: string; text?: string }) {
  return (
    <a href={recordHref('/cases', props.caseId)} data-testid={`case-link-${props.caseId}`}>
      {props.text ?? props.caseId}
    </a>
  );
}
