// The names authql's schema shows a host (schema.typePrefix, schema.rootFieldPrefix): applied to
// the built schema, so the resolvers keep their own names inside (`__typename` tags, isTypeOf) and
// only the public names change. Abstract types answer their members' public names, and the AST
// nodes (which federation prints its `_service.sdl` from) say the public names too.
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  GraphQLInterfaceType,
  GraphQLUnionType,
  isInterfaceType,
  isIntrospectionType,
  isSpecifiedScalarType,
  isUnionType,
  visit,
  type ASTNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';

export interface SchemaNames {
  typePrefix: string;
  rootFieldPrefix: string;
}

/** Federation's own names (`_Service`, `_Entity`, `_entities`, `link__Import`, `federation__FieldSet`): a gateway asks for them as they are. */
function isFederationName(name: string): boolean {
  return name.startsWith('_') || name.includes('__');
}

/** authql's schema with its public names; the schema itself when both prefixes are empty. */
export function withSchemaNames(schema: GraphQLSchema, { typePrefix, rootFieldPrefix }: SchemaNames): GraphQLSchema {
  if (!typePrefix && !rootFieldPrefix) return schema;
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) => (type ? [type.name] : [])));
  // Every type authql defines: not GraphQL's own, not the root types, not federation's.
  const ours = new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => !roots.has(type.name) && !isSpecifiedScalarType(type) && !isIntrospectionType(type) && !isFederationName(type.name))
      .map((type) => type.name),
  );
  const publicName = (name: string) => (ours.has(name) ? `${typePrefix}${name}` : name);
  const publicAst = <N extends ASTNode>(node: N | null | undefined, ownName?: string): N | undefined => {
    if (!node) return undefined;
    const renamed = visit(node, { NamedType: (named) => ({ ...named, name: { ...named.name, value: publicName(named.name.value) } }) });
    return ownName && 'name' in renamed && renamed.name ? { ...renamed, name: { ...renamed.name, value: ownName } } : renamed;
  };
  const answersPublicNames = <T, C>(resolveType: GraphQLTypeResolver<T, C> | null | undefined): GraphQLTypeResolver<T, C> | undefined => {
    if (!resolveType) return undefined;
    return (...args) => {
      const answer = resolveType(...args);
      return answer instanceof Promise ? answer.then((name) => name && publicName(name)) : answer && publicName(answer);
    };
  };

  return mapSchema(schema, {
    [MapperKind.TYPE]: (type: GraphQLNamedType) => {
      if (!typePrefix || !ours.has(type.name)) return type;
      const name = publicName(type.name);
      const config = { ...type.toConfig(), name, astNode: publicAst(type.astNode, name) };
      if (isUnionType(type)) return new GraphQLUnionType({ ...(config as ReturnType<GraphQLUnionType['toConfig']>), resolveType: answersPublicNames(type.resolveType) });
      if (isInterfaceType(type)) return new GraphQLInterfaceType({ ...(config as ReturnType<GraphQLInterfaceType['toConfig']>), resolveType: answersPublicNames(type.resolveType) });
      // Every other named type is rebuilt by its own class from its own config.
      return new (type.constructor as new (c: typeof config) => GraphQLNamedType)(config);
    },
    [MapperKind.FIELD]: (field, fieldName, typeName) => {
      if (!roots.has(typeName) || isFederationName(fieldName) || !rootFieldPrefix) return { ...field, astNode: publicAst(field.astNode) } as typeof field;
      const name = `${rootFieldPrefix}${fieldName}`;
      return [name, { ...field, astNode: publicAst(field.astNode, name) }] as [string, typeof field];
    },
    [MapperKind.ARGUMENT]: (argument) => ({ ...argument, astNode: publicAst(argument.astNode) }),
  });
}
