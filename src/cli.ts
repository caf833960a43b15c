// `authql <command>`: serve, print-schema. Exit codes: 0 done, 1 failed, 2 wrong usage.
import cluster from 'node:cluster';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DjangoUserRecord } from './accounts';
import { createAuth, startMetricsPort, storeOf } from './auth';
import { ConfigError, parseConfig } from './config';
import { consoleLogger } from './logger';
import { UsageError, loadConfigFile, optionsFromEnvironment } from './cli/config-file';
import { findDatabase, type FoundDatabase } from './cli/embedded-db';
import { buildSchema, printAuthSchema } from './graphql/schema';
import { CLIENT_HELP, generateClient } from './client-codegen';
import { sampleEmailContext } from './mail/mailer';
import { TEMPLATE_NAMES, compileTemplates, type TemplateName } from './mail/templates';
import { lowerHashingPriority } from './cli/process-tuning';
import { startServer } from './server';
import { DRAINING_SIGNALS, parseWorkerCount, reportServing, runWorkers, workerNumber } from './cli/workers';

/** A command that ran and failed (exit 1), as opposed to wrong usage (exit 2). */
class CommandError extends Error {
  name = 'CommandError';
}

const HELP: Record<string, string> = {
  main: `Usage: authql <command> [options]

Commands:
  serve [--config file] [--workers N|auto]
                                 serve the GraphQL API (GraphiQL in development)
  print-schema [--config file]   print the GraphQL SDL for the configured options
  client --config file --out dir write the typed client (documents, types) for the configured options
  create-admin --email … [--username …] [--password-stdin] [--config file]
                                 create an active superuser and staff member
  ensure-indexes [--config file] create the collections and indexes authql needs
  mail-worker [--config file]    deliver queued emails (for a worker separate from the servers)
  email preview <name> [--out file.html] [--config file]
                                 render an email template with sample data
  import-users <file.json> [--config file]
                                 import users from Django's dumpdata JSON

Run "authql <command> --help" for a command's options.
Environment: MONGODB_URI, AUTHQL_COLLECTION_PREFIX (authql_), AUTH_SECRET, HOST (127.0.0.1), PORT (4000), SMTP_URL,
EMAIL_FROM, NODE_ENV.`,
  serve: `Usage: authql serve [--config file] [--workers N|auto]

Serves /graphql on HOST:PORT (default 127.0.0.1:4000). Without MONGODB_URI (outside
production) it starts an embedded database: a ferretdb binary on PATH (or one built
earlier into ~/.cache/authql, AUTHQL_CACHE_DIR), else mongodb-memory-server, else
FerretDB built once with go into that cache. Without SMTP_URL emails are printed to
the console.
--workers N runs N server processes sharing the port (auto: one per CPU); a logout
or a change made on one reaches the others within authCache.ttl (2 s).`,
  client: CLIENT_HELP,
  'print-schema': `Usage: authql print-schema [--config file]

Prints the GraphQL schema (SDL) that the given options produce. Needs no database.`,
  'create-admin': `Usage: authql create-admin --email <email> [--username <name>] [--password-stdin] [--config file]

Creates an active user who is staff and superuser, in MONGODB_URI. --username is
needed when the login field is the username. The password is read from standard
input with --password-stdin (e.g. \`echo "$PW" | authql create-admin --email a@b.c --password-stdin\`),
or asked for twice on a terminal. It must pass the password policy.`,
  'ensure-indexes': `Usage: authql ensure-indexes [--config file]

Creates authql's collections and indexes in MONGODB_URI (idempotent). \`serve\` does
this at startup too; run it on deploy when the server's database user may not.`,
  'mail-worker': `Usage: authql mail-worker [--config file]

Delivers the emails queued in the outbox of MONGODB_URI, with retries and backoff,
until SIGTERM. Servers deliver too unless their config says "email": { "worker": false };
several workers never send one message twice (each claims it with a lease).`,
  email: `Usage: authql email preview <name> [--out file.html] [--config file]

Renders one email with sample data so a designer can look at it. Names: ${TEMPLATE_NAMES.join(', ')}.
Uses email.templatesDir from the config file. Without --out the HTML goes to standard
output; with it, the subject and the text version are printed.`,
  'import-users': `Usage: authql import-users <file.json> [--config file]

Imports users from the JSON of Django's \`manage.py dumpdata auth.User\` (or a custom user
model) into MONGODB_URI. Password hashes are kept (pbkdf2_sha256, pbkdf2_sha1,
argon2): users log in with their old password, and the hash is upgraded to argon2id
at that login. Users whose login field is already taken are skipped and listed.`,
};

