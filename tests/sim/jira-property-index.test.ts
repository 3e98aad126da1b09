/**
 * Jira searches an issue entity property only where an installed app indexes it with a
 * `jira:entityProperty` module; JQL on any other property matches no issue. The simulated site has
 * our Forge app installed, so its index is the one forge/manifest.yml declares.
 */
import { startJiraSim, type JiraSim } from '../../sim/jira';
import { jiraSimClient } from '../../sim/jira/sim-client';
import { propertyIndexFromManifest } from '../../sim/jira/property-index';
import { DEFAULT_SYNC_CONFIG } from '../../activities/context';

describe('Jira simulator: issue property search needs an index (jira:entityProperty)', () => {
  let sim: JiraSim;
  let jira: ReturnType<typeof jiraSimClient>;
  let issueId: string;

  beforeAll(async () => {
    sim = await startJiraSim({
      seed: 'empty',
      indexedProperties: [
        { propertyKey: 'demo-index', path: 'ref', type: 'string', searchAlias: 'demoRef' },
        { propertyKey: 'demo-index', path: 'size', type: 'number' },
        { propertyKey: 'demo-index', path: 'due', type: 'date' },
        { propertyKey: 'demo-index', path: 'note', type: 'text' },
      ],
    });
    jira = jiraSimClient(sim.url);
    const created = await jira.post('/rest/api/3/issue', {
      fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Carries properties' },
    });
    issueId = created.body.id;
    const value = { ref: 'R-1', size: 12, due: '2026-03-01', note: 'Quarterly audit follow up', hidden: 'h-1' };
    expect((await jira.put(`/rest/api/3/issue/${issueId}/properties/demo-index`, value)).status).toBe(201);
    expect((await jira.put(`/rest/api/3/issue/${issueId}/properties/unindexed`, { ref: 'R-1' })).status).toBe(201);
  });
  afterAll(async () => {
    expect(sim.control.violations().filter((v) => !v.expected)).toEqual([]);
    await sim.close();
  });

  const ids = async (jql: string) => {
    const res = await jira.post('/rest/api/3/search/jql', { jql });
    expect(res.status).toBe(200);
    return res.body.issues.map((i: { id: string }) => i.id);
  };

  it.each([
    ['issue.property[demo-index].ref = "R-1"', true],
    ['demoRef = "R-1"', true],
    ['issue.property[demo-index].ref = "R-2"', false],
    ['issue.property[demo-index].size > 10', true],
    ['issue.property[demo-index].size < 10', false],
    ['issue.property[demo-index].due >= "2026-02-28"', true],
    ['issue.property[demo-index].note ~ "audit"', true],
    // Declared properties only: a path the app did not index, or a property no app indexes.
    ['issue.property[demo-index].hidden = "h-1"', false],
    ['issue.property[unindexed].ref = "R-1"', false],
  ])('%s → found: %s', async (jql, found) => {
    expect(await ids(jql)).toEqual(found ? [issueId] : []);
  });

  it('an unindexed property is not an error: a query ORing it with an indexed clause still answers', async () => {
    expect(await ids('issue.property[unindexed].ref = "R-1" OR demoRef = "R-1"')).toEqual([issueId]);
  });

  it("without the option the index is forge/manifest.yml's: the link property the product searches, as strings", () => {
    const key = DEFAULT_SYNC_CONFIG.linkPropertyKey;
    expect(propertyIndexFromManifest()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ propertyKey: key, path: 'sciId', type: 'string' }),
        expect.objectContaining({ propertyKey: key, path: 'zohoRecordId', type: 'string' }),
      ]),
    );
  });
});
