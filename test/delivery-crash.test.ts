// Emails survive crashes and restarts: a server killed between the outbox write
// and the send delivers after restart, a separate `authql mail-worker` delivers what servers
// queue, and SIGTERM lets the email being sent finish. Real processes, SMTP, database, HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort } from '../src/cli/embedded-db';
import { DEFAULT_COLLECTION_PREFIX } from '../src/config';
import { cliEnv, signalGroup, startCli, stopAllCli, waitFor, waitForGroupGone, withDeadline, type CliProcess } from './helpers/cli';
import { ACTIVATE, PASSWORD, linkParts, register } from './helpers/journeys';
import { queryOf, startTestServer, testDatabaseUri, uniqueDbName, TEST_SECRET, type Document } from './helpers/server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp';
import { graphql } from './generated';

jest.setTimeout(120_000);

const ACME = { domain: 'app.example.test', protocol: 'https' as const, siteName: 'Acme' };

interface OutboxDoc {
  to: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  messageId: string;
}

const tempDirs: string[] = [];
const databases: string[] = [];
const smtpServers: TestSmtpServer[] = [];
let connection: mongoose.Connection;

beforeAll(async () => {
  connection = await mongoose.createConnection(testDatabaseUri()).asPromise();
});

afterAll(async () => {
  await stopAllCli();
  for (const smtp of smtpServers) await smtp.close();
  for (const dbName of databases) await connection.useDb(dbName).dropDatabase().catch(() => undefined);
  await connection.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function smtpServer(...args: Parameters<typeof startSmtpServer>): Promise<TestSmtpServer> {
  const smtp = await startSmtpServer(...args);
  smtpServers.push(smtp);
  return smtp;
}

/** A config file for `authql serve` / `authql mail-worker` on a database of its own. */
function configFile(extra: Record<string, unknown> = {}, dbName = uniqueDbName()): { file: string; dbName: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authql-delivery-'));
  tempDirs.push(dir);
  databases.push(dbName);
  const file = path.join(dir, 'authql.json');
  writeFileSync(file, JSON.stringify({ mongodb: { uri: testDatabaseUri(), dbName }, sendActivationEmail: true, frontend: ACME, ...extra }));
  return { file, dbName };
}

function outbox(dbName: string) {
  return connection.useDb(dbName).collection<OutboxDoc>(`${DEFAULT_COLLECTION_PREFIX}outbox`);
}

async function startServe(file: string, env: NodeJS.ProcessEnv): Promise<{ serve: CliProcess; gql: (document: Document, variables: Record<string, unknown>) => Promise<any> }> {
  const port = Number(env.PORT);
  const serve = startCli(['serve', '--config', file], env);
  await waitFor('"serving" in the log', () => /serving/.test(serve.stdout()), 60_000, serve);
  const gql = async (document: Document, variables: Record<string, unknown>) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: queryOf(document), variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  return { serve, gql };
}

const REGISTER = graphql(`mutation RegisterUserId($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id isActive } } } }`);

async function sigterm(cli: CliProcess) {
  // What a process manager does: SIGTERM to the process it started.
  cli.process.kill('SIGTERM');
  return withDeadline(cli.exited, 10_000, 'stopping after SIGTERM');
}

test('a server killed with SIGKILL after queuing an activation email, while the SMTP server was down, delivers it after a restart, and its link works', async () => {
  const smtpPort = await freePort();
  const { file, dbName } = configFile();
  const env = cliEnv({ AUTH_SECRET: TEST_SECRET, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PORT: String(await freePort()), HOST: '127.0.0.1' });

  const first = await startServe(file, env);
  const email = 'crash@example.com';
  const registered = await first.gql(REGISTER, { input: { email, password: PASSWORD } });
  expect(registered.register).toMatchObject({ __typename: 'RegisterSuccess', user: { isActive: false } });

  // The worker tried, could not reach SMTP, and the email waits in the outbox for its next try.
  await waitFor('a failed attempt recorded in the outbox', async () => {
    const doc = await outbox(dbName).findOne({ to: email });
    return doc?.status === 'pending' && doc.lastError ? doc : null;
  }, 15_000, first.serve);
  signalGroup(first.serve, 'SIGKILL');
  await waitForGroupGone(first.serve);
  expect((await first.serve.exited).signal).toBe('SIGKILL');

  const waiting = (await outbox(dbName).findOne({ to: email }))!;
  expect(waiting).toMatchObject({ status: 'pending', sentAt: null });
  expect(waiting.messageId).toMatch(/^<[^<>\s]+@[^<>\s]+>$/);

  const smtp = await smtpServer(smtpPort);
  const second = await startServe(file, env);
  const message = await smtp.waitForEmail((e) => e.to === email, 30_000);
  expect(message.subject).toBe('Account activation on Acme');
  expect(message.messageId).toBe(waiting.messageId);
  expect(message.parsed.headers.get('message-id')).toBe(waiting.messageId);

  const { uid, token, url } = linkParts(message);
  expect(url).toBe(`https://app.example.test/#/activate/${uid}/${token}`);
  const activated = await second.gql(ACTIVATE, { input: { uid, token } });
  expect(activated.activate).toMatchObject({ __typename: 'ActivateSuccess', user: { id: registered.register.user.id, isActive: true } });

  await waitFor('the outbox to show the email sent', async () => (await outbox(dbName).findOne({ to: email }))?.status === 'sent', 10_000);
  expect(await sigterm(second.serve)).toEqual({ code: 0, signal: null });
});

test('a separate `authql mail-worker` delivers what a server with the worker off queued, and stops cleanly on SIGTERM', async () => {
  const smtp = await smtpServer();
  const server = await startTestServer({ sendActivationEmail: true, frontend: ACME, email: { worker: false } }, { smtp });
  try {
    const { file } = configFile({}, server.dbName);
    const before = 'queued-before@example.com';
    expect((await register(server, { email: before, password: PASSWORD })).__typename).toBe('RegisterSuccess');
    expect((await outbox(server.dbName).findOne({ to: before }))?.status).toBe('pending');
    expect(smtp.emailsTo(before)).toHaveLength(0);

    const worker = startCli(['mail-worker', '--config', file], cliEnv({ AUTH_SECRET: TEST_SECRET, SMTP_URL: smtp.url }));
    const queued = await smtp.waitForEmail((e) => e.to === before, 30_000);
    await waitFor('the worker to say it runs', () => /mail worker running/.test(worker.stdout()), 5_000, worker);
    const { uid, token } = linkParts(queued);
    const activated = await server.gql(ACTIVATE, { input: { uid, token } });
    expect(activated.data.activate).toMatchObject({ __typename: 'ActivateSuccess', user: { isActive: true } });

    // While it runs, it picks up what the server queues next.
    const after = 'queued-after@example.com';
    expect((await register(server, { email: after, password: PASSWORD })).__typename).toBe('RegisterSuccess');
    await smtp.waitForEmail((e) => e.to === after, 10_000);
    await waitFor('both emails marked sent', async () => (await outbox(server.dbName).countDocuments({ status: 'sent' })) === 2, 10_000);
    expect(smtp.emailsTo(before)).toHaveLength(1);
    expect(smtp.emailsTo(after)).toHaveLength(1);

    expect(await sigterm(worker)).toEqual({ code: 0, signal: null });
    expect(worker.stdout()).toMatch(/SIGTERM/);
  } finally {
    await stopAllCli();
    await server.close();
  }
});

test('`authql serve` stops on SIGTERM within 10 s when idle', async () => {
  const { file } = configFile();
  const smtp = await smtpServer();
  const { serve } = await startServe(file, cliEnv({ AUTH_SECRET: TEST_SECRET, SMTP_URL: smtp.url, PORT: String(await freePort()), HOST: '127.0.0.1' }));
  expect(await sigterm(serve)).toEqual({ code: 0, signal: null });
  expect(serve.stdout()).toMatch(/SIGTERM: shutting down/);
});

test('SIGTERM while an activation email is being sent to a slow SMTP server: the email is delivered, marked sent, and the server exits 0 within 10 s', async () => {
  const slow = await smtpServer(0, { replyDelayMs: 1000 });
  const { file, dbName } = configFile();
  const { serve, gql } = await startServe(file, cliEnv({ AUTH_SECRET: TEST_SECRET, SMTP_URL: slow.url, PORT: String(await freePort()), HOST: '127.0.0.1' }));
  const email = 'slow-smtp@example.com';
  expect((await gql(REGISTER, { input: { email, password: PASSWORD } })).register.__typename).toBe('RegisterSuccess');

  // The email is on the wire: the SMTP server has its content and takes its time to answer.
  await waitFor('the SMTP server to receive the message content', () => slow.dataStarted > 0, 15_000, serve);
  expect(slow.received).toHaveLength(0);
  const exit = await sigterm(serve);
  expect(exit).toEqual({ code: 0, signal: null });

  // It waited for the SMTP server's answer before exiting.
  expect(slow.emailsTo(email)).toHaveLength(1);
  expect(slow.emailsTo(email)[0].subject).toBe('Account activation on Acme');
  const doc = await outbox(dbName).findOne({ to: email });
  expect(doc).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  expect(doc!.messageId).toBe(slow.emailsTo(email)[0].messageId);
});

test('SIGHUP (a closed terminal) drains like SIGTERM: a request in flight is answered, the email being sent is delivered, and the server exits 0', async () => {
  const slow = await smtpServer(0, { replyDelayMs: 1000 });
  const { file, dbName } = configFile();
  const port = await freePort();
  const { serve, gql } = await startServe(file, cliEnv({ AUTH_SECRET: TEST_SECRET, SMTP_URL: slow.url, PORT: String(port), HOST: '127.0.0.1' }));
  const email = 'hangup@example.com';
  expect((await gql(REGISTER, { input: { email, password: PASSWORD } })).register.__typename).toBe('RegisterSuccess');
  await waitFor('the SMTP server to receive the message content', () => slow.dataStarted > 0, 15_000, serve);

  // A request in flight: its headers and half its body are sent; the rest comes after the signal.
  const body = JSON.stringify({ query: '{ __typename }' });
  const socket = connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  const answered = new Promise<string>((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8'))));
  socket.write(`POST /graphql HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body.slice(0, 10)}`);
  // A request on a later connection answered: the server has taken the first one in.
  expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

  serve.process.kill('SIGHUP');
  await waitFor('the shutdown to begin', () => /SIGHUP: shutting down/.test(serve.stdout()), 10_000, serve);
  socket.write(body.slice(10));
  const answer = await withDeadline(answered, 10_000, 'the answer to the request in flight');
  expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  expect(answer).toContain('{"data":{"__typename":"Query"}}');

  expect(await withDeadline(serve.exited, 10_000, 'stopping after SIGHUP')).toEqual({ code: 0, signal: null });
  expect(slow.emailsTo(email)).toHaveLength(1);
  expect(await outbox(dbName).findOne({ to: email })).toMatchObject({ status: 'sent', attempts: 1 });
});
