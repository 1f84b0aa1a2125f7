/**
 * Adds a style sheet to the page once. The bundler writes a lazily loaded chunk's CSS to a file of its own that
 * the page does not link, so styles that belong to lazily loaded code travel with it as text and are added here.
 */
export function injectStyle(id: string, css: string): void {
  if (typeof document === 'undefined' || document.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = css;
  document.head.append(style);
}
