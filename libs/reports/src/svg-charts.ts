// Horizontal bar charts as inline SVG, one row per node, group or resource. Every chart is an
// `<svg class="chart" role="img">` whose first child is its `<title>`. Each row is a `<g class="row">` with
// its own `<title>` (the tooltip), a label, a `rect.bar-track` as wide as 100 %, the row's segments
// stacked left to right, and a value text. Segment classes (styled in html-style.ts):
//   bar-before     requested before the plan          bar-placed     requested by the plan's pods
//   bar-after      requested after the plan (cluster utilisation)
//   bar-replicas   replicas on a node (Max replicas)
//   bar-requested  requested, and bar-free  free (Headroom)
// Segments of zero width are left out, so every drawn rect has a width.
import { type Html, markup } from './html-escape';
import { truncate, truncateMiddle } from './format';

export interface BarSegment {
  readonly className: string;
  /** Of the track's width; segments are clamped so that together they fill at most the track. */
  readonly fraction: number;
}

export interface BarRow {
  /** Bold text at the left edge, e.g. the resource a group of rows is about. */
  readonly heading?: string;
  /** Right-aligned beside the bar, cut to fit. */
  readonly label: string;
  readonly labelClass?: string;
  /** A small marker after the label, e.g. `new` for an added node. */
  readonly tag?: string;
  /** The row's tooltip, with the full label and the numbers. */
  readonly tooltip: string;
  readonly segments: readonly BarSegment[];
  /** Text after the bar, e.g. `87%`. */
  readonly value: string;
  /** Extra space above this row, to separate groups of rows. */
  readonly gapBefore?: boolean;
}

export interface BarChartOptions {
  readonly width?: number;
  readonly labelWidth?: number;
  readonly valueWidth?: number;
}

const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;
const GROUP_GAP = 10;
/** A generous average width of a 12px system-font character, so cut labels stay inside the chart. */
const CHAR_WIDTH = 7;
/** The most characters of a row heading (a resource name). */
const HEADING_CHARS = 18;

/** A horizontal bar chart with one row per entry. */
export function barChart(title: string, rows: readonly BarRow[], options: BarChartOptions = {}): Html {
  const width = options.width ?? 496;
  const labelWidth = options.labelWidth ?? 180;
  const valueWidth = options.valueWidth ?? 48;
  const barX = labelWidth + 8;
  const barWidth = width - barX - valueWidth - 8;
  let y = 4;
  const drawn = rows.map((row) => {
    if (row.gapBefore) y += GROUP_GAP;
    const top = y;
    y += ROW_HEIGHT;
    return drawRow(row, top, { labelWidth, barX, barWidth });
  });
  const height = y + 4;
  return markup`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
    <title>${title}</title>
    ${drawn}
  </svg>`;
}

function drawRow(
  row: BarRow,
  top: number,
  layout: { readonly labelWidth: number; readonly barX: number; readonly barWidth: number },
): Html {
  const { labelWidth, barX, barWidth } = layout;
  const barY = top + (ROW_HEIGHT - BAR_HEIGHT) / 2;
  const textY = top + ROW_HEIGHT / 2 + 4;
  const headingChars = row.heading === undefined ? 0 : Math.min(row.heading.length, HEADING_CHARS) + 2;
  const tagChars = row.tag === undefined ? 0 : row.tag.length + 1;
  const labelChars = Math.max(4, Math.floor(labelWidth / CHAR_WIDTH) - headingChars - tagChars);
  let x = barX;
  let left = 1;
  const segments: Html[] = [];
  for (const segment of row.segments) {
    const fraction = Math.min(Math.max(segment.fraction, 0), left);
    left -= fraction;
    const segmentWidth = round(fraction * barWidth);
    if (segmentWidth <= 0) continue;
    segments.push(
      markup`<rect class="${segment.className}" x="${round(x)}" y="${barY}" width="${segmentWidth}" height="${BAR_HEIGHT}"/>`,
    );
    x += segmentWidth;
  }
  const heading =
    row.heading === undefined
      ? ''
      : markup`<text class="heading" x="0" y="${textY}">${truncate(row.heading, HEADING_CHARS)}</text>`;
  const tag = row.tag === undefined ? '' : markup`<tspan class="tag" dx="4">${row.tag}</tspan>`;
  const labelClass = row.labelClass === undefined ? 'label' : `label ${row.labelClass}`;
  return markup`<g class="row">
    <title>${row.tooltip}</title>
    ${heading}
    <text class="${labelClass}" x="${labelWidth}" y="${textY}" text-anchor="end">${truncateMiddle(row.label, labelChars)}${tag}</text>
    <rect class="bar-track" x="${barX}" y="${barY}" width="${barWidth}" height="${BAR_HEIGHT}" rx="2"/>
    ${segments}
    <text class="value" x="${barX + barWidth + 8}" y="${textY}">${row.value}</text>
  </g>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
