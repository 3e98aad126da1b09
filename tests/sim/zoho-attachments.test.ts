import { randomBytes } from 'node:crypto';
import { DEMO_CLIENT_ID, DEMO_PORTAL_ID, DEMO_PROJECT_IDS, startZohoSim, type ZohoSim } from '../../sim/zoho';

let sim: ZohoSim;
let auth: Record<string, string>;
const portal = () => `${sim.url}/api/v3/portal/${DEMO_PORTAL_ID}`;

beforeEach(async () => {
  sim = await startZohoSim();
  auth = { Authorization: `Zoho-oauthtoken ${sim.control.issueTokens({ clientId: DEMO_CLIENT_ID }).access_token}` };
});
afterEach(async () => {
  await sim.close();
});

describe('Zoho V3 attachments: two-step upload and download', () => {
  it.each(['issues', 'tasks'] as const)(
    'upload → associate on %s → list → download returns the same bytes',
    async (module) => {
      const content = randomBytes(300 * 1024);
      const form = new FormData();
      form.append('upload_file', new Blob([content], { type: 'image/png' }), 'screen shot.png');
      form.append('attachment_details[storage_type]', 'WorkDrive');
      const up = await fetch(`${portal()}/attachments`, { method: 'POST', headers: auth, body: form });
      expect(up.status).toBe(200);
      const upText = await up.text();
      const { attachment } = JSON.parse(upText) as { attachment: { attachment_id: string }[] };
      expect(upText).toMatch(/"attachment_id":"\d{19}"/);

      const item = sim.state.list(DEMO_PROJECT_IDS.website, module).inCreatedOrder()[1];
      const modifiedBefore = item.modifiedMs;
      sim.control.advanceTime(1000);
      const assoc = new FormData();
      assoc.append('attachment_ids', JSON.stringify([attachment[0].attachment_id]));
      const itemUrl = `${portal()}/projects/${DEMO_PROJECT_IDS.website}/${module}/${item.id}`;
      const linked = await fetch(`${itemUrl}/attachments`, { method: 'POST', headers: auth, body: assoc });
      expect(linked.status).toBe(200);
      expect(item.modifiedMs).toBeGreaterThan(modifiedBefore);

      const list = (await (await fetch(`${itemUrl}/attachments`, { headers: auth })).json()) as {
        attachment: { id: string; name: string; size: number; download_url: string }[];
      };
      const entry = list.attachment.find((a) => a.id === attachment[0].attachment_id)!;
      expect(entry).toMatchObject({ name: 'screen shot.png', size: content.length });

      expect((await fetch(entry.download_url)).status).toBe(401);
      const dl = await fetch(entry.download_url, { headers: auth });
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await dl.arrayBuffer()).equals(content)).toBe(true);
    },
  );

  it('association with an unknown id is rejected; JSON body instead of multipart is rejected', async () => {
    const item = sim.state.list(DEMO_PROJECT_IDS.website, 'issues').inCreatedOrder()[0];
    const url = `${portal()}/projects/${DEMO_PROJECT_IDS.website}/issues/${item.id}/attachments`;
    const form = new FormData();
    form.append('attachment_ids', '["2447529000009999999"]');
    expect((await fetch(url, { method: 'POST', headers: auth, body: form })).status).toBe(400);
    const json = await fetch(url, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"attachment_ids":[]}',
    });
    expect(json.status).toBe(400);
  });

  it('a Zoho user attaching a file (control) shows up in the list', async () => {
    const item = sim.state.list(DEMO_PROJECT_IDS.mobile, 'tasks').inCreatedOrder()[2];
    const id = sim.control.attach(item.id, { name: 'notes.txt', content: 'hello', contentType: 'text/plain' });
    const res = await fetch(`${portal()}/projects/${DEMO_PROJECT_IDS.mobile}/tasks/${item.id}/attachments`, {
      headers: auth,
    });
    const body = (await res.json()) as { attachment: { id: string; download_url: string }[] };
    const entry = body.attachment.find((a) => a.id === id)!;
    expect(await (await fetch(entry.download_url, { headers: auth })).text()).toBe('hello');
  });
});
