/**
 * The schema engine's JSON-RPC mode as the Prisma CLI drives it: one JSON object per line on
 * stdin (requests) and stdout (responses), logs as JSON lines on stderr, exit when stdin closes.
 * Every method is delegated to the Wasm schema engine, except the few that need another database
 * than the datasource (createDatabase, dbExecute on a URL), answered with `pg`.
 * `diff` output goes back through the CLI's `print` callback, as the native engine does.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadSchemaEngineWasm } from './load-wasm.mjs';
import { createMigrationAdapterFactory, withClient } from './pg-adapter-factory.mjs';
import { createDatabase, toKnownError, KnownDatabaseError } from './cli-commands.mjs';

/** CLI method name → Wasm engine method name, where they differ. */
const RENAMED = { getDatabaseVersion: 'version' };

const WASM_METHODS = new Set([
  'applyMigrations',
  'createMigration',
  'dbExecute',
  'debugPanic',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'diff',
  'ensureConnectionValidity',
  'evaluateDataLoss',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
  'version',
]);

function toJson(value) {
  return JSON.stringify(value, (_key, v) => {
    if (v instanceof Map) return Object.fromEntries(v);
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}

function log(level, message) {
  process.stderr.write(toJson({ level, fields: { message }, target: 'schema_engine::bridge' }) + '\n');
}

/** The engine's span trace ("   0: schema_engine…") is noise for users: keep the message. */
function userMessage(error) {
  const message = String(error?.message ?? error);
  const cut = message.search(/\n\s+0: /);
  return cut >= 0 ? message.slice(0, cut) : message;
}

function rpcError(error) {
  const panic = error instanceof WebAssembly.RuntimeError;
  if (panic && globalThis.PRISMA_WASM_PANIC_REGISTRY?.message)
    error = new Error(globalThis.PRISMA_WASM_PANIC_REGISTRY.message);
  const code = typeof error?.code === 'string' ? error.code : undefined;
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: panic,
      message: userMessage(error),
      ...(code ? { error_code: code, meta: error.meta ?? {} } : {}),
      ...(panic ? { error: { message: userMessage(error) } } : {}),
    },
  };
}

/**
 * @param {{ datamodels: string[], datasource: { url?: string, shadowDatabaseUrl?: string } }} args
 */
export async function serveRpc({ datamodels, datasource }) {
  const url = datasource.url ?? '';
  const wasm = await loadSchemaEngineWasm();
  const { factory, cleanup } = createMigrationAdapterFactory({ url, shadowDatabaseUrl: datasource.shadowDatabaseUrl });
  const files = datamodels.map((path) => [path, readFileSync(path, 'utf8')]);
  let enginePromise;
  const engine = () => {
    enginePromise ??= wasm.SchemaEngine.new(
      { datamodels: files.length > 0 ? files : undefined },
      (line) => process.stderr.write(String(line).trimEnd() + '\n'),
      factory,
    );
    return enginePromise;
  };

  let nextCallbackId = 1_000_000_000;
  const pendingCallbacks = new Map();
  const send = (message) => process.stdout.write(toJson(message) + '\n');
  const print = (content) =>
    new Promise((resolve) => {
      const id = nextCallbackId++;
      pendingCallbacks.set(id, resolve);
      send({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  async function call(method, params) {
    if (method === 'createDatabase') {
      const target = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : url;
      try {
        return { databaseName: await createDatabase(target) };
      } catch (error) {
        throw toKnownError(target, error);
      }
    }
    if (method === 'dbExecute' && params?.datasourceType?.tag === 'url' && params.datasourceType.url !== url) {
      const target = params.datasourceType.url;
      await withClient(target, (c) => c.query(params.script)).catch((error) => {
        throw toKnownError(target, error);
      });
      return null;
    }
    const wasmMethod = RENAMED[method] ?? method;
    if (!WASM_METHODS.has(wasmMethod)) {
      throw Object.assign(new Error(`The schema engine bridge does not implement \`${method}\`.`), { rpcCode: -32601 });
    }
    const instance = await engine();
    if (wasmMethod === 'diff') {
      const { stdout, ...rest } = await instance.diff(params);
      if (stdout) await print(stdout);
      return { ...rest, stdout: null };
    }
    if (wasmMethod === 'debugPanic') return instance.debugPanic();
    return instance[wasmMethod](params);
  }

  async function handle(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      log('ERROR', `Unparseable request: ${line.slice(0, 200)}`);
      return;
    }
    if (message.method === undefined && pendingCallbacks.has(message.id)) {
      pendingCallbacks.get(message.id)(message.result);
      pendingCallbacks.delete(message.id);
      return;
    }
    openRequestIds.add(message.id);
    try {
      const result = await call(message.method, message.params);
      send({ jsonrpc: '2.0', id: message.id, result: result === undefined ? null : result });
    } catch (error) {
      const known = error instanceof KnownDatabaseError || typeof error?.code === 'string';
      if (!known) log('ERROR', userMessage(error));
      const payload = error?.rpcCode ? { code: error.rpcCode, message: error.message } : rpcError(error);
      send({ jsonrpc: '2.0', id: message.id, error: payload });
    } finally {
      openRequestIds.delete(message.id);
    }
  }

  const inFlight = new Set();
  const openRequestIds = new Set();
  // A Rust panic traps inside a Wasm callback, outside any promise: answer what is open, exit 101.
  process.on('uncaughtException', (error) => {
    const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || String(error?.stack ?? error);
    log('ERROR', panic);
    for (const id of openRequestIds) {
      send({
        jsonrpc: '2.0',
        id,
        error: {
          code: 4466,
          message: 'Schema engine panic',
          data: { is_panic: true, message: panic, error: { message: panic } },
        },
      });
    }
    process.exitCode = 101;
    setImmediate(() => process.exit(101));
  });
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => {
    if (!line.trim()) return;
    const task = handle(line).finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  await new Promise((resolve) => input.once('close', resolve));
  await Promise.allSettled([...inFlight]);
  await cleanup();
}
