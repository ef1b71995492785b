// Host ports a pod holds on its node and how they conflict.
// k8s.io/kubernetes pkg/scheduler/framework/types.go (HostPortInfo) and pkg/scheduler/util/utils.go (GetHostPorts).
import { type ContainerPort, type Pod } from '../api/core-v1';

/** `DefaultBindAllHostIP`: a host port on this address binds every address of the node. */
export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';
const DEFAULT_PROTOCOL = 'TCP';
const CONTAINER_RESTART_POLICY_ALWAYS = 'Always';

/** One host port as the scheduler keys it: empty IP means 0.0.0.0, empty protocol means TCP. */
export interface HostPort {
  readonly ip: string;
  /** `<protocol>/<port>`, the ProtocolPort key. */
  readonly key: string;
}

/** `GetHostPorts`: the host ports of the app containers and of the sidecars (they run all along). */
export function getHostPorts(pod: Pod): ContainerPort[] {
  const ports: ContainerPort[] = [];
  for (const container of pod.spec.initContainers ?? []) {
    if (container.restartPolicy !== CONTAINER_RESTART_POLICY_ALWAYS) continue;
    for (const port of container.ports ?? []) if ((port.hostPort ?? 0) > 0) ports.push(port);
  }
  for (const container of pod.spec.containers) {
    for (const port of container.ports ?? []) if ((port.hostPort ?? 0) > 0) ports.push(port);
  }
  return ports;
}

/** Sanitizes a container port to its (ip, protocol/port) key, as `HostPortInfo.sanitize` does. */
export function toHostPort(port: ContainerPort): HostPort {
  const ip = port.hostIP === undefined || port.hostIP === '' ? DEFAULT_BIND_ALL_HOST_IP : port.hostIP;
  const protocol =
    port.protocol === undefined || (port.protocol as string) === '' ? DEFAULT_PROTOCOL : port.protocol;
  return { ip, key: `${protocol}/${port.hostPort ?? 0}` };
}

/** `HostPortInfo`: host IP -> set of `<protocol>/<port>` in use on a node. */
export class HostPortInfo {
  private readonly byIP = new Map<string, Set<string>>();

  /** `Add`: ports <= 0 are not host ports and are ignored. */
  add(port: ContainerPort): void {
    if ((port.hostPort ?? 0) <= 0) return;
    const { ip, key } = toHostPort(port);
    let keys = this.byIP.get(ip);
    if (keys === undefined) {
      keys = new Set();
      this.byIP.set(ip, keys);
    }
    keys.add(key);
  }

  /** A copy that can be added to without changing this one. */
  clone(): HostPortInfo {
    const copy = new HostPortInfo();
    for (const [ip, keys] of this.byIP) copy.byIP.set(ip, new Set(keys));
    return copy;
  }

  get size(): number {
    let count = 0;
    for (const keys of this.byIP.values()) count += keys.size;
    return count;
  }

  // A wanted port on 0.0.0.0 conflicts with that protocol/port on any address; one on a specific address
  // conflicts with the same address or 0.0.0.0. pkg/scheduler/framework/types.go, HostPortInfo.CheckConflict
  /** `CheckConflict` for an already sanitized port. */
  conflicts(port: HostPort): boolean {
    if (port.ip === DEFAULT_BIND_ALL_HOST_IP) {
      for (const keys of this.byIP.values()) if (keys.has(port.key)) return true;
      return false;
    }
    return (
      this.byIP.get(DEFAULT_BIND_ALL_HOST_IP)?.has(port.key) === true ||
      this.byIP.get(port.ip)?.has(port.key) === true
    );
  }
}
