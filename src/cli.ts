// `authql <command>`: serve, print-schema. Exit codes: 0 done, 1 failed, 2 wrong usage.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DjangoUserRecord } from './accounts';
import { createAuth } from './auth';
import { ConfigError, consoleLogger, parseConfig } from './config';
import { UsageError, loadConfigFile, optionsFromEnvironment } from './cli-config';
import { findDatabase, type FoundDatabase } from './embedded-db';
import { buildSchema, printAuthSchema } from './graphql/schema';
import { startServer } from './server';

const HELP: Record<string, string> = {
  main: `Usage: authql <command> [options]

Commands:
  serve [--config file]          serve the GraphQL API (GraphiQL in development)
  print-schema [--config file]   print the GraphQL SDL for the configured options
  import-users <file.json> [--config file]
                                 import users from Django's dumpdata JSON

Run "authql <command> --help" for a command's options.
Environment: MONGODB_URI, AUTH_SECRET, HOST (127.0.0.1), PORT (4000), SMTP_URL, EMAIL_FROM, NODE_ENV.`,
  serve: `Usage: authql serve [--config file]

Serves /graphql on HOST:PORT (default 127.0.0.1:4000). Without MONGODB_URI (outside
production) it starts an embedded database: a ferretdb binary on PATH, else
mongodb-memory-server. Without SMTP_URL emails are printed to the console.`,
  'print-schema': `Usage: authql print-schema [--config file]

Prints the GraphQL schema (SDL) that the given options produce. Needs no database.`,
  'import-users': `Usage: authql import-users <file.json> [--config file]

Imports users from the JSON of Django's \`manage.py dumpdata auth.User\` (or a custom user
model) into MONGODB_URI. Password hashes are kept (pbkdf2_sha256, pbkdf2_sha1,
argon2): users log in with their old password, and the hash is upgraded to argon2id
at that login. Users whose login field is already taken are skipped and listed.`,
};

async function serve(configFile: string | undefined): Promise<void> {
  const fileOptions = loadConfigFile(configFile);
  const production = process.env.NODE_ENV === 'production';
  if (production && !process.env.MONGODB_URI && !(fileOptions.mongodb as { uri?: string } | undefined)?.uri) {
    throw new UsageError('MONGODB_URI is not set: in production it is required');
  }
  let database: FoundDatabase | null = null;
  if (!process.env.MONGODB_URI && !(fileOptions.mongodb as { uri?: string } | undefined)?.uri) {
    database = await findDatabase(process.env);
    consoleLogger.info(database.description);
  } else {
    consoleLogger.info('database: MONGODB_URI');
  }
  const { options, generatedSecret } = optionsFromEnvironment(fileOptions, process.env, process.env.MONGODB_URI ?? database?.uri);
  if (generatedSecret) consoleLogger.warn('AUTH_SECRET is not set: using a random secret, so tokens and links die when the server restarts');
  const auth = await createAuth(options);
  const running = await startServer(auth, { host: auth.config.server.host, port: auth.config.server.port });
  consoleLogger.info(`serving ${running.url}${auth.config.graphiql ? ' (open it in a browser for GraphiQL)' : ''}`);

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
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
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
  const fileOptions = loadConfigFile(configFile);
  const { options } = optionsFromEnvironment(fileOptions, process.env, process.env.MONGODB_URI);
  const auth = await createAuth({ ...options, logger: { info: () => undefined, warn: () => undefined, error: consoleLogger.error } });
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
  let values: { config?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: command === 'import-users',
    }));
  } catch (error) {
    process.stderr.write(`authql ${command}: ${(error as Error).message}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP[command]}\n`);
    return 0;
  }
  try {
    if (command === 'serve') await serve(values.config);
    else if (command === 'print-schema') printSchemaCommand(values.config);
    else if (command === 'import-users') await importUsers(positionals[0], values.config);
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
      // serve keeps running; everything else exits with its code.
      if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
    },
    (error) => {
      process.stderr.write(`authql: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
