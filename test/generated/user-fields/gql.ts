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
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } }\n}": typeof types.UpdateUserDocument,
    "mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { firstName } } } }": typeof types.UpdateMeDocument,
    "mutation HooksUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } } }": typeof types.HooksUpdateUserDocument,
    "query MeFirstName { me { firstName } }": typeof types.MeFirstNameDocument,
    "query MigratedMe { me { email firstName lastName isStaff isSuperuser isActive dateJoined } }": typeof types.MigratedMeDocument,
    "query User($id: ID!) { user(id: $id) { id email firstName isActive isStaff isSuperuser } }": typeof types.UserDocument,
    "mutation PermissionsUpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email firstName isActive isStaff isSuperuser } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}": typeof types.PermissionsUpdateUserDocument,
    "query Me { me { id email firstName isActive isStaff isSuperuser } }": typeof types.MeDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.RegisterDocument,
    "query UserFieldsMe { me { id email firstName age isStaff isSuperuser } }": typeof types.UserFieldsMeDocument,
    "mutation UserFieldsUpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.UserFieldsUpdateMeDocument,
    "query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}": typeof types.InputFieldsDocument,
    "query ObjectFields($name: String!) {\n  __type(name: $name) { fields { name type { kind name ofType { name } } } }\n}": typeof types.ObjectFieldsDocument,
};
const documents: Documents = {
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } }\n}": types.UpdateUserDocument,
    "mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { firstName } } } }": types.UpdateMeDocument,
    "mutation HooksUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } } }": types.HooksUpdateUserDocument,
    "query MeFirstName { me { firstName } }": types.MeFirstNameDocument,
    "query MigratedMe { me { email firstName lastName isStaff isSuperuser isActive dateJoined } }": types.MigratedMeDocument,
    "query User($id: ID!) { user(id: $id) { id email firstName isActive isStaff isSuperuser } }": types.UserDocument,
    "mutation PermissionsUpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email firstName isActive isStaff isSuperuser } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}": types.PermissionsUpdateUserDocument,
    "query Me { me { id email firstName isActive isStaff isSuperuser } }": types.MeDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.RegisterDocument,
    "query UserFieldsMe { me { id email firstName age isStaff isSuperuser } }": types.UserFieldsMeDocument,
    "mutation UserFieldsUpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.UserFieldsUpdateMeDocument,
    "query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}": types.InputFieldsDocument,
    "query ObjectFields($name: String!) {\n  __type(name: $name) { fields { name type { kind name ofType { name } } } }\n}": types.ObjectFieldsDocument,
};

/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphqlUserFields(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphqlUserFields(source: string): unknown;

/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } }\n}"): (typeof documents)["mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } }\n}"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { firstName } } } }"): (typeof documents)["mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { firstName } } } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "mutation HooksUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } } }"): (typeof documents)["mutation HooksUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query MeFirstName { me { firstName } }"): (typeof documents)["query MeFirstName { me { firstName } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query MigratedMe { me { email firstName lastName isStaff isSuperuser isActive dateJoined } }"): (typeof documents)["query MigratedMe { me { email firstName lastName isStaff isSuperuser isActive dateJoined } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query User($id: ID!) { user(id: $id) { id email firstName isActive isStaff isSuperuser } }"): (typeof documents)["query User($id: ID!) { user(id: $id) { id email firstName isActive isStaff isSuperuser } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "mutation PermissionsUpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email firstName isActive isStaff isSuperuser } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation PermissionsUpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email firstName isActive isStaff isSuperuser } }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query Me { me { id email firstName isActive isStaff isSuperuser } }"): (typeof documents)["query Me { me { id email firstName isActive isStaff isSuperuser } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query UserFieldsMe { me { id email firstName age isStaff isSuperuser } }"): (typeof documents)["query UserFieldsMe { me { id email firstName age isStaff isSuperuser } }"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "mutation UserFieldsUpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation UserFieldsUpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email firstName age isStaff } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}"): (typeof documents)["query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}"];
/**
 * The graphqlUserFields function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphqlUserFields(source: "query ObjectFields($name: String!) {\n  __type(name: $name) { fields { name type { kind name ofType { name } } } }\n}"): (typeof documents)["query ObjectFields($name: String!) {\n  __type(name: $name) { fields { name type { kind name ofType { name } } } }\n}"];

export function graphqlUserFields(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;