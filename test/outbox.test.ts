// Every email goes through the outbox: written to the database in the request,
// delivered by a worker with retries and backoff, capped per recipient, rendered from
// overridable templates, printed to the console in development. Real SMTP, database, HTTP.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { createAuth, mailerOf } from '../src/auth';
import { freePort } from '../src/cli/embedded-db';
import { cliEnv, runCli, startCli, stopAllCli, waitFor, withDeadline } from './helpers/cli';
import { dropTestDatabase } from './helpers/database';
import { ACTIVATE, PASSWORD, linkParts, mutate, register } from './helpers/journeys';
import { recordingLogger } from './helpers/logger';
import { queryOf, startTestServer, testDatabaseUri, uniqueDbName, TEST_SECRET, type Document, type TestServer, withSmtpServer } from './helpers/server';
import { startSmtpServer, type ReceivedEmail, type TestSmtpServer } from './helpers/smtp';
import { graphql } from './generated';

jest.setTimeout(90_000);

const RESEND_ACTIVATION = graphql(`mutation OutboxResendActivation($input: ResendActivationInput!) {
  resendActivation(input: $input) { __typename ... on ResendActivationSuccess { ok } ... on Error { code message } }
}`);
const RESET_PASSWORD = graphql(`mutation OutboxResetPassword($input: ResetPasswordInput!) {
  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } ... on Error { code message } }
}`);

const ACME = { domain: 'app.example.test', protocol: 'https' as const, siteName: 'Acme' };
const isActivationEmail = (e: ReceivedEmail) => /^Account activation on /.test(e.subject);

interface RawOutboxDoc {
  _id: mongoose.Types.ObjectId;
  to: string;
  toKey: string;
  template: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  messageId: string;
  context: Record<string, any>;
}

/** The outbox documents for one address, straight from the driver (no mongoose mapping). */
function outboxDocsTo(server: TestServer, address: string): Promise<RawOutboxDoc[]> {
  return server.database.collection<RawOutboxDoc>('outbox').find({ toKey: address.toLowerCase() }).sort({ createdAt: 1 }).toArray();
}

async function onlyOutboxDocTo(server: TestServer, address: string): Promise<RawOutboxDoc> {
  const docs = await outboxDocsTo(server, address);
  expect(docs).toHaveLength(1);
  return docs[0];
}

async function activate(server: TestServer, email: ReceivedEmail) {
  const { uid, token } = linkParts(email);
  return mutate(server, ACTIVATE, { uid, token });
}

async function timedRegister(server: TestServer, email: string) {
  const started = Date.now();
  const result = await register(server, { email, password: PASSWORD });
  return { result, elapsed: Date.now() - started };
}

/** A port where nothing listens (nothing of ours, at least). */
const deadSmtpUrl = async () => `smtp://127.0.0.1:${await freePort()}`;

