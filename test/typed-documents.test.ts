// The stories' GraphQL documents are checked against the schema: codegen (`npm run codegen`, run
// by CI before tsc) validates every `graphql(`…`)` of test/ and writes test/generated, whose
// overloads type what `server.gql` answers. Here the same documents, found as codegen.ts finds
// them, meet a copy of the schema with `deleteMe` renamed `removeMe`, as a careless refactor would
// leave it: they no longer validate, and the failure names the stories. Files only: no database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CodeFileLoader } from '@graphql-tools/code-file-loader';
import { loadDocuments } from '@graphql-tools/load';
import { buildSchema, validate } from 'graphql';
import config from '../codegen';

const ROOT = path.join(__dirname, '..');
const printedSchema = readFileSync(path.join(ROOT, 'schema/schema.graphql'), 'utf8');

/** The documents of codegen's stories target, with its pluck options (only `graphql(`…`)` calls). */
async function storyDocuments() {
  const { documents } = config.generates['test/generated/'] as { documents: unknown[] };
  return loadDocuments(documents as string[], { cwd: ROOT, loaders: [new CodeFileLoader()] });
}

/** Each document that does not validate against the schema: its file and the first error. */
async function refusedBy(sdl: string) {
  const schema = buildSchema(sdl);
  return (await storyDocuments()).flatMap(({ location, document }) => {
    const errors = validate(schema, document!);
    return errors.length ? [{ file: path.relative(ROOT, location!), error: errors[0].message }] : [];
  });
}

test("every story document is valid against the default schema (what CI's codegen checks)", async () => {
  expect(await storyDocuments()).not.toHaveLength(0);
  expect(await refusedBy(printedSchema)).toEqual([]);
}, 60_000);

test('with deleteMe renamed in the schema, the stories that still send deleteMe are refused by name', async () => {
  const renamed = printedSchema.replace('deleteMe(input: DeleteMeInput!)', 'removeMe(input: DeleteMeInput!)');
  expect(renamed).not.toBe(printedSchema);
  const refused = await refusedBy(renamed);
  expect([...new Set(refused.map((r) => r.file))].sort()).toEqual(
    ['test/account.test.ts', 'test/auth-cache.test.ts', 'test/hooks.test.ts', 'test/jwt.test.ts', 'test/passkeys.test.ts'],
  );
  for (const { error } of refused) expect(error).toMatch(/^Cannot query field "deleteMe" on type "Mutation"\. Did you mean .*"removeMe"/);
}, 60_000);
