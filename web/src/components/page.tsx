import type { ComponentChildren } from 'preact';

/** A page's root: `data-testid="page-<name>"`, and `data-ready="true"` once its data (or its error) is in. */
export function Page(props: { name: string; ready: boolean; children?: ComponentChildren }) {
  return (
    <section class="page" data-testid={`page-${props.name}`} data-ready={props.ready ? 'true' : 'false'}>
      {props.children}
    </section>
  );
}