async function serve(configFile: string | undefined, workersOption: string | undefined): Promise<void> {
  const workers = parseWorkerCount(workersOption);
  if (workers === null) throw new UsageError(`--workers takes a number of processes or "auto", not "${workersOption}"`);
  const fileOptions = loadConfigFile(configFile);
  const production = process.env.NODE_ENV === 'production';
  const givenUri = process.env.MONGODB_URI || (fileOptions.mongodb as { uri?: string } | undefined)?.uri;
  let database: FoundDatabase | null = null;
  if (cluster.isWorker) {
    // The primary found the database and the secret, and says where it serves.
  } else if (givenUri) {
    consoleLogger.info('database: MONGODB_URI');
  } else if (!production) {
    // In production a missing MONGODB_URI is reported by createAuth, with every other failed check.
    database = await findDatabase(process.env);
    consoleLogger.info(database.description);
  }
  const options = optionsFromEnvironment(fileOptions, process.env, process.env.MONGODB_URI || database?.uri);
  if (workers > 1 && cluster.isPrimary) {
    // Checked (every failed check at once) before any worker starts; a random development
    // secret is made here, once, so that every worker signs with it.
    const { secret, mongodb } = parseConfig({ ...options, logger: consoleLogger });
    const code = await runWorkers(workers, { MONGODB_URI: (mongodb as { uri: string }).uri, AUTH_SECRET: secret }, consoleLogger);
    await database?.stop();
    process.exit(code);
  }
  // One process delivers email and cleans up; the outbox's leases would make several safe, just busier.
  if (workerNumber() > 1) options.email = { ...options.email, worker: false };
  // Hashes get the CPU time that requests leave: a login storm slows logins, not the rest.
  await lowerHashingPriority();
  const auth = await createAuth(options);
  const running = await startServer(auth, { host: auth.config.server.host, port: auth.config.server.port });
  const note = auth.config.graphiql ? ' (open it in a browser for GraphiQL)' : '';
  if (cluster.isWorker) reportServing(running.url, note);
  else consoleLogger.info(`serving ${running.url}${note}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await running.close();
    await auth.close();
    await database?.stop();
    process.exit(0);
  };
  // SIGHUP too (a closed terminal, some process managers): drained like the others, never a cut-off request.
  for (const signal of DRAINING_SIGNALS) process.on(signal, () => void shutdown(signal));
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password: pass it on standard input with --password-stdin');
  // Loaded only here: no other command asks anything. What is typed is not echoed.
  const { default: password } = await import('@inquirer/password');
  const ask = (message: string) => password({ message }, { input: process.stdin, output: process.stderr });
  const first = await ask('Password:');
  if (first !== (await ask('Password (again):'))) throw new UsageError("the two passwords didn't match");
  return first;
}

/** createAuth for a one-off command: the database from MONGODB_URI or the config file, quiet logs. */
async function authForCommand(configFile: string | undefined) {
  const fileOptions = loadConfigFile(configFile);
  const options = optionsFromEnvironment(fileOptions, process.env, process.env.MONGODB_URI);
  return createAuth({ ...options, logger: { info: () => undefined, warn: () => undefined, error: consoleLogger.error } });
}

async function createAdminCommand(values: { email?: string; username?: string; 'password-stdin'?: boolean; config?: string }): Promise<void> {
  if (!values.email && !values.username) throw new UsageError('give the admin an --email (and a --username when the login field is the username)');
  const password = await readPassword(!!values['password-stdin']);
  const auth = await authForCommand(values.config);
  try {
    const result = await auth.accounts.createAdmin({ email: values.email ?? null, username: values.username ?? null, password });
    if (!result.ok) {
      const details = result.kind === 'validation' ? result.fieldErrors.map((e) => `${e.field}: ${e.message}`).join(' ') : result.message;
      throw new CommandError(`the admin was not created: ${details}`);
    }
    process.stdout.write(`created admin ${result.user.email ?? result.user.username} (id ${result.user.id})\n`);
  } finally {
    await auth.close();
  }
}

async function ensureIndexesCommand(configFile: string | undefined): Promise<void> {
  // createAuth ensures the indexes as it starts.
  const auth = await authForCommand(configFile);
  await auth.close();
  process.stdout.write(`indexes ensured on database "${storeOf(auth).databaseName}"\n`);
}

async function mailWorkerCommand(configFile: string | undefined): Promise<void> {
  const fileOptions = loadConfigFile(configFile);
  const email = { ...((fileOptions.email as Record<string, unknown>) ?? {}), worker: true };
  const options = optionsFromEnvironment({ ...fileOptions, email }, process.env, process.env.MONGODB_URI);
  const auth = await createAuth(options);
  // With metrics.port, the worker can be scraped (outbox backlog) and probed like a server.
  const metricsPort = await startMetricsPort(auth);
  auth.config.logger.info('mail worker running: delivering queued emails until SIGTERM');
  const stop = async (signal: string) => {
    auth.config.logger.info(`${signal}: finishing the email being sent, then stopping`);
    await metricsPort?.close();
    await auth.close();
    process.exit(0);
  };
  for (const signal of DRAINING_SIGNALS) process.once(signal, () => void stop(signal));
}

async function emailPreviewCommand(positionals: string[], values: { out?: string; config?: string }): Promise<void> {
  const [action, name] = positionals;
  if (action !== 'preview') throw new UsageError('the email command has one action: authql email preview <name>');
  if (!name || !(TEMPLATE_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`name a template: ${TEMPLATE_NAMES.join(', ')}`);
  }
  const fileOptions = loadConfigFile(values.config);
  const config = parseConfig({ ...fileOptions, mongodb: { uri: 'mongodb://unused' }, secret: 'preview' });
  const templates = await compileTemplates(config.email.templatesDir);
  const rendered = templates[name as TemplateName](sampleEmailContext(config, name as TemplateName));
  if (!values.out) {
    process.stdout.write(rendered.html);
    return;
  }
  writeFileSync(values.out, rendered.html);
  process.stdout.write(`wrote ${values.out}\nSubject: ${rendered.subject}\n\n${rendered.text}`);
}

async function importUsers(file: string | undefined, configFile: string | undefined): Promise<void> {
  if (!file) throw new UsageError('name the JSON file to import: authql import-users <file.json>');
  let records: unknown;
  try {
    records = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(records)) throw new UsageError(`${file} is not a dumpdata JSON array`);
  const users = records.filter((r): r is DjangoUserRecord => typeof r === 'object' && r !== null && typeof r.fields === 'object');
  const auth = await authForCommand(configFile);
  try {
    const report = await auth.accounts.importDjangoUsers(users);
    process.stdout.write(
      `imported ${report.imported} user(s); skipped ${report.skippedExisting.length} already present` +
        `${report.skippedExisting.length ? ` (${report.skippedExisting.join(', ')})` : ''}; skipped ${report.skippedInvalid} without ${auth.config.loginField === 'email' ? 'an email' : 'a username'}\n`,
    );
  } finally {
    await auth.close();
  }
}

function printSchemaCommand(configFile: string | undefined): void {
  const fileOptions = loadConfigFile(configFile);
  // The schema does not depend on the database or the secret.
  const config = parseConfig({ ...fileOptions, mongodb: { uri: 'mongodb://unused' }, secret: 'unused' });
  process.stdout.write(printAuthSchema(buildSchema(config)));
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP.main}\n`);
    return command ? 0 : 2;
  }
  if (!(command in HELP) || command === 'main') {
    process.stderr.write(`authql: unknown command "${command}"; run "authql --help".\n`);
    return 2;
  }
  let values: { config?: string; help?: boolean; email?: string; username?: string; 'password-stdin'?: boolean; out?: string; workers?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: {
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...(command === 'create-admin'
          ? { email: { type: 'string' as const }, username: { type: 'string' as const }, 'password-stdin': { type: 'boolean' as const } }
          : {}),
        ...(command === 'email' || command === 'client' ? { out: { type: 'string' as const } } : {}),
        ...(command === 'serve' ? { workers: { type: 'string' as const } } : {}),
      },
      strict: true,
      allowPositionals: command === 'import-users' || command === 'email',
    }) as { values: typeof values; positionals: string[] });
  } catch (error) {
    process.stderr.write(`authql ${command}: ${(error as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  try {
    if (command === 'serve') await serve(values.config, values.workers);
    else if (command === 'print-schema') printSchemaCommand(values.config);
    else if (command === 'client') clientCommand(values.config, values.out);
    else if (command === 'import-users') await importUsers(positionals[0], values.config);
    else if (command === 'create-admin') await createAdminCommand(values);
    else if (command === 'ensure-indexes') await ensureIndexesCommand(values.config);
    else if (command === 'mail-worker') await mailWorkerCommand(values.config);
    else if (command === 'email') await emailPreviewCommand(positionals, values);
    return 0;
  } catch (error) {
    const message = (error as Error).message.replace(/^authql: /, '');
    process.stderr.write(`authql ${command}: ${message}\n`);
    return error instanceof UsageError || error instanceof ConfigError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      // serve and mail-worker keep running; everything else exits with its code.
      if (!['serve', 'mail-worker'].includes(process.argv[2]) || code !== 0) process.exit(code);
    },
    (error) => {
      process.stderr.write(`authql: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

/** `authql client --config <file> --out <dir>`: the typed client for the configured server, in <dir>/authql.ts. */
function clientCommand(configFile: string | undefined, out: string | undefined): void {
  if (!out) throw new UsageError('--out <dir> is required');
  const file = path.join(out, 'authql.ts');
  mkdirSync(out, { recursive: true });
  writeFileSync(file, generateClient(loadConfigFile(configFile)));
  process.stdout.write(`wrote ${file}\n`);
}
