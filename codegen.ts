// Prints schema/schema.graphql from the schema built with default options, generates the typed
// client (TypedDocumentNode per operation in schema/operations/*.graphql), and the stories' own
// typed documents: every `graphql(`…`)` in test/ (imported from test/generated), validated
// against the same default schema, into test/generated/ (not shipped in the package).
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

const config: CodegenConfig = {
  schema: './src/default-schema.ts',
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'src/client/generated/': { ...typedDocuments, documents: ['schema/operations/*.graphql'] },
    'test/generated/': { ...typedDocuments, documents: [storyDocuments('graphql'), '!test/generated/**'] },
  },
};

export default config;
