#!/usr/bin/env node
/**
 * Offline stand-in for Prisma's native `schema-engine` binary, used through
 * PRISMA_SCHEMA_ENGINE_BINARY by scripts/prisma.mjs when no native engine is available (see
 * prisma/README.md). Same command line as the native engine:
 *   schema-engine --version
 *   schema-engine [--datamodels <file>]… [--datasource <json>] cli <command>   (one-shot)
 *   schema-engine [--datamodels <file>]… [--datasource <json>]                 (JSON-RPC on stdio)
 */
import { runCliCommand } from './cli-commands.mjs';
import { serveRpc } from './rpc-server.mjs';
import { schemaEngineWasmVersion } from './load-wasm.mjs';

function parseArgs(argv) {
  const parsed = { datamodels: [], datasource: {}, cli: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--version' || arg === '-V') parsed.version = true;
    else if (arg === '--datamodels') parsed.datamodels.push(argv[++i]);
    else if (arg === '--datasource') parsed.datasource = JSON.parse(argv[++i]);
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++;
    else if (arg === 'cli') {
      parsed.cli = argv[++i];
      break;
    }
  }
  return parsed;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const wasmVersion = schemaEngineWasmVersion();
    process.stdout.write(
      `schema-engine-cli ${wasmVersion.split('.').pop()} (wasm bridge, @prisma/schema-engine-wasm ${wasmVersion})\n`,
    );
    return 0;
  }
  if (args.cli) return runCliCommand(args.cli, args.datasource);
  await serveRpc(args);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      JSON.stringify({
        level: 'ERROR',
        fields: { message: String(error?.stack ?? error) },
        target: 'schema_engine::bridge',
      }) + '\n',
    );
    process.exit(1);
  },
);
