// Whether an operation selects a nested field, so a resolver does costly work (recomputing every node's
// verdict) only when the client asked for its result. Fragments and inline fragments are followed.
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** True when the field being resolved selects `path` below it, e.g. ['workloads', 'fit', 'nodes']. */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some(
    (node) => node.selectionSet !== undefined && selectsIn(node.selectionSet, path, info),
  );
}

function selectsIn(set: SelectionSetNode, path: readonly string[], info: GraphQLResolveInfo): boolean {
  const [name, ...rest] = path;
  return set.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        if (selection.name.value !== name) return false;
        return (
          rest.length === 0 ||
          (selection.selectionSet !== undefined && selectsIn(selection.selectionSet, rest, info))
        );
      case Kind.INLINE_FRAGMENT:
        return selectsIn(selection.selectionSet, path, info);
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        return fragment !== undefined && selectsIn(fragment.selectionSet, path, info);
      }
    }
  });
}