const tempDirs: string[] = [];
afterAll(async () => {
  await stopAllCli();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
// Its afterAll comes after the one above: closed once the processes are stopped.
const smtp = withSmtpServer();

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authql-outbox-'));
  tempDirs.push(dir);
  return dir;
}

describe('the outbox', () => {
  test('a registration writes the activation email to the outbox first, with no token in it, and nothing leaves until the worker delivers it', async () => {
    const server = await startTestServer({ sendActivationEmail: true, frontend: ACME, email: { worker: false } }, { smtp });
    try {
      const email = 'outbox-first@example.com';
      const registered = await register(server, { email, password: PASSWORD });
      expect(registered.__typename).toBe('RegisterSuccess');

      const queued = await onlyOutboxDocTo(server, email);
      expect(queued).toMatchObject({
        to: email,
        template: 'activation',
        status: 'pending',
        attempts: 0,
        lastError: null,
        sentAt: null,
        messageId: expect.stringMatching(/^<[^<>\s]+@[^<>\s]+>$/),
      });
      expect(queued.nextAttemptAt).toBeInstanceOf(Date);
      expect(queued.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
      // The context holds what the template needs to say hello…
      expect(queued.context.user).toMatchObject({ email });
      const queuedJson = JSON.stringify(queued);
      // …but neither the password nor its hash.
      const stored = await server.database.collection('users').findOne({ loginKey: email });
      expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(queuedJson).not.toContain(stored!.passwordHash);
      expect(queuedJson).not.toContain(PASSWORD);

      // …and nothing is sent without a worker: longer than the worker's 1 s polling interval.
      await new Promise((r) => setTimeout(r, 1200));
      expect(smtp.emailsTo(email)).toHaveLength(0);
      expect((await onlyOutboxDocTo(server, email)).status).toBe('pending');

      await mailerOf(server.auth).flush();
      const message = await smtp.waitForEmail((e) => e.to === email && isActivationEmail(e));
      const { token } = linkParts(message);
      // The link's token was signed at send time: the stored document never held it, nor its signature.
      const signature = token.slice(token.indexOf('-') + 1);
      expect(signature).toHaveLength(43);
      expect(queuedJson).not.toContain(token);
      expect(queuedJson).not.toContain(signature);

      const sent = await onlyOutboxDocTo(server, email);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, messageId: queued.messageId, context: {} });
      expect(sent.sentAt).toBeInstanceOf(Date);
      expect(JSON.stringify(sent)).not.toContain(signature);
      expect(message.messageId).toBe(queued.messageId);
      expect(smtp.emailsTo(email)).toHaveLength(1);

      // The link signed at send time works.
      expect(await activate(server, message)).toMatchObject({ __typename: 'ActivateSuccess', user: { isActive: true } });
    } finally {
      await server.close();
    }
  });

  test('a visitor registering while the SMTP server hangs gets their answer at once; the worker records why delivery failed and keeps the email', async () => {
    // An SMTP server that accepts connections and never says a word.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const silentPort = (silent.address() as net.AddressInfo).port;
    let connections = 0;
    silent.on('connection', () => (connections += 1));
    const greetingTimeout = 5000;
    const server = await startTestServer(
      {
        sendActivationEmail: true,
        email: { transport: { host: '127.0.0.1', port: silentPort, secure: false, ignoreTLS: true, greetingTimeout } },
      },
      { smtp },
    );
    try {
      const email = 'hanging-smtp@example.com';
      const { result, elapsed } = await timedRegister(server, email);
      expect(result).toMatchObject({ __typename: 'RegisterSuccess', user: { email, isActive: false } });
      expect(elapsed).toBeLessThan(2000); // the SMTP server would keep it waiting 5 s for a greeting

      // The worker did try: it connected, waited for the greeting, gave up and rescheduled.
      await waitFor('the SMTP connection attempt', () => connections > 0, 10_000);
      const failed = await waitFor(
        'the outbox to record the failed attempt',
        async () => {
          const doc = (await outboxDocsTo(server, email))[0];
          return doc?.status === 'pending' && doc.lastError ? doc : null;
        },
        greetingTimeout + 15_000,
      );
      expect(failed.attempts).toBeGreaterThanOrEqual(1);
      expect(failed.lastError).toMatch(/greeting/i);
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);
      expect(smtp.emailsTo(email)).toHaveLength(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      await server.close();
    }
  });

  test('while the SMTP server is down ten people sign up without delay, and when it comes back each gets exactly one activation email whose link works', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close();
    let up: TestSmtpServer | null = null;
    const server = await startTestServer(
      { sendActivationEmail: true, rateLimits: false, email: { transport: `smtp://127.0.0.1:${port}`, retryDelay: 0.2 } },
      { smtp },
    );
    try {
      const emails = Array.from({ length: 10 }, (_, i) => `outage-${i}@example.com`);
      for (const email of emails) {
        const { result, elapsed } = await timedRegister(server, email);
        expect(result).toMatchObject({ __typename: 'RegisterSuccess', user: { email, isActive: false } });
        expect(elapsed).toBeLessThan(2000);
      }
      // Nothing went out, nothing was lost: ten emails wait in the outbox, the worker has been trying.
      await waitFor('a failed delivery attempt', async () => (await server.database.collection('outbox').countDocuments({ lastError: { $ne: null } })) > 0, 10_000);
      const waiting = await server.database.collection<RawOutboxDoc>('outbox').find().toArray();
      expect(waiting.map((d) => d.to).sort()).toEqual([...emails].sort());
      expect(waiting.filter((d) => d.status === 'sent')).toHaveLength(0);
      expect(waiting.filter((d) => d.status === 'failed')).toHaveLength(0);

      up = await startSmtpServer(port);
      const smtpUp = up;
      await waitFor(
        'all ten activation emails to arrive',
        () => emails.every((email) => smtpUp.emailsTo(email).length > 0),
        30_000,
      );
      await waitFor('the outbox to show all ten sent', async () => (await server.database.collection('outbox').countDocuments({ status: 'sent' })) === 10, 30_000);
      for (const email of emails) {
        const received = smtpUp.emailsTo(email);
        expect(received).toHaveLength(1);
        expect(received[0].subject).toMatch(/^Account activation on /);
        expect(await activate(server, received[0])).toMatchObject({ __typename: 'ActivateSuccess', user: { isActive: true } });
      }
      expect(smtpUp.received).toHaveLength(10);
    } finally {
      await server.close();
      await up?.close();
    }
  });

  test('an email that cannot be delivered in maxAttempts tries ends failed, with the reason kept and one error in the log', async () => {
    const { logger, lines } = recordingLogger();
    const server = await startTestServer(
      { sendActivationEmail: true, logger, email: { transport: await deadSmtpUrl(), maxAttempts: 2, retryDelay: 0.1 } },
      { smtp },
    );
    try {
      const email = 'never-delivered@example.com';
      expect((await register(server, { email, password: PASSWORD })).__typename).toBe('RegisterSuccess');
      const failed = await waitFor(
        'the email to fail for good',
        async () => {
          const doc = (await outboxDocsTo(server, email))[0];
          return doc?.status === 'failed' ? doc : null;
        },
        15_000,
      );
      // One more pass of the worker changes nothing: a failed email is not tried again.
      await mailerOf(server.auth).flush();
      const final = await onlyOutboxDocTo(server, email);
      expect(final).toMatchObject({ status: 'failed', attempts: 2, sentAt: null, context: {} });
      expect(final.lastError).toMatch(/ECONNREFUSED|connect/i);
      expect(failed.attempts).toBe(2);

      const id = final._id.toHexString();
      const givenUp = lines.filter((l) => l.level === 'error' && /failed for good/.test(l.message));
      expect(givenUp).toHaveLength(1);
      expect(givenUp[0].fields).toMatchObject({ id, template: 'activation', attempts: 2 });
      expect(lines.filter((l) => l.level === 'warn' && /will retry/.test(l.message) && l.fields?.id === id)).toHaveLength(1);
      expect(smtp.emailsTo(email)).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  test('two servers on one database, both delivering, send each of twenty queued emails exactly once', async () => {
    // Each email takes the SMTP server 50 ms, so the two workers' passes overlap.
    const slow = await startSmtpServer(0, { replyDelayMs: 50 });
    // Real SMTP transports, counted per server to see that both workers took part.
    const counting = () => {
      const real = nodemailer.createTransport(slow.url);
      const counter = { sent: 0 };
      const transport = {
        sendMail: async (message: Parameters<typeof real.sendMail>[0]) => {
          const info = await real.sendMail(message);
          counter.sent += 1;
          return info;
        },
        close: () => real.close(),
      };
      return { transport, counter };
    };
    const a = counting();
    const b = counting();
    const options = { sendActivationEmail: true, rateLimits: false as const };
    const serverA = await startTestServer({ ...options, email: { transport: a.transport } }, { smtp: slow });
    let serverB: TestServer | null = null;
    try {
      serverB = await startTestServer({ ...options, email: { transport: b.transport } }, { smtp: slow, dbName: serverA.dbName });
      // Twenty people sign up on server A; its worker starts at once, B's joins on its next poll.
      const emails = Array.from({ length: 20 }, (_, i) => `two-workers-${i}@example.com`);
      const results = await Promise.all(emails.map((email) => register(serverA, { email, password: PASSWORD })));
      expect(results.map((r) => r.__typename)).toEqual(emails.map(() => 'RegisterSuccess'));

      await waitFor('twenty emails', () => slow.received.length >= 20, 30_000);
      await waitFor('the outbox to show all twenty sent', async () => (await serverA.database.collection('outbox').countDocuments({ status: 'sent' })) === 20, 30_000);
      // Both workers are still running: give them a polling interval to send a duplicate, if they would.
      await new Promise((r) => setTimeout(r, 1200));
      expect(slow.received).toHaveLength(20);
      for (const email of emails) expect(slow.emailsTo(email)).toHaveLength(1);
      expect(new Set(slow.received.map((e) => e.messageId)).size).toBe(20);
      expect(a.counter.sent + b.counter.sent).toBe(20);
      expect(a.counter.sent).toBeGreaterThan(0);
      expect(b.counter.sent).toBeGreaterThan(0);
    } finally {
      await serverB?.close();
      await serverA.close();
      await slow.close();
    }
  });
});

describe('the per-recipient cap', () => {
  async function askForResets(server: TestServer, email: string, times: number) {
    const answers = [];
    for (let i = 0; i < times; i++) {
      const response = await server.gql(RESET_PASSWORD, { input: { email } });
      expect(response.errors).toBeUndefined();
      answers.push(response.data.resetPassword);
    }
    return answers;
  }

  test('someone asking eight times for a password reset gets five emails in the hour, and every answer is the same ok', async () => {
    const server = await startTestServer({ email: { worker: false } }, { smtp });
    try {
      const email = 'capped@example.com';
      expect((await register(server, { email, password: PASSWORD })).user.isActive).toBe(true);
      const answers = await askForResets(server, email, 8);
      expect(answers).toEqual(Array(8).fill({ __typename: 'ResetPasswordSuccess', ok: true }));

      await mailerOf(server.auth).flush();
      const received = smtp.emailsTo(email);
      expect(received).toHaveLength(5);
      for (const message of received) expect(message.subject).toMatch(/^Password reset on /);
      expect(await outboxDocsTo(server, email)).toHaveLength(5);
    } finally {
      await server.close();
    }
  });

  test('with perRecipientPerHour 0 there is no cap: eight requests, eight emails', async () => {
    const server = await startTestServer({ email: { worker: false, perRecipientPerHour: 0 } }, { smtp });
    try {
      const email = 'uncapped@example.com';
      await register(server, { email, password: PASSWORD });
      const answers = await askForResets(server, email, 8);
      expect(answers).toEqual(Array(8).fill({ __typename: 'ResetPasswordSuccess', ok: true }));

      await mailerOf(server.auth).flush();
      expect(smtp.emailsTo(email)).toHaveLength(8);
      expect(await outboxDocsTo(server, email)).toHaveLength(8);
    } finally {
      await server.close();
    }
  });

  test('the cap counts activation emails too: an inactive user asking again and again gets five', async () => {
    const server = await startTestServer({ sendActivationEmail: true, email: { worker: false } }, { smtp });
    try {
      const email = 'resend-capped@example.com';
      await register(server, { email, password: PASSWORD }); // the first activation email
      for (let i = 0; i < 6; i++) {
        const response = await server.gql(RESEND_ACTIVATION, { input: { email } });
        expect(response.data.resendActivation).toEqual({ __typename: 'ResendActivationSuccess', ok: true });
      }
      await mailerOf(server.auth).flush();
      expect(smtp.emailsTo(email).filter(isActivationEmail)).toHaveLength(5);
    } finally {
      await server.close();
    }
  });
});

describe('templates', () => {
  test('a host overriding only the activation subject gets its subject on activation emails, and the defaults everywhere else', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'activation.subject'), 'Welcome to {{siteName}}, activate!\n');
    const server = await startTestServer(
      { sendActivationEmail: true, sendConfirmationEmail: true, frontend: ACME, email: { templatesDir: dir } },
      { smtp },
    );
    try {
      const email = 'custom-subject@example.com';
      await register(server, { email, password: PASSWORD });
      const activation = await smtp.waitForEmail((e) => e.to === email);
      expect(activation.subject).toBe('Welcome to Acme, activate!');
      // The body is still the default one, link included.
      expect(activation.text).toContain('Please go to the following page to activate your account');
      expect(activation.html).toMatch(/<!doctype html>/i);
      expect(await activate(server, activation)).toMatchObject({ __typename: 'ActivateSuccess' });

      const confirmation = await smtp.waitForEmail((e) => e.to === email && e !== activation);
      expect(confirmation.subject).toBe('Acme - Your account has been successfully created and activated!');
    } finally {
      await server.close();
    }
  });

  async function createAuthError(templatesDir: string): Promise<Error> {
    const started = createAuth({ secret: TEST_SECRET, mongodb: { uri: testDatabaseUri(), dbName: uniqueDbName() }, email: { templatesDir }, logger: recordingLogger().logger });
    const auth = await started.catch((error: Error) => error);
    if (!(auth instanceof Error)) {
      await auth.close();
      throw new Error('createAuth started with a broken template');
    }
    return auth;
  }

  test('a broken MJML override stops the server from starting, with the file named', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'activation.mjml');
    writeFileSync(file, '<mjml><mj-body><mj-section><mj-column><mj-texte>Hello</mj-texte></mj-column></mj-section></mj-body></mjml>\n');
    const error = await createAuthError(dir);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/mj-texte/);
  });

  test('a broken Handlebars text template stops the server from starting, with the file named', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'password-reset.txt');
    writeFileSync(file, 'Hello {{#if}}\n');
    const error = await createAuthError(dir);
    expect(error.message).toContain(file);
  });

  test('a broken Handlebars subject stops the server from starting, with the file named', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'confirmation.subject');
    writeFileSync(file, 'Welcome {{siteName\n');
    const error = await createAuthError(dir);
    expect(error.message).toContain(file);
  });
});

