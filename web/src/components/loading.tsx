/** The placeholder while a page's data loads. */
export function Loading(props: { text?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      {props.text ?? '正在加载…'}
    </div>
  );
}
