/**
 * A migration-aware @prisma/adapter-pg factory for the Wasm schema engine, with the adapter-pg
 * defects met on this route corrected here (and only here):
 * 1. catalog queries return PostgreSQL's internal `"char"` type (oid 18, e.g. pg_constraint.contype),
 *    which adapter-pg rejects as an unsupported column type: it is read as text and reported to the
 *    engine as the Character column type, which is what the schema describer reads it as;
 * 2. its shadow-database helper keeps the main connection string (pg ignores a `database`
 *    override next to `connectionString`), so it would migrate the MAIN database: the shadow URL
 *    is built here;
 * 3. it drops the shadow database while its own pool is still connected: here the pool is closed
 *    first (idleTimeoutMillis: 1) and the drop retried until the server has let go;
 * 4. its executeScript splits scripts on every `;` (breaking literals and function bodies):
 *    scripts are sent whole, as the native engine does (simple query protocol).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Returns a copy of `url` pointing at database `database` (all other parameters kept). */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The `?schema=` of a Prisma PostgreSQL URL, if any. */
export function schemaOf(url) {
  try {
    return new URL(url).searchParams.get('schema') ?? undefined;
  } catch {
    return undefined;
  }
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

function patchQueryable(queryable) {
  const charColumns = new WeakMap();
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const indices = [];
    (result?.fields ?? []).forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        indices.push(index);
      }
    });
    if (indices.length > 0) charColumns.set(query, indices);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

function patchAdapter(adapter) {
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/** Runs `fn` with a short-lived pg client on `url`. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops a database, retrying while its last sessions are still going away (up to 10 s). */
export async function dropDatabase(adminUrl, database) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`));
      return;
    } catch (error) {
      if (error?.code !== '55006' || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @returns the bound factory for `SchemaEngine.new`, plus `cleanup()` that drops shadow
 *   databases the engine did not dispose of.
 */
export function createMigrationAdapterFactory(datasource) {
  const { url, shadowDatabaseUrl } = datasource;
  const options = schemaOf(url) ? { schema: schemaOf(url) } : undefined;
  const main = new PrismaPg({ connectionString: url }, options);
  const openShadows = new Set();

  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      return patchAdapter(await main.connect());
    },
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // A configured shadow database is emptied first, as the native engine does.
        const schema = schemaOf(shadowDatabaseUrl) ?? 'public';
        await withClient(shadowDatabaseUrl, (c) =>
          c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)}`),
        );
        const shadowOptions = schemaOf(shadowDatabaseUrl) ? { schema } : undefined;
        return patchAdapter(await new PrismaPg({ connectionString: shadowDatabaseUrl }, shadowOptions).connect());
      }
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));
      openShadows.add(database);
      const shadow = patchAdapter(
        await new PrismaPg({ connectionString: withDatabase(url, database), idleTimeoutMillis: 1 }, options).connect(),
      );
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await dropDatabase(url, database);
        openShadows.delete(database);
      };
      return shadow;
    },
  };

  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    async cleanup() {
      for (const database of [...openShadows]) {
        await dropDatabase(url, database).catch(() => {});
        openShadows.delete(database);
      }
    },
  };
}