describe('the command line', () => {
  test('a developer running `authql serve` without SMTP_URL sees the activation email in the console: subject, text and a link that works, no HTML', async () => {
    const dir = tempDir();
    const dbName = uniqueDbName();
    const configFile = path.join(dir, 'authql.json');
    writeFileSync(configFile, JSON.stringify({ mongodb: { dbName }, sendActivationEmail: true, frontend: ACME }));
    const port = await freePort();
    const serve = startCli(['serve', '--config', configFile], cliEnv({ MONGODB_URI: testDatabaseUri(), AUTH_SECRET: TEST_SECRET, PORT: String(port), HOST: '127.0.0.1' }));
    try {
      await waitFor('"serving" in the log', () => /serving/.test(serve.stdout()), 60_000, serve);
      const url = `http://127.0.0.1:${port}/graphql`;
      const gql = async (document: Document, variables: Record<string, unknown>) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: queryOf(document), variables }) });
        return (await response.json()) as { data?: any; errors?: unknown };
      };
      const email = 'console@example.com';
      const registered = await gql(graphql(`mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }`), { input: { email, password: PASSWORD } });
      expect(registered).toEqual({ data: { register: { __typename: 'RegisterSuccess' } } });

      const link = await waitFor('the activation link in the console', () => /https:\/\/app\.example\.test\/#\/activate\/\S+/.exec(serve.stdout())?.[0], 15_000, serve);
      const out = serve.stdout();
      expect(out).toContain(`email to ${email}`);
      expect(out).toContain('Subject: Account activation on Acme');
      expect(out).toContain('Please go to the following page to activate your account:');
      expect(out).toContain('The Acme team');
      const printed = out + serve.stderr();
      expect(printed).not.toMatch(/<\/?(!doctype|html|head|body|table|tr|td|div|p|a|mj-[a-z]+)[\s>]/i);

      const [uid, token] = link.split('/#/activate/')[1].split('/');
      const activated = await gql(ACTIVATE, { input: { uid, token } });
      expect(activated.data.activate).toMatchObject({ __typename: 'ActivateSuccess', user: { isActive: true } });

      serve.process.kill('SIGTERM');
      expect(await withDeadline(serve.exited, 10_000, 'stopping after SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await stopAllCli();
      await dropTestDatabase(dbName);
    }
  });

  test('a designer previews the activation email: `authql email preview activation --out a.html` writes the HTML with the sample link and prints the subject', async () => {
    const dir = tempDir();
    const configFile = path.join(dir, 'authql.json');
    writeFileSync(configFile, JSON.stringify({ frontend: ACME }));
    const out = path.join(dir, 'a.html');
    const result = await runCli(['email', 'preview', 'activation', '--out', out, '--config', configFile], cliEnv());
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Subject: Account activation on Acme');
    const link = /https:\/\/app\.example\.test\/#\/activate\/\S+/.exec(result.stdout)?.[0];
    // The sample user's uid (its id is 24 zeros) and a made-up token: no real link is ever shown.
    expect(link).toBe('https://app.example.test/#/activate/MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw/sample-token');
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<!doctype html>/i);
    expect(html).toContain(`href="${link}"`);
    expect(html).toContain('Acme');
  });

  test('`authql email preview nope` is wrong usage: exit code 2 and the template names listed', async () => {
    const result = await runCli(['email', 'preview', 'nope'], cliEnv());
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 2 });
    expect(result.stderr).toMatch(/activation/);
    expect(result.stderr).toMatch(/password-reset/);
  });
});
