// The capacity service's views (REST's JSON) reshaped for GraphQL: resource lists as ResourceQuantity
// entries, perNode maps as NodeReplicas entries, each quantity of a ResourceUsage row with its value in
// base units. Every number and string is carried over untouched, so both APIs give the same values.
import {
  type CapacityReport as CoreReport,
  type HeadroomGroup as CoreHeadroomGroup,
  type HeadroomReport,
  type MaxReplicasReport as CoreMaxReplicasReport,
  type PlanReport,
  type ResourceUsage as CoreResourceUsage,
  type ScaleOutReport,
} from '@podfit/scheduling';
import { pageConnection } from '../../common/cursor';
import { resourceQuantities, resourceQuantity } from '../../graphql/resource-quantity.model';
import {
  type CapacityReportPage,
  type CapacityReportSummary as SummaryView,
  type CapacityReportView,
} from '../capacity-report.view';
import { type CapacityPlan } from './capacity-plan.model';
import {
  type CapacityReport,
  type CapacityReportConnection,
  type CapacityReportSummary,
} from './capacity-report.model';
import { type Headroom, type HeadroomGroup } from './headroom.model';
import { type MaxReplicasReport } from './max-replicas.model';
import { type NodeReplicas, type ResourceUsage } from './resource-usage.model';
import { type ScaleOut } from './scale-out.model';

/** Where REST serves a stored report as one HTML page. */
export function reportHtmlPath(id: string): string {
  return `/v1/capacity/reports/${id}.html`;
}

export function reportNode(view: CapacityReportView): CapacityReport {
  return {
    id: view.id,
    kind: view.kind,
    createdAt: new Date(view.createdAt),
    createdBy: view.createdBy,
    inventory: view.inventory,
    htmlUrl: view.id === null ? null : reportHtmlPath(view.id),
    ...reportFields(view.report),
  };
}

/** A page of GET /v1/capacity/reports as a Relay connection; each edge's cursor reads the reports after it. */
export function reportConnection(page: CapacityReportPage, isAfterCursor: boolean): CapacityReportConnection {
  return pageConnection(page, isAfterCursor, summaryNode);
}

function summaryNode(summary: SummaryView): CapacityReportSummary {
  return {
    id: summary.id,
    kind: summary.kind,
    createdAt: new Date(summary.createdAt),
    createdBy: summary.createdBy,
    inventory: summary.inventory,
    fits: summary.fits,
    workloads: summary.workloads,
    htmlUrl: reportHtmlPath(summary.id),
  };
}

function maxReplicasNode(report: CoreMaxReplicasReport): MaxReplicasReport {
  return {
    workloads: report.workloads.map((workload) => ({
      kind: workload.kind,
      namespace: workload.namespace,
      name: workload.name,
      source: workload.source,
      document: workload.document,
      maxReplicas: workload.maxReplicas,
      perNode: perNodeList(workload.perNode),
      limitedBy: workload.limitedBy,
      stopMessage: workload.stopMessage,
      hitReplicaCap: workload.hitReplicaCap,
      warnings: workload.warnings,
    })),
  };
}

function planNode(report: PlanReport): CapacityPlan {
  return {
    fits: report.fits,
    workloads: report.workloads.map((workload) => ({
      kind: workload.kind,
      namespace: workload.namespace,
      name: workload.name,
      source: workload.source,
      document: workload.document,
      requests: resourceQuantities(workload.requests),
      wanted: workload.wanted,
      placed: workload.placed,
      fits: workload.fits,
      perNode: perNodeList(workload.perNode),
      limitedBy: workload.limitedBy,
      stopMessage: workload.stopMessage,
      warnings: workload.warnings,
    })),
    nodes: report.nodes.map((node) => ({
      name: node.name,
      template: node.template,
      unschedulable: node.unschedulable,
      placed: node.placed,
      before: node.before.map(resourceUsage),
      after: node.after.map(resourceUsage),
    })),
    cluster: {
      before: report.cluster.before.map(resourceUsage),
      after: report.cluster.after.map(resourceUsage),
    },
  };
}

function scaleOutNode(report: ScaleOutReport): ScaleOut {
  return {
    fitsAsIs: report.fitsAsIs,
    options: report.options.map((option) => ({
      template: option.template,
      nodesToAdd: option.nodesToAdd,
      hourlyPrice: option.hourlyPrice,
      hourlyCost: option.hourlyCost,
      reason: option.reason,
    })),
    recommended: report.recommended,
    plan: planNode(report.plan),
  };
}

function headroomNode(report: HeadroomReport): Headroom {
  return {
    groupBy: report.groupBy,
    referencePod:
      report.referencePod === null ? null : { requests: resourceQuantities(report.referencePod.requests) },
    nodes: report.nodes.map((node) => ({
      name: node.name,
      group: node.group,
      unschedulable: node.unschedulable,
      resources: node.resources.map(resourceUsage),
      referencePods: node.referencePods,
    })),
    groups: report.groups.map(headroomGroup),
    total: headroomGroup(report.total),
  };
}

function headroomGroup(group: CoreHeadroomGroup): HeadroomGroup {
  return {
    group: group.group,
    nodes: group.nodes,
    resources: group.resources.map(resourceUsage),
    referencePods: group.referencePods,
  };
}

/** One ResourceUsage row with the value of each quantity, as ResourceQuantity computes it. */
function resourceUsage(row: CoreResourceUsage): ResourceUsage {
  const value = (quantity: string) => resourceQuantity(row.resource, quantity).value;
  return {
    resource: row.resource,
    allocatable: row.allocatable,
    allocatableValue: value(row.allocatable),
    requested: row.requested,
    requestedValue: value(row.requested),
    free: row.free,
    freeValue: value(row.free),
    percent: row.percent,
  };
}

function perNodeList(perNode: Readonly<Record<string, number>>): NodeReplicas[] {
  return Object.entries(perNode).map(([node, replicas]) => ({ node, replicas }));
}

/** The field of the report's kind set, the others null. */
function reportFields(
  report: CoreReport,
): Pick<CapacityReport, 'maxReplicas' | 'plan' | 'scaleOut' | 'headroom'> {
  const none = { maxReplicas: null, plan: null, scaleOut: null, headroom: null };
  switch (report.kind) {
    case 'MaxReplicas':
      return { ...none, maxReplicas: maxReplicasNode(report) };
    case 'CapacityPlan':
      return { ...none, plan: planNode(report) };
    case 'ScaleOut':
      return { ...none, scaleOut: scaleOutNode(report) };
    case 'Headroom':
      return { ...none, headroom: headroomNode(report) };
  }
}
