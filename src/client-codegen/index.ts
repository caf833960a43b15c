// `authql client --config <file> --out <dir>`: the typed documents and types of the client for
// one server's configuration, printed from the schema that configuration builds (no database):
// the login field in the inputs, the declared userFields on User, no `token` in cookie mode's
// login answer, and the names as the schema spells them. Writes <dir>/authql.ts, which wraps
// createAuthClient from authql/client with these documents and types.
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLUnionType,
  getNamedType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { parseConfig, type AuthConfig } from '../config';
import { buildSchema } from '../graphql/schema';

export const CLIENT_HELP = `Usage: authql client --config <file> --out <dir>

Writes <dir>/authql.ts: the documents and types of the client for the server that the
given options configure (the login field, userFields, cookie mode's absent token, the
schema's names), and createAuthClient typed for them. Needs no database.`;

/** The operations the generated client carries: the ones createAuthClient runs, and register. */
const OPERATIONS = [
  { name: 'Login', kind: 'mutation', field: 'login' },
  { name: 'JwtCreate', kind: 'mutation', field: 'jwtCreate' },
  { name: 'JwtRefresh', kind: 'mutation', field: 'jwtRefresh' },
  { name: 'Logout', kind: 'mutation', field: 'logout' },
  { name: 'Register', kind: 'mutation', field: 'register' },
  { name: 'Me', kind: 'query', field: 'me' },
] as const;

const SCALARS: Record<string, string> = { ID: 'string', String: 'string', DateTime: 'string', Int: 'number', Float: 'number', Boolean: 'boolean', JSON: 'unknown' };

/** The schema's names: schema.typePrefix before every type, schema.rootFieldPrefix before every root field ('' by default). */
type Names = AuthConfig['schema'];

/** The TypeScript of a scalar: GraphQL's own by name, authql's (DateTime, JSON) under the type prefix too. */
function scalarType(type: GraphQLScalarType, names: Names): string {
  return SCALARS[type.name] ?? SCALARS[type.name.slice(names.typePrefix.length)] ?? 'unknown';
}

/** The TypeScript of an output type (nullable unless non-null). */
function outputType(type: GraphQLOutputType, named: (name: string) => string): string {
  if (type instanceof GraphQLNonNull) return outputType(type.ofType, named).replace(/ \| null$/, '');
  if (type instanceof GraphQLList) return `Array<${outputType(type.ofType, named)}> | null`;
  return `${named(type.name)} | null`;
}

function leafType(type: GraphQLScalarType | GraphQLEnumType, names: Names): string {
  if (type instanceof GraphQLEnumType) return type.getValues().map((v) => JSON.stringify(v.name)).join(' | ');
  return scalarType(type, names);
}

const isLeaf = (type: GraphQLOutputType) => {
  const named = getNamedType(type);
  return named instanceof GraphQLScalarType || named instanceof GraphQLEnumType;
};

