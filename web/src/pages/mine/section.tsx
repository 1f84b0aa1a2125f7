import type { ComponentChildren } from 'preact';
import type { Part } from './mine-file.ts';

/** A titled part of the mine's file. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="mine-section" data-testid={`section-${id}`} aria-labelledby={`mine-${id}-title`}>
      <h2 id={`mine-${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Why a part is missing: the problem's Chinese title. */
export function PartError({ title }: { title: string }) {
  return (
    <p class="mine-error" role="alert" data-testid="error">
      {title}
    </p>
  );
}

export function Empty({ text = '暂无' }: { text?: string }) {
  return <p class="mine-empty">{text}</p>;
}

/** Renders a loaded part, or the reason it is missing. */
export function WithPart<T>({ part, children }: { part: Part<T>; children: (value: T) => ComponentChildren }) {
  return <>{part.ok ? children(part.value) : <PartError title={part.title} />}</>;
}
