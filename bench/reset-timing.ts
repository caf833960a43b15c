// Reset flow timing (enumeration safety): resetPassword and resendActivation
// answer `ok` whether or not the email has an account, so their response times should not
// tell an attacker either. The known case queues an email (one outbox document), the
// unknown case does not. Measured over real HTTP against a real authql server and database
// with rate limits and the per-recipient email cap off; the email worker runs in the server
// process as in `npm start`, delivering to a JSON transport. Prints a table and the
// known/unknown median ratio of each flow.
//
//   npm run bench:reset            (N=40 per kind; BENCH_N=100 npm run bench:reset for more)
//
// The database is found as `npm start` finds it: MONGODB_URI, else ferretdb on PATH, else
// mongodb-memory-server.
import { benchN, compareKinds, medianRatio, printLatencyTable, register, runBench, startBenchServer, timedGql, unknownEmail } from './harness';
import { storeOf } from '../src/auth';

const N = benchN(40);
const WARMUP = 5;

type Flow = 'resetPassword' | 'resendActivation';
type Kind = `${Flow}: ${'known' | 'unknown'}`;
const KINDS: Kind[] = ['resetPassword: known', 'resetPassword: unknown', 'resendActivation: known', 'resendActivation: unknown'];
/** The known address of each flow: an active account for resetPassword, a never-activated one for resendActivation. */
const KNOWN: Record<Flow, string> = { resetPassword: 'bench.reset@example.com', resendActivation: 'bench.inactive@example.com' };

const mutation = (flow: Flow) => {
  const input = flow === 'resetPassword' ? 'ResetPasswordInput' : 'ResendActivationInput';
  return `mutation($input: ${input}!) { ${flow}(input: $input) { __typename ... on Error { code } } }`;
};
const QUERIES: Record<Flow, string> = { resetPassword: mutation('resetPassword'), resendActivation: mutation('resendActivation') };

async function timedRequest(url: string, kind: Kind, i: number): Promise<number> {
  const [flow, which] = kind.split(': ') as [Flow, 'known' | 'unknown'];
  const email = which === 'known' ? KNOWN[flow] : unknownEmail(i);
  const { ms, json, status } = await timedGql(url, QUERIES[flow], { input: { email } });
  const expected = flow === 'resetPassword' ? 'ResetPasswordSuccess' : 'ResendActivationSuccess';
  const got = json.data?.[flow]?.__typename;
  if (got !== expected) throw new Error(`${kind}: expected ${expected}, got ${JSON.stringify(json)} (HTTP ${status})`);
  return ms;
}

async function main(): Promise<void> {
  const server = await startBenchServer({
    sendActivationEmail: true,
    rateLimits: false,
    email: { perRecipientPerHour: 0, transport: { jsonTransport: true } },
  });
  try {
    console.log(`[bench] ${server.url}; N=${N} requests per kind, sequential, after ${WARMUP} warm-up requests each; email worker in the server process`);
    // Registered accounts wait for activation; the resetPassword one is activated directly in the store.
    const activeId = await register(server.url, KNOWN.resetPassword);
    const activated = await storeOf(server.auth).users.updateUser(activeId, { isActive: true, activatedAt: new Date() });
    if (!activated || !activated.isActive) throw new Error(`activating ${KNOWN.resetPassword} failed`);
    await register(server.url, KNOWN.resendActivation);

    const { blocks, interleaved, rows } = await compareKinds(KINDS, N, WARMUP, (kind, i) => timedRequest(server.url, kind, i));

    // Each known request queued one email, no unknown request did (plus one activation email per registration).
    const perKnown = WARMUP + 2 * N;
    const outbox = storeOf(server.auth).outbox;
    const counts = {
      active: await outbox.model.countDocuments({ toKey: KNOWN.resetPassword }).exec(),
      inactive: await outbox.model.countDocuments({ toKey: KNOWN.resendActivation }).exec(),
      total: await outbox.model.countDocuments({}).exec(),
    };
    if (counts.active !== 1 + perKnown || counts.inactive !== 1 + perKnown || counts.total !== 2 + 2 * perKnown) {
      throw new Error(`unexpected outbox: ${JSON.stringify(counts)}, expected ${1 + perKnown} to each known address and ${2 + 2 * perKnown} in all`);
    }

    console.log('');
    printLatencyTable('kind', rows);
    console.log('');
    console.log(`[bench] outbox: ${perKnown} emails queued by each known kind, none by the unknown kinds`);
    for (const flow of ['resetPassword', 'resendActivation'] as const) {
      const known = `${flow}: known` as const;
      const unknown = `${flow}: unknown` as const;
      const ratio = medianRatio(blocks[known], blocks[unknown]);
      const ratioInterleaved = medianRatio(interleaved[known], interleaved[unknown]);
      console.log(`median ratio ${flow} known / unknown: ${ratio.toFixed(3)} (interleaved: ${ratioInterleaved.toFixed(3)})`);
    }
  } finally {
    await server.close();
  }
}

runBench(main);
