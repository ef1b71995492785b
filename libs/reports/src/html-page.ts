import { Html, markup } from './html-escape';
import { PAGE_STYLE } from './html-style';

/** What the page says about where the report came from; every field optional. */
export interface HtmlContext {
  /** e.g. `podfit capacity plan` or the stored report's id. */
  readonly title?: string;
  /** When the report was made, as the caller formats it (the lib reads no clock). */
  readonly createdAt?: string;
  /** Inventory name and version, or the --nodes file. */
  readonly inventory?: string;
}

export type VerdictTone = 'good' | 'bad' | 'info';

export interface Verdict {
  readonly text: string;
  readonly tone: VerdictTone;
}

/**
 * The policy the page is served with (`/v1/capacity/reports/{id}.html`), also set in the page itself so a
 * saved copy keeps it: nothing but inline style and data: images may load.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The whole page: head with the inline style sheet, the header with title, context and verdict, then the body. */
export function renderPage(kindTitle: string, context: HtmlContext, verdict: Verdict, body: Html): string {
  const pageTitle = context.title === undefined ? kindTitle : `${kindTitle}: ${context.title}`;
  const contextParts = [
    context.title === undefined ? null : markup`<span>${context.title}</span>`,
    context.createdAt === undefined ? null : markup`<span>created ${context.createdAt}</span>`,
    context.inventory === undefined ? null : markup`<span>inventory ${context.inventory}</span>`,
  ].filter((part) => part !== null);
  const contextLine = contextParts.length === 0 ? '' : markup`<p class="context">${contextParts}</p>`;
  const page = markup`<!DOCTYPE html>
    <html lang="en">
    <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light">
      <meta name="generator" content="podfit">
      <title>${pageTitle} · podfit</title>
      <link rel="icon" href="data:,">
      <style>${Html.raw(PAGE_STYLE)}</style>
    </head>
    <body>
    <main>
      <header class="report">
        <p class="brand">podfit capacity report</p>
        <h1>${kindTitle}</h1>
        ${contextLine}
        <p class="verdict ${verdict.tone}">${verdict.text}</p>
      </header>
      ${body}
    </main>
    </body>
    </html>`;
  return `${page.text}\n`;
}

/** A legend of colour swatches: `[['before', 'requested before'], …]`, the first being the swatch class. */
export function legend(entries: readonly (readonly [string, string])[]): Html {
  const items = entries.map(
    ([swatch, label]) => markup`<span><span class="swatch ${swatch}"></span>${label}</span>`,
  );
  return markup`<div class="legend">${items}</div>`;
}
