// The steps most stories share, written once. The helpers send the typed documents of
// src/client/generated (from schema/operations/*.graphql), so renaming an operation or a field
// fails tsc here; the documents below (typed by test/generated) are for stories that assert on
// their exact selection.
import { ActivateDocument, LoginDocument, MeDocument, RegisterDocument } from '../../src/client/generated/graphql';
import type { ReceivedEmail } from './smtp';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { queryOf, type Answer, type Document, type TestServer } from './server';
import { mailerOf } from '../../src/auth';
import { graphql } from '../generated';
import { graphqlUsername } from '../generated/username';

export const PASSWORD = 'correct horse battery staple';
export const NEW_PASSWORD = 'a brand new passphrase 2024';

/** The frontend the email stories link to: site "Acme" at https://app.example.test. */
export const SITE = { domain: 'app.example.test', protocol: 'https' as const, siteName: 'Acme' };

export const REGISTER = graphql(`mutation Register($input: RegisterInput!) {
  register(input: $input) {
    __typename
    ... on RegisterSuccess { token user { id email isActive isStaff isSuperuser dateJoined lastLogin } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

export const LOGIN = graphql(`mutation Login($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginSuccess { token user { id email } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field code message } }
  }
}`);

/** LOGIN on a username site (loginField: 'username'): the answer names the username too. */
export const LOGIN_BY_USERNAME = graphqlUsername(`mutation Login($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginSuccess { token user { id username email } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { field code message } }
  }
}`);

export const ACTIVATE = graphql(`mutation Activate($input: ActivateInput!) {
  activate(input: $input) {
    __typename
    ... on ActivateSuccess { token user { id isActive } }
    ... on Error { code message }
  }
}`);

export const ME = graphql(`query Me { me { id email isActive lastLogin } }`);

export const RESET_PASSWORD_CONFIRM = graphql(`mutation ResetPasswordConfirm($input: ResetPasswordConfirmInput!) {
  resetPasswordConfirm(input: $input) {
    __typename
    ... on ResetPasswordConfirmSuccess { ok }
    ... on AuthError { code message }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

export const RESET_EMAIL_CONFIRM = graphql(`mutation ResetEmailConfirm($input: ResetEmailConfirmInput!) {
  resetEmailConfirm(input: $input) {
    __typename
    ... on ResetEmailConfirmSuccess { ok }
    ... on AuthError { code message }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

export const CONFIRM_EMAIL_CHANGE = graphql(`mutation ConfirmEmailChange($input: ConfirmEmailChangeInput!) {
  confirmEmailChange(input: $input) {
    __typename
    ... on ConfirmEmailChangeSuccess { user { id email pendingEmail } }
    ... on AuthError { code message }
  }
}`);

/** Runs a mutation and answers its result (a GraphQL-level error fails the test). */
export async function mutate<Result>(server: Pick<TestServer, 'gql'>, document: TypedDocumentNode<Result, any>, input: Record<string, unknown>, token?: string): Promise<Answer<Result[keyof Result]>>;
export async function mutate(server: Pick<TestServer, 'gql'>, query: string, input: Record<string, unknown>, token?: string): Promise<any>;
export async function mutate(server: Pick<TestServer, 'gql'>, document: Document, input: Record<string, unknown>, token?: string) {
  const response = await server.gql(queryOf(document), { input }, { token });
  expect(response.errors).toBeUndefined();
  return Object.values(response.data as Record<string, any>)[0];
}

/** `me` with this token, and the error code if it was refused. */
export async function meWith(server: Pick<TestServer, 'gql'>, token: string) {
  const response = await server.gql(MeDocument, {}, { token });
  const me: any = response.data?.me ?? null;
  return { me, code: response.errors?.[0]?.extensions?.code ?? null };
}

/** The answer is read loosely by the stories (any member of the union); the document is checked by tsc. */
export async function register(server: Pick<TestServer, 'gql'>, input: Record<string, unknown>): Promise<any> {
  const response = await server.gql(RegisterDocument, { input });
  if (response.errors || !response.data) throw new Error(`register failed: ${JSON.stringify(response.errors)}`);
  return response.data.register;
}


export async function login(server: Pick<TestServer, 'gql'>, input: Record<string, unknown>): Promise<string> {
  const response = await server.gql(LoginDocument, { input });
  const result = response.data?.login;
  if (result?.__typename !== 'LoginSuccess') throw new Error(`login failed: ${JSON.stringify(response)}`);
  return result.token;
}

/** What `login` answers to an email and a password (PASSWORD unless given). */
export function loginAnswer(server: Pick<TestServer, 'gql'>, email: string, password = PASSWORD) {
  return mutate(server, LOGIN, { email, password });
}

/** What `login` answers to a username and a password on a username site. */
export function usernameLoginAnswer(server: Pick<TestServer, 'gql'>, username: string, password = PASSWORD) {
  return mutate(server, LOGIN_BY_USERNAME, { username, password });
}

/** The uid and token in an email's activation/reset link. */
export function linkParts(email: ReceivedEmail): { url: string; uid: string; token: string } {
  const match = /(https?:\/\/\S+?\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[A-Za-z0-9_-]{43}))(?=\s|$)/m.exec(email.text);
  if (!match) throw new Error(`no link in email: ${email.text}`);
  return { url: match[1], uid: match[2], token: match[3] };
}

/** Registers with activation on, follows the link from the email, and logs in. */
export async function registerAndActivate(server: Pick<TestServer, 'gql' | 'smtp'>, email: string, extra: Record<string, unknown> = {}) {
  const registered = await register(server, { email, password: PASSWORD, ...extra });
  const message = await server.smtp.waitForEmail((e) => e.to === email.toLowerCase() && /activation/i.test(e.subject));
  const { uid, token } = linkParts(message);
  const activated = await server.gql(ActivateDocument, { input: { uid, token } });
  if (!activated.data) throw new Error(`activate failed: ${JSON.stringify(activated.errors)}`);
  const answer: any = activated.data.activate;
  return { registered, activated: answer, uid, token };
}

/** Waits for the nth email to an address that the predicate picks. */
export async function nthEmail(server: TestServer, to: string, predicate: (e: ReceivedEmail) => boolean, nth = 1): Promise<ReceivedEmail> {
  await server.smtp.waitForEmail(() => server.smtp.emailsTo(to).filter(predicate).length >= nth);
  return server.smtp.emailsTo(to).filter(predicate)[nth - 1];
}

/** Counts emails after delivering everything queued, so a zero means none was ever sent. */
export async function deliveredTo(server: TestServer, email: string, predicate: (e: ReceivedEmail) => boolean = () => true): Promise<number> {
  await mailerOf(server.auth).flush();
  return server.smtp.emailsTo(email).filter(predicate).length;
}
