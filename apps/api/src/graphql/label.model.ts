// Labels in GraphQL, whose maps have no type: a list of key/value entries, for analyses and nodes alike.
import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A label: of an analysis (pipeline, commit, environment), or of a node.' })
export class Label {
  @Field() key!: string;
  @Field() value!: string;
}

/** A label map as Label entries, in the map's order. */
export function labelList(labels: Readonly<Record<string, string>>): Label[] {
  return Object.entries(labels).map(([key, value]) => ({ key, value }));
}
