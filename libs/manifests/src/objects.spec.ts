import { parseDocuments } from './documents';
import { type ManifestProblem } from './errors';
import { eachObject, type ManifestObject } from './objects';

function objects(content: string) {
  const seen: Array<Pick<ManifestObject, 'path' | 'line' | 'kind' | 'apiVersion'>> = [];
  const problems: ManifestProblem[] = [];
  for (const document of parseDocuments({ name: 'o.yaml', content })) {
    eachObject(
      document,
      ({ path, line, kind, apiVersion }) => seen.push({ path, line, kind, apiVersion }),
      (p) => problems.push(p),
    );
  }
  return { seen, problems };
}

describe('eachObject (kubectl FlattenListVisitor)', () => {
  it('visits a plain object', () => {
    expect(objects('apiVersion: v1\nkind: Pod').seen).toEqual([
      { path: '', line: 1, kind: 'Pod', apiVersion: 'v1' },
    ]);
  });

  it('flattens a List and a typed list, whose items may leave out kind and apiVersion', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Pod}\n- apiVersion: apps/v1\n  kind: DeploymentList\n  items:\n  - {metadata: {}}\n';
    expect(objects(text).seen).toEqual([
      { path: 'items[0]', line: 4, kind: 'Pod', apiVersion: 'v1' },
      { path: 'items[1].items[0]', line: 5, kind: 'Deployment', apiVersion: 'apps/v1' },
    ]);
  });

  it('reports a missing kind or apiVersion, and an item that is not an object', () => {
    const { problems } = objects('apiVersion: v1\nkind: List\nitems: [3, {kind: Pod}, {apiVersion: v1}]');
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['items[0]', 'cannot unmarshal number into Go value of type map[string]interface {}'],
      ['items[1]', `Object 'apiVersion' is missing in '{"kind":"Pod"}'`],
      ['items[2]', `Object 'Kind' is missing in '{"apiVersion":"v1"}'`],
    ]);
  });
});
