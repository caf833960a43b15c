// Login timing: unknown user, wrong password and correct password should
// cost the same (an unknown user still costs one argon2id hash), so response times do
// not tell an attacker which emails have accounts. Measured over real HTTP against a real
// authql server and database; prints a table and the unknown/wrong-password ratio.
//
//   npm run bench:login            (N=40 per kind; BENCH_N=100 npm run bench:login for more)
//
// The database is found as `npm start` finds it: MONGODB_URI, else ferretdb on PATH, else
// mongodb-memory-server.
import { benchN, compareKinds, medianRatio, PASSWORD, printLatencyTable, register, runBench, startBenchServer, timedGql, unknownEmail } from './harness';

const N = benchN(40);
const WARMUP = 5;
const EMAIL = 'bench@example.com';

const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { __typename ... on Error { code } }
}`;

type Kind = 'unknown user' | 'wrong password' | 'correct password';
const EXPECTED: Record<Kind, string> = {
  'unknown user': 'AuthError',
  'wrong password': 'AuthError',
  'correct password': 'LoginSuccess',
};

function inputFor(kind: Kind, i: number): { email: string; password: string } {
  if (kind === 'unknown user') return { email: unknownEmail(i), password: PASSWORD };
  if (kind === 'wrong password') return { email: EMAIL, password: `${PASSWORD} ${i}` };
  return { email: EMAIL, password: PASSWORD };
}

async function timedLogin(url: string, kind: Kind, i: number): Promise<number> {
  const { ms, json, status } = await timedGql(url, LOGIN, { input: inputFor(kind, i) });
  const got = json.data?.login?.__typename;
  if (got !== EXPECTED[kind]) {
    throw new Error(`${kind}: expected ${EXPECTED[kind]}, got ${JSON.stringify(json)} (HTTP ${status}); is a rate limit on?`);
  }
  return ms;
}

async function main(): Promise<void> {
  // The request limits and the login lockout would stop the run after a few dozen logins.
  const server = await startBenchServer({ rateLimits: false });
  try {
    const hashing = server.auth.config.passwordHashing;
    console.log(`[bench] ${server.url}; argon2id m=${hashing.memoryCost} t=${hashing.timeCost} p=${hashing.parallelism}; N=${N} logins per kind, sequential`);
    await register(server.url, EMAIL);

    const kinds: Kind[] = ['unknown user', 'wrong password', 'correct password'];
    const { blocks, interleaved, all, rows } = await compareKinds(kinds, N, WARMUP, (kind, i) => timedLogin(server.url, kind, i));

    console.log('');
    printLatencyTable('kind', [...rows, { label: 'interleaved: all', samples: all }]);
    console.log('');
    const ratio = medianRatio(blocks['unknown user'], blocks['wrong password']);
    const ratioInterleaved = medianRatio(interleaved['unknown user'], interleaved['wrong password']);
    console.log(`median ratio unknown user / wrong password: ${ratio.toFixed(3)} (interleaved: ${ratioInterleaved.toFixed(3)})`);
  } finally {
    await server.close();
  }
}

runBench(main);
