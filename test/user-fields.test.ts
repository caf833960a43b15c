// A site that declares its own user fields (djoser's REQUIRED_FIELDS and extra model
// fields): they appear in the API, are checked, stored and editable, and nothing else is.
import { PASSWORD, login, loginAnswer, mutate } from './helpers/journeys';
import { queryOf, type Document, type GraphQLResponse, withTestServer } from './helpers/server';
import { graphqlUserFields } from './generated/user-fields';

const REGISTER_WITH_FIELDS = graphqlUserFields(`mutation Register($input: RegisterInput!) {
  register(input: $input) {
    __typename
    ... on RegisterSuccess { user { id email firstName age isStaff } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const ME_WITH_FIELDS = graphqlUserFields(`query UserFieldsMe { me { id email firstName age isStaff isSuperuser } }`);

const UPDATE_ME = graphqlUserFields(`mutation UserFieldsUpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    __typename
    ... on UpdateMeSuccess { user { id email firstName age isStaff } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const INPUT_FIELDS = graphqlUserFields(`query InputFields($name: String!) {
  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }
}`);

const OBJECT_FIELDS = graphqlUserFields(`query ObjectFields($name: String!) {
  __type(name: $name) { fields { name type { kind name ofType { name } } } }
}`);

const server = withTestServer({ userFields: { firstName: { type: 'string', required: true, maxLength: 30 }, age: { type: 'int' } } });

const registerWithFields = (input: Record<string, unknown>) => mutate(server, REGISTER_WITH_FIELDS, input);

/**
 * An input field the schema does not know, sent in the variables: Yoga refuses the request
 * before anything runs (HTTP 400, graphql-js's coercion message naming the field; Yoga
 * gives such variable errors no extensions.code, and a code, if one is added, must be one
 * of these two).
 */
function expectRefusedVariable(response: GraphQLResponse, field: string, inputType: string) {
  expect(response.status).toBe(400);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].message).toContain(`Field "${field}" is not defined by type "${inputType}".`);
  expect([undefined, 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']).toContain(response.errors![0].extensions?.code);
}

type IntrospectedField = { name: string; type: { kind: string; name: string | null; ofType: { name: string | null } | null } };

/** Read by name: the two introspections answer inputFields or fields. */
async function fieldsOf(document: Document, typeName: string): Promise<Record<string, IntrospectedField['type']>> {
  const response = await server.gql(queryOf(document), { name: typeName });
  expect(response.errors).toBeUndefined();
  const fields: IntrospectedField[] = response.data.__type.inputFields ?? response.data.__type.fields;
  return Object.fromEntries(fields.map((f) => [f.name, f.type]));
}

test('a client developer finds firstName and age on User, RegisterInput and UpdateMeInput', async () => {
  const user = await fieldsOf(OBJECT_FIELDS, 'User');
  expect(user.firstName).toEqual({ kind: 'NON_NULL', name: null, ofType: { name: 'String' } });
  expect(user.age).toEqual({ kind: 'SCALAR', name: 'Int', ofType: null });

  const registerInput = await fieldsOf(INPUT_FIELDS, 'RegisterInput');
  expect(registerInput.firstName).toMatchObject({ name: 'String' });
  expect(registerInput.age).toMatchObject({ kind: 'SCALAR', name: 'Int' });
  expect(Object.keys(registerInput).sort()).toEqual(['age', 'email', 'firstName', 'password']);

  const updateMeInput = await fieldsOf(INPUT_FIELDS, 'UpdateMeInput');
  expect(updateMeInput.firstName).toMatchObject({ kind: 'SCALAR', name: 'String' });
  expect(updateMeInput.age).toMatchObject({ kind: 'SCALAR', name: 'Int' });
  expect(Object.keys(updateMeInput).sort()).toEqual(['age', 'firstName']);
});

test('a visitor who leaves out the required first name is told that firstName is required', async () => {
  for (const firstName of [undefined, '', '   ']) {
    const result = await registerWithFields({ email: 'no-name@example.com', password: PASSWORD, ...(firstName === undefined ? {} : { firstName }) });
    expect(result.__typename).toBe('ValidationError');
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.fieldErrors).toEqual([{ field: 'firstName', code: 'REQUIRED', message: 'This field is required.' }]);
  }
  expect((await loginAnswer(server, 'no-name@example.com')).code).toBe('INVALID_CREDENTIALS');
});

test('a first name longer than 30 characters is refused as too long, together with the other problems', async () => {
  const result = await registerWithFields({ email: 'long-name@example', password: '4917', firstName: 'A'.repeat(31), age: 36 });
  expect(result.__typename).toBe('ValidationError');
  const byField = Object.fromEntries(result.fieldErrors.map((e: { field: string; code: string }) => [`${e.field}/${e.code}`, e]));
  expect(byField['firstName/TOO_LONG']).toEqual({ field: 'firstName', code: 'TOO_LONG', message: 'Ensure this field has no more than 30 characters.' });
  expect(byField['email/INVALID_EMAIL']).toEqual({ field: 'email', code: 'INVALID_EMAIL', message: 'Enter a valid email address.' });
  expect(byField['password/PASSWORD_TOO_SHORT']).toEqual({ field: 'password', code: 'PASSWORD_TOO_SHORT', message: 'This password is too short. It must contain at least 8 characters.' });

  const thirty = await registerWithFields({ email: 'thirty@example.com', password: PASSWORD, firstName: 'B'.repeat(30) });
  expect(thirty.__typename).toBe('RegisterSuccess');
  expect(thirty.user.firstName).toBe('B'.repeat(30));
});

describe('a visitor who sends a field the site did not declare is refused by the schema and no account is made', () => {
  test.each([
    ['isStaff', { isStaff: true }],
    ['isSuperuser', { isSuperuser: true }],
    ['nickname', { nickname: 'Countess' }],
  ])('%s in variables', async (name, extra) => {
    const email = `mass-${name.toLowerCase()}@example.com`;
    const response = await server.gql(REGISTER_WITH_FIELDS, { input: { email, password: PASSWORD, firstName: 'Ada', ...extra } });
    expectRefusedVariable(response, name, 'RegisterInput');
    expect(response.data?.register ?? null).toBeNull();

    expect((await loginAnswer(server, email)).code).toBe('INVALID_CREDENTIALS');
    const later = await registerWithFields({ email, password: PASSWORD, firstName: 'Ada' });
    expect(later.__typename).toBe('RegisterSuccess');
    expect(later.user.isStaff).toBe(false);
  });

  test('isStaff written into the query itself', async () => {
    const email = 'mass-inline@example.com';
    const response = await server.gql(`mutation {
      register(input: { email: "${email}", password: "${PASSWORD}", firstName: "Ada", isStaff: true }) { __typename }
    }`);
    expect(response.data?.register ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0].message).toContain('isStaff');

    expect((await loginAnswer(server, email)).code).toBe('INVALID_CREDENTIALS');
    expect((await registerWithFields({ email, password: PASSWORD, firstName: 'Ada' })).__typename).toBe('RegisterSuccess');
  });
});

