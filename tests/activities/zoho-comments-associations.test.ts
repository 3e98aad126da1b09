/**
 * Zoho client additions against the simulator over real HTTP: comment edit and delete (V3 PATCH /
 * DELETE), attachment uploader, and task ↔ issue associations (paths UNCONFIRMED, one module).
 */
import {
  startZohoSim,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PORTAL_ID,
  DEMO_PORTAL_NAME,
  DEMO_PROJECT_IDS,
  type ZohoSim,
} from '../../sim/zoho';
import { associatedRows, ZOHO_ASSOCIATION_PATHS } from '../../integrations/zoho/associations';
import { createZohoClient } from '../../integrations/zoho/client';
import { createZohoBudget } from '../../integrations/zoho/budget';
import { createZohoTokenProvider } from '../../integrations/zoho/token-provider';
import { refreshAccessToken } from '../../integrations/zoho/oauth';
import type { ZohoSource } from '../../integrations/zoho/types';

let sim: ZohoSim;
let zoho: ReturnType<typeof createZohoClient>;
const calls: string[] = [];

beforeAll(async () => {
  sim = await startZohoSim();
  const { refresh_token } = sim.control.issueTokens({ clientId: DEMO_CLIENT_ID });
  const overrides = { ZOHO_ACCOUNTS_URL: sim.url, ZOHO_API_URL: sim.url, ZOHO_WEB_URL: 'https://projects.zoho.com' };
  const tokens = createZohoTokenProvider({
    load: async () => null,
    save: async () => undefined,
    refresh: () =>
      refreshAccessToken(
        { dataCenter: 'us', clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, refreshToken: refresh_token! },
        { overrides },
      ),
  });
  zoho = createZohoClient({
    dataCenter: 'us',
    overrides,
    tokens,
    budget: createZohoBudget({ limit: 1000 }),
    onCall: (_o, method, path, status) => calls.push(`${method} ${path} ${status}`),
  });
});
afterAll(async () => {
  await zoho?.close();
  await sim?.close();
});

const tasks: ZohoSource = {
  portalId: DEMO_PORTAL_ID,
  portalName: DEMO_PORTAL_NAME,
  projectId: DEMO_PROJECT_IDS.website,
  module: 'tasks',
};
const issues: ZohoSource = { ...tasks, module: 'issues' };

describe('Zoho comments: edit and delete', () => {
  it('a comment edited through the API has the new HTML and a later modified time; a deleted one is gone', async () => {
    const task = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Comment edits' }) as {
      id: string;
    };
    const { id } = await zoho.addComment(tasks, task.id, '<p>first</p>');
    sim.control.advanceTime(1_000);
    await zoho.updateComment(tasks, task.id, id, '<p>second</p>');
    const [c] = await zoho.listComments(tasks, task.id);
    expect(c).toMatchObject({ id, html: '<p>second</p>' });
    expect(Date.parse(c.modifiedAt!)).toBeGreaterThan(Date.parse(c.createdAt!));

    await zoho.deleteComment(tasks, task.id, id);
    expect(await zoho.listComments(tasks, task.id)).toEqual([]);
    // Deleting again (a retried call whose first answer was lost) is not an error.
    await expect(zoho.deleteComment(tasks, task.id, id)).resolves.toBeUndefined();
  });

  it('attachments say who uploaded them (the token user for our uploads)', async () => {
    const task = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Uploader' }) as { id: string };
    sim.control.attach(task.id, { name: 'theirs.txt', content: 'abc' }, 'priya@example.com');
    const { Readable } = await import('node:stream');
    await zoho.uploadAttachment(tasks, task.id, {
      name: 'ours.txt',
      size: 3,
      contentType: 'text/plain',
      stream: Readable.from([Buffer.from('xyz')]),
    });
    const list = await zoho.listAttachments(tasks, task.id);
    expect(list.map((a) => [a.name, a.uploaderEmail, a.size])).toEqual([
      ['theirs.txt', 'priya@example.com', 3],
      ['ours.txt', 'alex@example.com', 3],
    ]);
    expect(list.every((a) => a.uploaderId && a.createdAt)).toBe(true);
  });
});

