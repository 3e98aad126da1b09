/**
 * The schema engine's one-shot commands (`schema-engine --datasource '{"url":…}' cli <command>`),
 * answered with `pg`. The Prisma CLI reads failures from stderr: JSON log lines, the first one
 * skipped, an ERROR line of target `schema_engine::logger` carrying `fields.error_code/message`.
 */
import { withClient, withDatabase } from './pg-adapter-factory.mjs';

function logLine(level, fields) {
  return JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' });
}

/** A user-facing error with a Prisma error code (P1000, P1001, P1003, …). */
export class KnownDatabaseError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

function describe(url) {
  const u = new URL(url);
  return {
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    user: decodeURIComponent(u.username),
    location: `${u.hostname}:${u.port || '5432'}`,
  };
}

/** Translates a pg connection error into the Prisma error the native engine would report. */
export function toKnownError(url, error) {
  const { database, user, location } = describe(url);
  switch (error?.code) {
    case '3D000':
      return new KnownDatabaseError(
        'P1003',
        `Database \`${database}\` does not exist on the database server at \`${location}\`.`,
      );
    case '28P01':
    case '28000':
      return new KnownDatabaseError(
        'P1000',
        `Authentication failed against database server at \`${location}\`, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${location}\`.`,
      );
    case '42501':
      return new KnownDatabaseError('P1010', `User \`${user}\` was denied access on the database \`${database}\``);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return new KnownDatabaseError(
        'P1001',
        `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`,
      );
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs `fn` against the server's maintenance database (`postgres`, else `template1`). */
async function withAdminClient(url, fn) {
  try {
    return await withClient(withDatabase(url, 'postgres'), fn);
  } catch (error) {
    if (error?.code !== '3D000') throw error;
    return withClient(withDatabase(url, 'template1'), fn);
  }
}

export async function canConnect(url) {
  await withClient(url, (c) => c.query('SELECT 1'));
}

export async function createDatabase(url) {
  const { database } = describe(url);
  await withAdminClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));
  return database;
}

export async function dropDatabase(url) {
  const { database } = describe(url);
  await withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`));
}

const COMMANDS = {
  'can-connect-to-database': canConnect,
  'create-database': createDatabase,
  'drop-database': dropDatabase,
};

/** @returns {Promise<number>} the process exit code */
export async function runCliCommand(command, datasource) {
  process.stderr.write(logLine('INFO', { message: `schema engine bridge: cli ${command}` }) + '\n');
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(logLine('ERROR', { message: `Unsupported cli command: ${command}` }) + '\n');
    return 1;
  }
  const url = datasource?.url;
  if (!url) {
    process.stderr.write(logLine('ERROR', { message: 'The datasource URL is empty (set DATABASE_URL).' }) + '\n');
    return 1;
  }
  try {
    await run(url);
    return 0;
  } catch (error) {
    const known = toKnownError(url, error);
    const fields =
      known instanceof KnownDatabaseError
        ? { message: known.message, error_code: known.code }
        : { message: known.message };
    process.stderr.write(logLine('ERROR', fields) + '\n');
    return 1;
  }
}
