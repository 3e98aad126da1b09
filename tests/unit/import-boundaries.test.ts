/**
 * The dependency direction of the top-level folders is enforced by ESLint (eslint.config.mjs):
 * a wrong-direction import fails lint, the allowed ones pass, and today's tree is clean. And no
 * file imports itself through others (no import cycle anywhere; no cycle plugin in the toolchain,
 * so tests/support/import-cycles.ts walks the graph).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { importCycles, importGraph } from '../support/import-cycles';

type Case = [filePath: string, code: string];
interface LintAnswer {
  cases: string[][];
  tree: string[];
  linted: number;
}

/** One ESLint run (a child process: ESLint loads its config with a dynamic import) for all cases. */
function lint(cases: Case[], tree = false): LintAnswer {
  const out = execFileSync(process.execPath, [join(__dirname, '../support/boundary-lint.mjs')], {
    input: JSON.stringify({ cases: cases.map(([filePath, code]) => ({ filePath, code })), tree }),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out) as LintAnswer;
}

const WRONG_WAY: Case[] = [
  ['integrations/zoho/probe.ts', "import { DATA_CENTER_IDS } from '../../server/contract/admin';"],
  ['integrations/jira/probe.ts', "import { createActivities } from '../../activities/index';"],
  ['store/probe.ts', "import { upsertSchedule } from '../server/temporal/schedules';"],
  ['store/probe.ts', "import { createClientRegistry } from '../clients/registry';"],
  ['activities/probe.ts', "import { AppError } from '../server/errors';"],
  ['activities/probe.ts', "import { createWorker } from '../worker/main';"],
  ['workflows/probe.ts', "import { loadSmartConnectedItem } from '../store/items';"],
  ['workflows/probe.ts', "import { createZohoClient } from '../integrations/zoho/client';"],
  ['workflows/probe.ts', "import { createActivities } from '../activities/index';"],
  ['workflows/probe.ts', "import type { PullPagesResult } from '../activities/pull';"],
  ['workflows/probe.ts', "import { randomUUID } from 'node:crypto';"],
  ['workflows/probe.ts', "import { request } from 'undici';"],
  ['workflows/core/probe.ts', "import { proxyActivities } from '@temporalio/workflow';"],
  ['workflows/core/probe.ts', "import type { SyncActivities } from '../../activities/index';"],
  ['workflows/core/probe.ts', "import { jiraIssueEventSignal } from '../signals';"],
  ['workflows/core/probe.ts', "import { ACTIVITY_PRESETS } from '../../temporal.config';"],
  ['workflows/core/probe.ts', "import { PrismaClient } from '@prisma/client';"],
  ['workflows/core/values/probe.ts', "import { scheduleIdFor } from '../../ids';"],
  ['server/routes/probe.ts', "import { startZohoSim } from '../../sim/zoho';"],
  ['clients/probe.ts', "import { DEMO_CLIENT_ID } from '../sim/zoho/demo-tenant';"],
  ['web/admin/probe.tsx', "import { createItemStore } from '../../server/services/item-store';"],
  ['web/admin/probe.tsx', "import { loadSmartConnectedItem } from '../../store/items';"],
];

const ALLOWED: Case[] = [
  ['workflows/probe.ts', "import type { SyncActivities } from '../activities/index';"],
  ['workflows/probe.ts', "import { mappingsFlowing } from './core/mapping';"],
  ['workflows/probe.ts', "import { ACTIVITY_PRESETS } from '../temporal.config';"],
  ['workflows/core/probe.ts', "import { z } from 'zod';"],
  ['workflows/core/values/probe.ts', "import type { SyncMode } from '../model';"],
  ['activities/probe.ts', "import { loadSmartConnectedItem } from '../store/items';"],
  ['activities/probe.ts', "import { createZohoClient } from '../integrations/zoho/client';"],
  ['integrations/zoho/probe.ts', "import { DATA_CENTER_IDS } from '../../workflows/core/data-centers';"],
  ['server/routes/probe.ts', "import { loadSmartConnectedItem } from '../../store/items';"],
  ['web/admin/probe.tsx', "import { itemSchema } from '../../server/contract/admin';"],
  ['web/admin/probe.tsx', "import { SYNC_MODES } from '../../workflows/core/model';"],
  ['sim/zoho/probe.ts', "import { ZOHO_PRODUCT_SCOPES } from '../../integrations/zoho/scopes';"],
  ['tests/e2e/probe.ts', "import { startZohoSim } from '../../sim/zoho';"],
  ['scripts/bench/probe.ts', "import { startJiraSim } from '../../sim/jira';"],
];

let answer: LintAnswer;
beforeAll(() => {
  answer = lint([...WRONG_WAY, ...ALLOWED], true);
}, 120_000);

describe('import boundaries between the top-level folders', () => {
  it.each(WRONG_WAY.map((c, i) => [...c, i] as const))('%s may not: %s', (_file, _code, i) => {
    expect(answer.cases[i]).toContainEqual(expect.stringContaining('is restricted'));
  });

  it.each(ALLOWED.map((c, i) => [...c, WRONG_WAY.length + i] as const))('%s may: %s', (_file, _code, i) => {
    expect(answer.cases[i]).toEqual([]);
  });

  it('the whole tree keeps to the boundaries', () => {
    expect(answer.linted).toBeGreaterThan(200);
    expect(answer.tree).toEqual([]);
  });
});

describe('import cycles', () => {
  it('the cycle check finds a cycle, a self-import, and no cycle in a chain', () => {
    const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
    expect(importCycles(graph({ 'relay.ts': ['outbox-row.ts'], 'outbox-row.ts': ['relay.ts'] }))).toEqual([
      ['outbox-row.ts', 'relay.ts'],
    ]);
    expect(importCycles(graph({ 'a.ts': ['a.ts'] }))).toEqual([['a.ts']]);
    expect(importCycles(graph({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': [] }))).toEqual([]);
  });

  it('no file of the tree imports itself through others (value or type imports)', () => {
    const graph = importGraph(join(__dirname, '../..'));
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('server/events/relay.ts')).toContain('server/events/outbox.ts');
    expect(importCycles(graph)).toEqual([]);
  });
});
