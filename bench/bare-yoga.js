// The baseline: a bare graphql-yoga server on node:http answering `{ ok }`, nothing else.
const { createServer } = require('node:http');
const { createSchema, createYoga } = require('graphql-yoga');

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { ok: Boolean! }', resolvers: { Query: { ok: () => true } } }),
  logging: false,
  landingPage: false,
});
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
