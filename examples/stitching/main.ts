// `npx tsx main.ts`: the gateway on http://127.0.0.1:4001/graphql, in front of authql at AUTHQL_URL.
import { start } from './gateway.js';

const { AUTHQL_URL = 'http://127.0.0.1:4000/graphql', PORT = '4001' } = process.env;
const gateway = await start({ authql: AUTHQL_URL, port: Number(PORT) });
console.log(`gateway on ${gateway.url}, stitching authql at ${AUTHQL_URL}`);
process.once('SIGINT', () => void gateway.close());
