// The schema half of cookie delivery: a Pothos plugin that wraps the fields marked `issuesSession`
// or `clearsSession` (session-cookie.ts): in cookie mode the answer's token goes into the
// request's cookie jar, and the field answers null.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { SessionCookieJar } from './session-cookie';

type SessionAnswer = { token?: unknown } | null | undefined;

export class SessionCookieFieldPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const issues = fieldConfig.extensions?.issuesSession === true;
    const clears = fieldConfig.extensions?.clearsSession === true;
    if (!issues && !clears) return resolver;
    return async (parent, args, context, info) => {
      const result = (await resolver(parent, args, context, info)) as SessionAnswer;
      const jar = (context as { authql?: { sessionCookie?: SessionCookieJar | null } }).authql?.sessionCookie;
      if (!jar) return result;
      if (clears) jar.clear();
      if (issues && typeof result?.token === 'string' && result.token) {
        jar.set(result.token);
        return { ...result, token: null };
      }
      return result;
    };
  }
}

// Its name, declared to Pothos here rather than in builder.ts: this file stays out of the published
// types, where the ESM and CommonJS copies of the declaration would clash (TS2717).
declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      authqlSessionCookie: SessionCookieFieldPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('authqlSessionCookie', SessionCookieFieldPlugin);

export default 'authqlSessionCookie';