test('a new member\'s first name and age are stored, and they see them on their own account', async () => {
  const registered = await registerWithFields({ email: 'ada@example.com', password: PASSWORD, firstName: '  Ada  ', age: 36 });
  expect(registered.__typename).toBe('RegisterSuccess');
  expect(registered.user).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', age: 36, isStaff: false });

  const token = await login(server, { email: 'ada@example.com', password: PASSWORD });
  const me = await server.gql(ME_WITH_FIELDS, {}, { token });
  expect(me.errors).toBeUndefined();
  expect(me.data.me).toEqual({ id: registered.user.id, email: 'ada@example.com', firstName: 'Ada', age: 36, isStaff: false, isSuperuser: false });
});

test('an optional field left out at sign-up reads as null', async () => {
  const registered = await registerWithFields({ email: 'no-age@example.com', password: PASSWORD, firstName: 'Grace' });
  expect(registered.__typename).toBe('RegisterSuccess');
  expect(registered.user).toMatchObject({ firstName: 'Grace', age: null });
});

test('a member changes their age and first name, and only what they sent changes', async () => {
  const registered = await registerWithFields({ email: 'hedy@example.com', password: PASSWORD, firstName: 'Hedy', age: 30 });
  const token = await login(server, { email: 'hedy@example.com', password: PASSWORD });

  const older = await server.gql(UPDATE_ME, { input: { age: 31 } }, { token });
  expect(older.errors).toBeUndefined();
  expect(older.data.updateMe).toEqual({
    __typename: 'UpdateMeSuccess',
    user: { id: registered.user.id, email: 'hedy@example.com', firstName: 'Hedy', age: 31, isStaff: false },
  });

  const renamed = await server.gql(UPDATE_ME, { input: { firstName: 'Hedwig' } }, { token });
  expect(renamed.data.updateMe.user).toMatchObject({ firstName: 'Hedwig', age: 31 });

  const me = await server.gql(ME_WITH_FIELDS, {}, { token });
  expect(me.data.me).toMatchObject({ firstName: 'Hedwig', age: 31 });

  const cleared = await server.gql(UPDATE_ME, { input: { age: null } }, { token });
  expect(cleared.data.updateMe.user).toMatchObject({ firstName: 'Hedwig', age: null });
});