class Printer {
  private readonly declarations = new Map<string, string>();
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly config: AuthConfig,
    private readonly names: Names,
  ) {}

  type(name: string): GraphQLObjectType | GraphQLUnionType | GraphQLInputObjectType {
    const type = this.schema.getType(`${this.names.typePrefix}${name}`);
    if (!type) throw new Error(`the schema has no type ${this.names.typePrefix}${name}`);
    return type as GraphQLObjectType;
  }

  /** The User fields a client selects: every scalar and enum field without arguments. */
  userFields(): GraphQLField<unknown, unknown>[] {
    const user = this.type('User') as GraphQLObjectType;
    return Object.values(user.getFields()).filter((f) => isLeaf(f.type) && f.args.length === 0);
  }

  /** Declares a leaf or input type once; answers the name to use. */
  private declare(type: GraphQLInputType | GraphQLOutputType): string {
    const named = getNamedType(type);
    if (named instanceof GraphQLScalarType) return scalarType(named, this.names);
    if (!this.declarations.has(named.name)) {
      this.declarations.set(named.name, '');
      if (named instanceof GraphQLEnumType) this.declarations.set(named.name, `export type ${named.name} = ${leafType(named, this.names)};`);
      if (named instanceof GraphQLInputObjectType) {
        const fields = Object.values(named.getFields()).map((f) => {
          const required = f.type instanceof GraphQLNonNull;
          return `  ${f.name}${required ? '' : '?'}: ${this.inputType(f.type)};`;
        });
        this.declarations.set(named.name, `export type ${named.name} = {\n${fields.join('\n')}\n};`);
      }
    }
    return named.name;
  }

  private inputType(type: GraphQLInputType): string {
    if (type instanceof GraphQLNonNull) return this.inputType(type.ofType).replace(/ \| null$/, '');
    if (type instanceof GraphQLList) return `Array<${this.inputType(type.ofType)}> | null`;
    return `${this.declare(type)} | null`;
  }

  private leafOutput(type: GraphQLOutputType): string {
    return outputType(type, (name) => this.declare(this.schema.getType(name) as GraphQLInputType));
  }

  /** Selection and result type of one object type inside a union answer, one level deep (User as UserFields). */
  private member(object: GraphQLObjectType): { selection: string; type: string } {
    const user = `${this.names.typePrefix}User`;
    const fields = Object.values(object.getFields()).filter((f) => {
      // Cookie mode: the token is in an httpOnly cookie, never in the answer.
      if (this.config.cookies.enabled && f.name === 'token') return false;
      return f.args.length === 0 && (isLeaf(f.type) || getNamedType(f.type).name === user);
    });
    const selection = fields.map((f) => (isLeaf(f.type) ? f.name : `${f.name} { ...UserFields }`)).join(' ');
    const type = fields.map((f) => `${f.name}: ${isLeaf(f.type) ? this.leafOutput(f.type) : outputType(f.type, () => 'User')}`);
    return { selection: `... on ${object.name} { ${selection} }`, type: `{ __typename: ${JSON.stringify(object.name)}; ${type.join('; ')} }` };
  }

  operation(op: (typeof OPERATIONS)[number]): { source: string; result: string; variables: string } | null {
    const root = op.kind === 'query' ? this.schema.getQueryType() : this.schema.getMutationType();
    const fieldName = `${this.names.rootFieldPrefix}${op.field}`;
    const field = root?.getFields()[fieldName];
    if (!field) return null;
    const args = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const variables = field.args.length ? `{ ${field.args.map((a) => `${a.name}: ${this.declare(a.type)}`).join('; ')} }` : 'Record<string, never>';
    const head = `${op.kind} ${op.name}${args ? `(${args})` : ''} { ${fieldName}${passed ? `(${passed})` : ''}`;
    const named = getNamedType(field.type);
    if (named.name === `${this.names.typePrefix}User`) {
      return { source: `${head} { ...UserFields } }`, result: `{ ${fieldName}: ${outputType(field.type, () => 'User')} }`, variables };
    }
    const members = named instanceof GraphQLUnionType ? named.getTypes() : [named as GraphQLObjectType];
    const errorInterface = `${this.names.typePrefix}Error`;
    const isError = (m: GraphQLObjectType) => m.getInterfaces().some((i) => i.name === errorInterface);
    const successes = members.filter((m) => !isError(m)).map((m) => this.member(m));
    const errors = members.filter(isError).map((m) => JSON.stringify(m.name));
    const errorCode = this.declare(this.schema.getType(`${this.names.typePrefix}ErrorCode`) as GraphQLEnumType);
    const selections = ['__typename', ...successes.map((s) => s.selection), ...(errors.length ? [`... on ${errorInterface} { code message }`] : [])];
    const types = [...successes.map((s) => s.type), ...(errors.length ? [`{ __typename: ${errors.join(' | ')}; code: ${errorCode}; message: string }`] : [])];
    return { source: `${head} { ${selections.join(' ')} } }`, result: `{ ${fieldName}: ${types.join('\n    | ')} }`, variables };
  }

  print(): string {
    const user = this.userFields();
    const fragment = `fragment UserFields on ${this.names.typePrefix}User { ${user.map((f) => f.name).join(' ')} }`;
    const userType = `export type User = {\n${user.map((f) => `  ${f.name}: ${this.leafOutput(f.type)};`).join('\n')}\n};`;
    const documents: string[] = [];
    const printed = new Map<string, { result: string; variables: string }>();
    for (const op of OPERATIONS) {
      const operation = this.operation(op);
      if (!operation) continue;
      printed.set(op.name, operation);
      const document = parse(`${operation.source}\n${operation.source.includes('...UserFields') ? fragment : ''}`, { noLocation: true });
      documents.push(
        `export type ${op.name}Result = ${operation.result};\nexport type ${op.name}Variables = ${operation.variables};\n` +
          `export const ${op.name}Document = ${JSON.stringify(document)} as unknown as TypedDocumentNode<${op.name}Result, ${op.name}Variables>;`,
      );
    }
    const mode = this.config.cookies.enabled ? "'cookie'" : "'token' | 'jwt'";
    // Cookie mode signs in with login only; the other modes with login (token) or jwtCreate (JWT).
    const signIns = this.config.cookies.enabled ? ['Login'] : ['Login', 'JwtCreate'];
    const signInResult = signIns.filter((name) => printed.has(name)).map((name) => `${name}Result['${this.names.rootFieldPrefix}${name[0].toLowerCase()}${name.slice(1)}']`);
    const loginInput = this.declare(this.type('LoginInput') as GraphQLInputObjectType);
    const prefixes = [this.names.typePrefix && `typePrefix "${this.names.typePrefix}"`, this.names.rootFieldPrefix && `rootFieldPrefix "${this.names.rootFieldPrefix}"`].filter(Boolean);
    return `// Generated by \`authql client\` for loginField "${this.config.loginField}"${this.config.cookies.enabled ? ', cookie mode' : ''}${prefixes.length ? `, ${prefixes.join(', ')}` : ''}${Object.keys(this.config.userFields).length ? `, userFields ${Object.keys(this.config.userFields).join(', ')}` : ''}. Do not edit: run it again.
/* eslint-disable */
import { createAuthClient as createBaseClient, type AuthClientOptions, type TypedDocumentNode } from 'authql/client';

${[...this.declarations.values()].filter(Boolean).join('\n\n')}

${userType}

${documents.join('\n\n')}

export type SignInInput = ${loginInput};
export type SignInResult = ${signInResult.join(' | ')};

/** createAuthClient for this server: its modes, its names, its sign-in input, its User. */
export function createAuthClient(options: Omit<AuthClientOptions<User>, 'mode' | 'meDocument' | 'documents' | 'typePrefix' | 'rootFieldPrefix'> & { mode: ${mode} }) {
  const client = createBaseClient<User>({
    ...options,
    typePrefix: ${JSON.stringify(this.names.typePrefix)},
    rootFieldPrefix: ${JSON.stringify(this.names.rootFieldPrefix)},
    meDocument: MeDocument,
    documents: { login: LoginDocument, jwtCreate: ${printed.has('JwtCreate') ? 'JwtCreateDocument' : 'undefined'}, jwtRefresh: ${printed.has('JwtRefresh') ? 'JwtRefreshDocument' : 'undefined'}, logout: LogoutDocument },
  });
  return client as unknown as Omit<typeof client, 'signIn'> & { signIn(input: SignInInput): Promise<SignInResult> };
}
`;
  }
}

/** The generated client (one TypeScript file) for these options. */
export function generateClient(options: Record<string, unknown>): string {
  // The schema does not depend on the database or the secret.
  const config = parseConfig({ ...options, mongodb: { uri: 'mongodb://unused' }, secret: 'unused' });
  return new Printer(buildSchema(config), config, config.schema).print();
}

