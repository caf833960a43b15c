// A host's schema never takes authql's names silently: when the host's final schema is set
// (Yoga's onSchemaChange), a type of authql's that came out of mergeSchemas with fields, values or
// members of the host's, or one of authql's root fields answered by a resolver of the host's, stops
// the server with a message that names the type or field and the option that avoids the clash.
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

const KINDS = (type: GraphQLNamedType) => type.constructor.name.replace(/^GraphQL|Type$/g, '');

/** What a type is made of, by name: fields (with arguments), enum values, union members. */
function partsOf(type: GraphQLNamedType): string[] {
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) return Object.keys(type.getFields());
  if (isEnumType(type)) return type.getValues().map((value) => value.name);
  if (isUnionType(type)) return type.getTypes().map((member) => member.name);
  return [];
}

function rootTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((type): type is GraphQLObjectType => !!type);
}

/** The clashes of a host's schema with authql's, one sentence each; none when authql's schema is in it unchanged. */
export function findNameClashes(ours: GraphQLSchema, host: GraphQLSchema): string[] {
  const clashes: string[] = [];
  const roots = new Set(rootTypes(ours).map((type) => type.name));
  for (const type of Object.values(ours.getTypeMap())) {
    if (roots.has(type.name) || type.name.startsWith('__')) continue;
    const theirs = host.getType(type.name);
    if (!theirs || theirs === type) continue;
    if (KINDS(theirs) !== KINDS(type)) {
      clashes.push(`the host's ${KINDS(theirs).toLowerCase()} type "${type.name}" has the name of authql's ${KINDS(type).toLowerCase()} type`);
      continue;
    }
    const own = new Set(partsOf(type));
    const foreign = partsOf(theirs).filter((part) => !own.has(part));
    if (foreign.length > 0) clashes.push(`authql's type "${type.name}" was merged with the host's "${type.name}" (${foreign.join(', ')})`);
  }
  // A root field of authql's is answered by authql's resolver, whatever the host merged around it
  // (in a stitched schema every root field delegates: the subschema's resolvers answer there).
  if (host.extensions && 'stitchingInfo' in host.extensions) return clashes;
  const resolvers = new Map<string, GraphQLFieldResolver<unknown, unknown> | undefined>();
  for (const root of rootTypes(ours)) for (const field of Object.values(root.getFields())) resolvers.set(`${root.name}.${field.name}`, field.resolve);
  for (const root of rootTypes(host)) {
    for (const field of Object.values(root.getFields())) {
      const key = `${root.name}.${field.name}`;
      if (resolvers.has(key) && resolvers.get(key) !== field.resolve) clashes.push(`authql's root field ${key} is answered by a resolver of the host's`);
    }
  }
  return clashes;
}

export class NameClashError extends Error {
  override name = 'NameClashError';
}

/** For a host's Yoga (auth.plugins()): refuses a final schema in which the host took one of authql's names. */
export function useNameClashCheck(ours: GraphQLSchema): Plugin {
  return {
    onSchemaChange({ schema }) {
      if (schema === ours) return;
      const clashes = findNameClashes(ours, schema);
      if (clashes.length === 0) return;
      throw new NameClashError(
        `authql: the host's schema clashes with authql's names: ${clashes.join('; ')}. ` +
          `Give authql's names a prefix of their own with the options schema.typePrefix (e.g. "Auth": AuthUser) and schema.rootFieldPrefix (e.g. "auth_": auth_me), or rename the host's.`,
      );
    },
  };
}
