// The schema of a username site (loginField: 'username', with the retype options the stories
// turn on), for codegen's target of the documents written with `graphqlUsername(`…`)`.
import { parseConfig } from '../../src/config';
import { buildSchema } from '../../src/graphql/schema';

export const schema = buildSchema(
  parseConfig({
    mongodb: { uri: 'mongodb://unused' },
    secret: 'unused',
    loginField: 'username',
    setUsernameRetype: true,
    usernameResetConfirmRetype: true,
  }),
);
export default schema;
