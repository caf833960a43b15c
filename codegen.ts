// Prints schema/schema.graphql from the schema built with default options (and
// schema/schema.prefixed.graphql with schema.typePrefix 'Auth' and rootFieldPrefix 'auth_'), generates the typed
// client (TypedDocumentNode per operation in schema/operations/*.graphql), and the stories' own
// typed documents (test/generated, not shipped in the package): every `graphql(`…`)` of test/
// validated against the same default schema, and those of stories on other options against
// theirs (`graphqlUsername(`…`)`, `graphqlUserFields(`…`)`, schemas in test/schemas/).
// Run: npm run codegen (CI fails when the committed files differ).
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The client preset as the package's client uses it. */
const typedDocuments = {
  preset: 'client',
  presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
  config: {
    useTypeImports: true,
    enumsAsTypes: true,
    scalars: { DateTime: 'string', ID: 'string', JSON: 'unknown' },
    avoidOptionals: { field: true, inputValue: false, object: true },
  },
} as const;

/**
 * The documents of the stories: only `graphql(`…`)` calls, not the strings sent as they are (written
 * invalid on purpose, or for another schema), nor the `/* GraphQL *\/` type definitions of the hosts
 * in the embedding and gateway stories. Loader options per pointer reach the code-file loader
 * (graphql-tools' load), though codegen's types only name the global `pluckConfig`.
 */
const storyDocuments = (tag: string) =>
  ({
    'test/**/*.ts': { pluckConfig: { globalGqlIdentifierName: [tag], gqlMagicComment: 'no magic comment', skipIndent: true } },
  }) as unknown as string;

/** The documents tagged `tag` in test/, typed against the schema that `schema` (a module) builds. */
const storiesOn = (schema: string, tag: string) => ({
  ...typedDocuments,
  schema,
  presetConfig: { ...typedDocuments.presetConfig, gqlTagName: tag },
  documents: [storyDocuments(tag), '!test/generated/**'],
});

/** Each target names its schema: a root schema would be merged into every target's. */
const DEFAULT_SCHEMA = './src/default-schema.ts';

const config: CodegenConfig = {
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': {
      schema: DEFAULT_SCHEMA,
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'schema/schema.prefixed.graphql': {
      schema: './src/prefixed-schema.ts',
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'src/client/generated/': { ...typedDocuments, schema: DEFAULT_SCHEMA, documents: ['schema/operations/*.graphql'] },
    'test/generated/': storiesOn(DEFAULT_SCHEMA, 'graphql'),
    // Stories on other options write their documents with their own tag, against that schema.
    'test/generated/username/': storiesOn('./test/schemas/username.ts', 'graphqlUsername'),
    'test/generated/user-fields/': storiesOn('./test/schemas/user-fields.ts', 'graphqlUserFields'),
  },
};

export default config;
