// The schema with default options, for codegen (schema/schema.graphql) and tooling.
import { parseConfig } from './config';
import { buildSchema } from './graphql/schema';

export const schema = buildSchema(parseConfig({ mongodb: { uri: 'mongodb://unused' }, secret: 'unused' }));
export default schema;
