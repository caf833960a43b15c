// The schema with both name prefixes set, for codegen: schema/schema.prefixed.graphql shows (and CI
// checks) what a host merging authql under prefixes sees.
import { parseConfig } from './config';
import { buildSchema } from './graphql/schema';

export const schema = buildSchema(
  parseConfig({ mongodb: { uri: 'mongodb://unused' }, secret: 'unused', schema: { typePrefix: 'Auth', rootFieldPrefix: 'auth_' } }),
);
export default schema;
