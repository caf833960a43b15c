// The schema of a site with the stories' userFields (firstName, lastName, age), for codegen's target of
// the documents written with `graphqlUserFields(`…`)`.
import { parseConfig } from '../../src/config';
import { buildSchema } from '../../src/graphql/schema';

export const schema = buildSchema(
  parseConfig({
    mongodb: { uri: 'mongodb://unused' },
    secret: 'unused',
    userFields: { firstName: { type: 'string' }, lastName: { type: 'string' }, age: { type: 'int' } },
  }),
);
export default schema;
