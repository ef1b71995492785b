// Capacity reports as people read them: CSV (per-node rows) and one self-contained HTML page with SVG
// charts. Pure: reports in, text out; no I/O, no clock. Apps import only from here.
export { renderCsv } from './csv';
export { renderHtml, type HtmlContext } from './html';
export { PAGE_CSP } from './html-page';
