import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selects } from './selection';

const schema = buildSchema(`
  type Query { analysis: Analysis }
  type Analysis { id: ID workloads: [Workload] }
  type Workload { name: String fit: Fit }
  type Fit { feasibleNodes: Int nodes: [String] }
`);

/** What `selects(info, path)` answers inside the resolver of Query.analysis for `query`. */
function selectsIn(query: string, path: readonly string[]): boolean {
  let answer: boolean | undefined;
  const result = execute({
    schema,
    document: parse(query),
    rootValue: {
      analysis: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer = selects(info, path);
        return null;
      },
    },
  });
  expect(result).toEqual({ data: { analysis: null } });
  return answer!;
}

describe('selects', () => {
  const path = ['workloads', 'fit', 'nodes'];

  it('finds a nested field selected directly', () => {
    expect(selectsIn('{ analysis { workloads { fit { nodes } } } }', path)).toBe(true);
  });

  it('does not find it when only its siblings are selected', () => {
    expect(selectsIn('{ analysis { id workloads { name fit { feasibleNodes } } } }', path)).toBe(false);
    expect(selectsIn('{ analysis { id } }', path)).toBe(false);
  });

  it('follows named fragments and inline fragments, at any level', () => {
    const named = `{ analysis { ...A } }
      fragment A on Analysis { workloads { ...W } }
      fragment W on Workload { fit { nodes } }`;
    expect(selectsIn(named, path)).toBe(true);
    expect(selectsIn('{ analysis { workloads { ... on Workload { fit { nodes } } } } }', path)).toBe(true);
    expect(selectsIn('{ analysis { ... { workloads { fit { feasibleNodes } } } } }', path)).toBe(false);
  });

  it('finds it under an alias, by the field name', () => {
    expect(selectsIn('{ analysis { w: workloads { f: fit { verdicts: nodes } } } }', path)).toBe(true);
  });
});