describe('Zoho task ↔ issue associations', () => {
  it('a task lists its associated issues and an issue its associated tasks, as records of the other module', async () => {
    const task = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Fix login' }) as { id: string };
    const bug1 = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'issues', { name: 'Login 500' }) as { id: string };
    const bug2 = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'issues', { name: 'Login slow' }) as { id: string };
    const other = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Write docs' }) as { id: string };
    sim.control.associate(task.id, bug1.id);
    sim.control.associate(bug2.id, task.id);
    sim.control.associate(other.id, bug1.id);

    const ofTask = await zoho.listAssociatedRecords(tasks, task.id);
    expect(ofTask.map((r) => [r.module, r.id, r.name])).toEqual([
      ['issues', bug1.id, 'Login 500'],
      ['issues', bug2.id, 'Login slow'],
    ]);
    expect(ofTask[0].key).toMatch(/-I\d+$/);
    const ofBug = await zoho.listAssociatedRecords(issues, bug1.id);
    expect(ofBug.map((r) => [r.module, r.name]).sort()).toEqual([
      ['tasks', 'Fix login'],
      ['tasks', 'Write docs'],
    ]);
    expect(await zoho.listAssociatedRecords(issues, bug2.id)).toEqual([
      expect.objectContaining({ id: task.id, module: 'tasks' }),
    ]);
    expect(await zoho.listAssociatedRecords({ ...tasks, module: 'milestones' }, task.id)).toEqual([]);
    // The documented paths, each spelled once in integrations/zoho/associations.ts.
    expect(calls).toEqual(
      expect.arrayContaining([
        `GET ${ZOHO_ASSOCIATION_PATHS.issuesOfTask(DEMO_PORTAL_ID, DEMO_PROJECT_IDS.website, task.id)} 200`,
        `GET ${ZOHO_ASSOCIATION_PATHS.tasksOfIssues(DEMO_PORTAL_ID)} 200`,
      ]),
    );
  });

  it('the demo data has associated tasks and issues (dev console panel)', async () => {
    const page = await zoho.listRecords(tasks, { page: 1, perPage: 200 });
    const landing = page.records.find((r) => r.name === 'Website: design landing page')!;
    const linked = await zoho.listAssociatedRecords(tasks, landing.id);
    expect(linked.map((r) => r.name)).toEqual([
      'Website: login button misaligned on Safari',
      'Website: crash when uploading large avatar',
    ]);
    expect((await zoho.listAssociatedRecords(issues, linked[1].id)).map((r) => r.name).sort()).toEqual([
      'Website: design landing page',
      'Website: set up CI pipeline',
    ]);
  });

  it('a record without associations lists none; a deleted associate disappears', async () => {
    const task = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'tasks', { name: 'Alone' }) as { id: string };
    expect(await zoho.listAssociatedRecords(tasks, task.id)).toEqual([]);
    const bug = sim.control.createRecord(DEMO_PROJECT_IDS.website, 'issues', { name: 'Gone soon' }) as { id: string };
    sim.control.associate(task.id, bug.id);
    sim.control.deleteRecord(bug.id);
    expect(await zoho.listAssociatedRecords(tasks, task.id)).toEqual([]);
  });

  it.each([
    ['a bare array', [{ id: '1', name: 'a' }], ['1']],
    ['under a documented-style key', { bugs: [{ id: '2', name: 'b' }] }, ['2']],
    [
      'grouped per issue',
      {
        associated_tasks: [
          {
            issue_id: '9',
            tasks: [
              { id: '3', name: 'c' },
              { id_string: '4', name: 'd' },
            ],
          },
        ],
      },
      ['3', '4'],
    ],
    ['nothing recognisable', { message: 'none' }, []],
  ])('tolerates association responses as %s', (_what, body, ids) => {
    const module = JSON.stringify(body).includes('task') ? 'tasks' : 'issues';
    expect(associatedRows(body, module).map((r) => String(r.id ?? r.id_string))).toEqual(ids);
  });
});
