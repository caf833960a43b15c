// Prints schema/schema.graphql from the schema built with default options (and
// schema/schema.prefixed.graphql with schema.typePrefix 'Auth' and rootFieldPrefix 'auth_'), and
// generates the typed client (TypedDocumentNode per operation in schema/operations/*.graphql).
// Run: npm run codegen (CI fails when the committed files differ).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': {
      schema: './src/default-schema.ts',
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'schema/schema.prefixed.graphql': {
      schema: './src/prefixed-schema.ts',
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
    'src/client/generated/': {
      schema: './src/default-schema.ts',
      documents: ['schema/operations/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', ID: 'string', JSON: 'unknown' },
        avoidOptionals: { field: true, inputValue: false, object: true },
      },
    },
  },
};

export default config;
