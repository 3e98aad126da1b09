/**
 * Loads the official Prisma schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
 * Its package entry imports the .wasm file as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules, so the module is instantiated here by hand with the package's own
 * wasm-bindgen glue (schema_engine_bg.js).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** @returns {Promise<typeof import('@prisma/schema-engine-wasm')>} */
export async function loadSchemaEngineWasm() {
  // The engine reports Rust panic messages here before trapping (see schema_engine_bg.js).
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    set_message(message) {
      this.message = message;
    },
  };
  const entry = require.resolve('@prisma/schema-engine-wasm');
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(join(dirname(entry), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/** The installed @prisma/schema-engine-wasm version (its package.json is not exported). */
export function schemaEngineWasmVersion() {
  const entry = require.resolve('@prisma/schema-engine-wasm');
  return JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8')).version;
}
