// The names of a server whose schema has prefixes (its options schema.typePrefix and
// schema.rootFieldPrefix): the client's built-in documents are rewritten to them, and its
// answers are read under them.
import { Kind, visit, type DocumentNode, type FieldNode, type SelectionNode } from 'graphql';

export interface SchemaNames {
  /** Before every type name of the server's schema (`'Auth'`: `AuthLoginInput`, `AuthLoginSuccess`); default ''. */
  typePrefix?: string;
  /** Before every root field of the server's schema, verbatim (`'auth_'`: `auth_login`); default ''. */
  rootFieldPrefix?: string;
}

/** GraphQL's own scalars keep their names under any prefix. */
const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

const renamedField = (selection: SelectionNode, prefix: string): SelectionNode =>
  selection.kind === Kind.FIELD && !selection.name.value.startsWith('__')
    ? ({ ...selection, name: { ...selection.name, value: `${prefix}${selection.name.value}` } } satisfies FieldNode)
    : selection;

/** The document as a server with these names spells it; the document itself without prefixes. */
export function withSchemaNames<D extends DocumentNode>(document: D, { typePrefix = '', rootFieldPrefix = '' }: SchemaNames): D {
  if (!typePrefix && !rootFieldPrefix) return document;
  return visit(document, {
    NamedType: (node) => (BUILT_IN.has(node.name.value) ? undefined : { ...node, name: { ...node.name, value: `${typePrefix}${node.name.value}` } }),
    OperationDefinition: (node) => ({ ...node, selectionSet: { ...node.selectionSet, selections: node.selectionSet.selections.map((s) => renamedField(s, rootFieldPrefix)) } }),
  }) as D;
}
