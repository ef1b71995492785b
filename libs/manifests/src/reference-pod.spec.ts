// The Headroom report's reference pod from requests alone: read as any Pod is, problems at `requests.<resource>`.
import { referencePodOfRequests } from './reference-pod';

describe('referencePodOfRequests', () => {
  it('makes one container requesting the quantities, limited to them', () => {
    const { pod, problems } = referencePodOfRequests({ cpu: '500m', 'nvidia.com/gpu': '1' }, '--requests');
    expect(problems).toEqual([]);
    const resources = pod!.spec.containers[0]!.resources!;
    expect(
      Object.fromEntries(Object.entries(resources.requests!).map(([k, q]) => [k, q.toString()])),
    ).toEqual({
      cpu: '500m',
      'nvidia.com/gpu': '1',
    });
    expect(Object.keys(resources.limits!)).toEqual(['cpu', 'nvidia.com/gpu']);
  });

  it('reports a bad quantity once, at its place in requests, not again for the limit copied from it', () => {
    const { pod, problems } = referencePodOfRequests({ cpu: '12x', memory: '1Gi' }, '--requests');
    expect(pod).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('requests.cpu');
    expect(problems[0]!.message).toContain('quantities must match the regular expression');
  });
});
