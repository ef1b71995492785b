// What changed for one workload between two analyses: requests and limits per resource, QoS, replicas and
// feasible nodes, with one line a person reads in a pull request:
// `memory request +512Mi, feasible nodes 14 -> 11, QoS Guaranteed -> Burstable`.
import { Quantity } from '../quantity/quantity';
import { type BriefWorkloadResult, type QuantityMap, type WorkloadResult } from './analysis-result';

export interface QuantityChange {
  /** null when the resource was not set before (or is not now). */
  from: string | null;
  to: string | null;
  /** `to - from` with its sign, e.g. `+512Mi`, `-250m`. */
  delta: string;
}

export interface ValueChange<T> {
  from: T;
  to: T;
}

export interface WorkloadChangeDetails {
  /** Only the resources whose value changed. */
  requests: Record<string, QuantityChange>;
  limits: Record<string, QuantityChange>;
  qosClass?: ValueChange<string | null>;
  replicas?: ValueChange<number | null>;
  feasibleNodes?: ValueChange<number | null>;
  /** The changes as one line, `no change` when there are none. */
  summary: string;
}

/** What a change is measured on: the columns the server keeps per stored workload. */
export interface WorkloadFootprint {
  readonly replicas: number | null;
  readonly requests: QuantityMap;
  readonly limits: QuantityMap;
  readonly qosClass: string | null;
  /** null when no nodes were given. */
  readonly feasibleNodes: number | null;
}

/** The footprint of an analysed workload (an invalid one has no requests, limits or QoS). */
export function workloadFootprint(result: WorkloadResult | BriefWorkloadResult): WorkloadFootprint {
  return {
    replicas: result.replicas,
    requests: result.pod?.requests ?? {},
    limits: result.pod?.limits ?? {},
    qosClass: result.pod?.qosClass ?? null,
    feasibleNodes: result.fit?.feasibleNodes ?? null,
  };
}

const RESOURCE_ORDER = ['cpu', 'memory', 'ephemeral-storage'];

/** Compares the same workload in an earlier and a later analysis. */
export function describeWorkloadChange(
  previous: WorkloadFootprint,
  current: WorkloadFootprint,
): WorkloadChangeDetails {
  const requests = quantityChanges(previous.requests, current.requests);
  const limits = quantityChanges(previous.limits, current.limits);
  const details: WorkloadChangeDetails = { requests, limits, summary: '' };
  const parts: string[] = [];
  for (const [resource, change] of Object.entries(requests))
    parts.push(`${resource} request ${change.delta}`);
  for (const [resource, change] of Object.entries(limits)) parts.push(`${resource} limit ${change.delta}`);
  if (previous.replicas !== current.replicas) {
    details.replicas = { from: previous.replicas, to: current.replicas };
    parts.push(`replicas ${show(previous.replicas)} -> ${show(current.replicas)}`);
  }
  if (previous.feasibleNodes !== current.feasibleNodes) {
    details.feasibleNodes = { from: previous.feasibleNodes, to: current.feasibleNodes };
    parts.push(`feasible nodes ${show(previous.feasibleNodes)} -> ${show(current.feasibleNodes)}`);
  }
  if (previous.qosClass !== current.qosClass) {
    details.qosClass = { from: previous.qosClass, to: current.qosClass };
    parts.push(`QoS ${show(previous.qosClass)} -> ${show(current.qosClass)}`);
  }
  details.summary = parts.length === 0 ? 'no change' : parts.join(', ');
  return details;
}

function quantityChanges(before: QuantityMap, after: QuantityMap): Record<string, QuantityChange> {
  const changes: Record<string, QuantityChange> = {};
  for (const resource of resourceNames(before, after)) {
    const from = before[resource] ?? null;
    const to = after[resource] ?? null;
    const difference = Quantity.parse(to ?? '0').sub(Quantity.parse(from ?? '0'));
    if (difference.isZero() && (from === null) === (to === null)) continue;
    changes[resource] = { from, to, delta: `${difference.sign() < 0 ? '' : '+'}${difference.toString()}` };
  }
  return changes;
}

function resourceNames(...maps: QuantityMap[]): string[] {
  const names = [...new Set(maps.flatMap((map) => Object.keys(map)))];
  const rank = (name: string) =>
    RESOURCE_ORDER.includes(name) ? RESOURCE_ORDER.indexOf(name) : RESOURCE_ORDER.length;
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function show(value: string | number | null): string {
  return value === null ? 'none' : String(value);
}
