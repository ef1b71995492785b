import { resourceOrder } from './resource-order';
import { usage } from './testing/sample-reports';

const rows = (...resources: string[]) => resources.map((resource) => usage(resource, '1', '0', '1', 0));

describe('resourceOrder', () => {
  it('keeps the first list as it is', () => {
    expect(resourceOrder([rows('cpu', 'memory', 'pods')])).toEqual(['cpu', 'memory', 'pods']);
  });

  it('puts a resource first seen later right after its predecessor there', () => {
    expect(
      resourceOrder([rows('cpu', 'memory', 'pods'), rows('cpu', 'memory', 'nvidia.com/gpu', 'pods')]),
    ).toEqual(['cpu', 'memory', 'nvidia.com/gpu', 'pods']);
  });

  it('puts a resource without a predecessor before its first known successor', () => {
    expect(resourceOrder([rows('cpu', 'pods'), rows('memory', 'pods')])).toEqual(['cpu', 'memory', 'pods']);
    expect(resourceOrder([rows('pods'), rows('cpu', 'memory')])).toEqual(['pods', 'cpu', 'memory']);
  });

  it('is empty without rows', () => {
    expect(resourceOrder([])).toEqual([]);
  });
});
