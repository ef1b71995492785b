import fc from 'fast-check';
import { childPath, indexPath, inInputOrder, joinPath, listItemIndex } from './json-path';

describe('childPath', () => {
  it.each([
    { parent: '', key: 'spec', want: 'spec' },
    { parent: 'spec.template.spec', key: 'containers', want: 'spec.template.spec.containers' },
    { parent: 'resources.requests', key: 'cpu', want: 'resources.requests.cpu' },
    { parent: 'resources.requests', key: 'ephemeral-storage', want: 'resources.requests.ephemeral-storage' },
    { parent: 'resources.requests', key: 'hugepages-2Mi', want: 'resources.requests.hugepages-2Mi' },
    { parent: 'resources.requests', key: 'nvidia.com/gpu', want: 'resources.requests[nvidia.com/gpu]' },
    {
      parent: 'metadata.labels',
      key: 'app.kubernetes.io/name',
      want: 'metadata.labels[app.kubernetes.io/name]',
    },
    { parent: 'data', key: '', want: 'data[]' },
    { parent: 'data', key: '1st', want: 'data[1st]' },
    { parent: '', key: 'a b', want: '[a b]' },
  ])('$parent + $key', ({ parent, key, want }) => {
    expect(childPath(parent, key)).toBe(want);
  });
});

describe('indexPath and joinPath', () => {
  it('writes list items as [i]', () => {
    expect(indexPath('spec.containers', 3)).toBe('spec.containers[3]');
    expect(indexPath('', 0)).toBe('[0]');
  });
  it('joins a prefix and a relative path', () => {
    expect(joinPath('items[2]', 'spec.template.spec')).toBe('items[2].spec.template.spec');
    expect(joinPath('', 'spec')).toBe('spec');
    expect(joinPath('items[2]', '')).toBe('items[2]');
    expect(joinPath('data', '[a b]')).toBe('data[a b]');
  });
  it('never loses a key: a path built from keys ends with that key', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (keys) => {
        const path = keys.reduce((p, k) => childPath(p, k), '');
        const last = keys[keys.length - 1]!;
        expect(path.endsWith(last) || path.endsWith(`[${last}]`)).toBe(true);
      }),
    );
  });
});

describe('inInputOrder', () => {
  const problem = (file: string, document: number, path: string, message: string) => ({
    file,
    document,
    path,
    message,
  });

  it('orders by file as given, then document, then List item, keeping the order within each', () => {
    const problems = [
      problem('b.yaml', 0, 'spec', 'b0'),
      problem('a.yaml', 1, 'items[2].spec', 'a1-item2'),
      problem('a.yaml', 1, 'items[10].kind', 'a1-item10'),
      problem('a.yaml', 1, '', 'a1-document'),
      problem('a.yaml', 0, 'spec.replicas', 'a0-first'),
      problem('a.yaml', 0, 'metadata.name', 'a0-second'),
      problem('unknown.yaml', 0, '', 'unknown'),
    ];
    expect(inInputOrder(problems, ['a.yaml', 'b.yaml']).map((p) => p.message)).toEqual([
      'a0-first',
      'a0-second',
      'a1-document',
      'a1-item2',
      'a1-item10',
      'b0',
      'unknown',
    ]);
  });

  it('reads the List item of a path', () => {
    expect([listItemIndex('items[12].spec'), listItemIndex('spec.items[1]'), listItemIndex('')]).toEqual([
      12, -1, -1,
    ]);
  });
});
