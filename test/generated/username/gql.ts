/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query CliRootMe { me { username email isActive isStaff isSuperuser } }": typeof types.CliRootMeDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id username email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": typeof types.LoginDocument,
    "mutation LoginFieldRegister($input: RegisterInput!) {\n  register(input: $input) { __typename ... on RegisterSuccess { user { id username email } } ... on ValidationError { fieldErrors { field code } } }\n}": typeof types.LoginFieldRegisterDocument,
    "mutation SetUsername($input: SetUsernameInput!) {\n  setUsername(input: $input) {\n    __typename\n    ... on SetUsernameSuccess { user { id username email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.SetUsernameDocument,
    "mutation ResetUsername($input: ResetUsernameInput!) {\n  resetUsername(input: $input) { __typename ... on ResetUsernameSuccess { ok } }\n}": typeof types.ResetUsernameDocument,
    "mutation ResetUsernameConfirm($input: ResetUsernameConfirmInput!) {\n  resetUsernameConfirm(input: $input) {\n    __typename\n    ... on ResetUsernameConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.ResetUsernameConfirmDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id username email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.RegisterDocument,
    "query Me { me { id username email isActive } }": typeof types.MeDocument,
    "mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id username email isActive } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}": typeof types.UpdateMeDocument,
    "query Q($search: String) { users(first: 50, search: $search) { edges { node { id username email } } } }": typeof types.QDocument,
};
const documents: Documents = {
    "query CliRootMe { me { username email isActive isStaff isSuperuser } }": types.CliRootMeDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id username email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": types.LoginDocument,
    "mutation LoginFieldRegister($input: RegisterInput!) {\n  register(input: $input) { __typename ... on RegisterSuccess { user { id username email } } ... on ValidationError { fieldErrors { field code } } }\n}": types.LoginFieldRegisterDocument,
    "mutation SetUsername($input: SetUsernameInput!) {\n  setUsername(input: $input) {\n    __typename\n    ... on SetUsernameSuccess { user { id username email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.SetUsernameDocument,
    "mutation ResetUsername($input: ResetUsernameInput!) {\n  resetUsername(input: $input) { __typename ... on ResetUsernameSuccess { ok } }\n}": types.ResetUsernameDocument,
    "mutation ResetUsernameConfirm($input: ResetUsernameConfirmInput!) {\n  resetUsernameConfirm(input: $input) {\n    __typename\n    ... on ResetUsernameConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.ResetUsernameConfirmDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id username email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.RegisterDocument,
    "query Me { me { id username email isActive } }": types.MeDocument,
    "mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id username email isActive } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}": types.UpdateMeDocument,
    "query Q($search: String) { users(first: 50, search: $search) { edges { node { id username email } } } }": types.QDocument,
};

/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphqlUsername(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphqlUsername(source: string): unknown;

/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "query CliRootMe { me { username email isActive isStaff isSuperuser } }"): (typeof documents)["query CliRootMe { me { username email isActive isStaff isSuperuser } }"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id username email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id username email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation LoginFieldRegister($input: RegisterInput!) {\n  register(input: $input) { __typename ... on RegisterSuccess { user { id username email } } ... on ValidationError { fieldErrors { field code } } }\n}"): (typeof documents)["mutation LoginFieldRegister($input: RegisterInput!) {\n  register(input: $input) { __typename ... on RegisterSuccess { user { id username email } } ... on ValidationError { fieldErrors { field code } } }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation SetUsername($input: SetUsernameInput!) {\n  setUsername(input: $input) {\n    __typename\n    ... on SetUsernameSuccess { user { id username email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation SetUsername($input: SetUsernameInput!) {\n  setUsername(input: $input) {\n    __typename\n    ... on SetUsernameSuccess { user { id username email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation ResetUsername($input: ResetUsernameInput!) {\n  resetUsername(input: $input) { __typename ... on ResetUsernameSuccess { ok } }\n}"): (typeof documents)["mutation ResetUsername($input: ResetUsernameInput!) {\n  resetUsername(input: $input) { __typename ... on ResetUsernameSuccess { ok } }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation ResetUsernameConfirm($input: ResetUsernameConfirmInput!) {\n  resetUsernameConfirm(input: $input) {\n    __typename\n    ... on ResetUsernameConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation ResetUsernameConfirm($input: ResetUsernameConfirmInput!) {\n  resetUsernameConfirm(input: $input) {\n    __typename\n    ... on ResetUsernameConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id username email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id username email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "query Me { me { id username email isActive } }"): (typeof documents)["query Me { me { id username email isActive } }"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id username email isActive } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id username email isActive } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUsername function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUsername(source: "query Q($search: String) { users(first: 50, search: $search) { edges { node { id username email } } } }"): (typeof documents)["query Q($search: String) { users(first: 50, search: $search) { edges { node { id username email } } } }"];

export function graphqlUsername(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;