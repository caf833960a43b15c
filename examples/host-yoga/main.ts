// `npx tsx main.ts`: the host on http://127.0.0.1:4000/graphql (PORT=0: a free port).
import { start } from './server.js';

const { MONGODB_URI, AUTH_SECRET, PORT = '4000' } = process.env;
if (!MONGODB_URI || !AUTH_SECRET) throw new Error('Set MONGODB_URI (with the database name) and AUTH_SECRET (32 bytes or more).');
const host = await start({ mongodbUri: MONGODB_URI, secret: AUTH_SECRET, port: Number(PORT) });
console.log(JSON.stringify({ url: host.url }));
process.once('SIGTERM', () => void host.close().then(() => process.exit(0)));
process.once('SIGINT', () => void host.close().then(() => process.exit(0)));
