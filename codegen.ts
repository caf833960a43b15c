// Prints schema/schema.graphql from the schema built with default options.
// Run: npm run codegen (CI fails when the committed file differs).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: './src/default-schema.ts',
  emitLegacyCommonJSImports: false,
  generates: {
    'schema/schema.graphql': {
      plugins: ['schema-ast'],
      config: { includeDirectives: false, sort: true },
    },
  },
};

export default config;
