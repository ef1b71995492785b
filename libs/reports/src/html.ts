// One self-contained HTML page per capacity report: inline CSS and SVG, no script, no external resource, so
// it works under `default-src 'none'; style-src 'unsafe-inline'; img-src data:` and as a saved file. Every
// text of the report is escaped (html-escape.ts). Big inventories stay small pages: charts draw at most
// NODE_CHART_LIMIT nodes and say how many they leave out.
import { type CapacityReport } from '@podfit/scheduling';
import { type HtmlContext, renderPage } from './html-page';
import { headroomBody, headroomVerdict } from './headroom-section';
import { maxReplicasBody, maxReplicasVerdict } from './max-replicas-section';
import { planSections, planVerdict } from './plan-section';
import { scaleOutBody, scaleOutVerdict } from './scale-out-section';

export { type HtmlContext } from './html-page';

/** One self-contained HTML page (inline CSS and SVG, no script, no external resource). */
export function renderHtml(report: CapacityReport, context: HtmlContext = {}): string {
  switch (report.kind) {
    case 'MaxReplicas':
      return renderPage('Max replicas', context, maxReplicasVerdict(report), maxReplicasBody(report));
    case 'CapacityPlan':
      return renderPage('Capacity plan', context, planVerdict(report), planSections(report));
    case 'ScaleOut':
      return renderPage('Scale-out', context, scaleOutVerdict(report), scaleOutBody(report));
    case 'Headroom':
      return renderPage('Headroom', context, headroomVerdict(report), headroomBody(report));
  }
}