test('a member who empties their required first name is told it is required, and nothing of that update is saved', async () => {
  await registerWithFields({ email: 'barbara@example.com', password: PASSWORD, firstName: 'Barbara', age: 40 });
  const token = await login(server, { email: 'barbara@example.com', password: PASSWORD });

  const emptied = await server.gql(UPDATE_ME, { input: { firstName: '', age: 41 } }, { token });
  expect(emptied.errors).toBeUndefined();
  expect(emptied.data.updateMe).toEqual({
    __typename: 'ValidationError',
    code: 'VALIDATION_FAILED',
    message: 'Some fields are invalid.',
    fieldErrors: [{ field: 'firstName', code: 'REQUIRED', message: 'This field is required.' }],
  });

  const nulled = await server.gql(UPDATE_ME, { input: { firstName: null } }, { token });
  expect(nulled.data.updateMe.fieldErrors).toEqual([{ field: 'firstName', code: 'REQUIRED', message: 'This field is required.' }]);

  const me = await server.gql(ME_WITH_FIELDS, {}, { token });
  expect(me.data.me).toMatchObject({ firstName: 'Barbara', age: 40 });
});

test('a member cannot make themselves staff through updateMe: the schema refuses the field and they stay a plain member', async () => {
  await registerWithFields({ email: 'mallory@example.com', password: PASSWORD, firstName: 'Mallory' });
  const token = await login(server, { email: 'mallory@example.com', password: PASSWORD });

  const viaVariables = await server.gql(UPDATE_ME, { input: { isStaff: true, age: 99 } }, { token });
  expectRefusedVariable(viaVariables, 'isStaff', 'UpdateMeInput');
  expect(viaVariables.data?.updateMe ?? null).toBeNull();

  // A string on purpose: the schema refuses it, and that refusal is what the story checks.
  const inline = await server.gql('mutation { updateMe(input: { isStaff: true, isSuperuser: true }) { __typename } }', {}, { token });
  expect(inline.data?.updateMe ?? null).toBeNull();
  expect(inline.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

  const me = await server.gql(ME_WITH_FIELDS, {}, { token });
  expect(me.data.me).toMatchObject({ firstName: 'Mallory', age: null, isStaff: false, isSuperuser: false });
});
