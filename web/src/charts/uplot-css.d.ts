/** uPlot's style sheet, imported as text (`with { type: 'text' }`) so it ships inside the lazily loaded chart chunk. */
declare module 'uplot/dist/uPlot.min.css' {
  const css: string;
  export default css;
}
