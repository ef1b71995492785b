// kube-scheduler's framework contract, reduced to what podfit models.
// k8s.io/kube-scheduler framework/interface.go: Status codes, Filter and Score extension points.
export type StatusCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
}

export const SUCCESS: Status = Object.freeze({ code: 'Success', reasons: Object.freeze([]) as readonly string[] });

export function unschedulable(...reasons: string[]): Status {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}

/** A status that never changes, shared by every node that fails the same way (no allocation per node). */
export function constantStatus(code: Exclude<StatusCode, 'Success'>, reason: string): Status {
  return Object.freeze({ code, reasons: Object.freeze([reason]) as readonly string[] });
}

/** `Status.IsSuccess`. */
export function isSuccess(status: Status): boolean {
  return status.code === 'Success';
}

/** framework.MaxNodeScore: every normalized score lies in 0..100. */
export const MAX_NODE_SCORE = 100;
/** framework.MinNodeScore. */
export const MIN_NODE_SCORE = 0;
