// `npx tsx main.ts [apollo|hive]`: the supergraph on http://127.0.0.1:4000/graphql.
import { start } from './server.js';

const { MONGODB_URI, AUTH_SECRET, PORT = '4000' } = process.env;
if (!MONGODB_URI || !AUTH_SECRET) throw new Error('Set MONGODB_URI and AUTH_SECRET (32 bytes or more).');
const gateway = process.argv[2] === 'hive' ? 'hive' : 'apollo';
const running = await start({ gateway, auth: { mongodb: { uri: MONGODB_URI }, secret: AUTH_SECRET }, port: Number(PORT) });
console.log(`${gateway} gateway on ${running.url}`);
process.once('SIGINT', () => void running.close());
