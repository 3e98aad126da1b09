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

  it('list entries serve the live mixes: third_party_file_id always, download_url or not, sentinel attachment_id "-1"', async () => {
    const item = sim.state.list(DEMO_PROJECT_IDS.mobile, 'issues').inCreatedOrder()[1];
    const plain = sim.control.attach(item.id, { name: 'plain.txt', content: 'p' });
    const bare = sim.control.attach(item.id, { name: 'bare.txt', content: 'b' }, undefined, { downloadUrl: false });
    const sentinel = sim.control.attach(item.id, { name: 's.txt', content: 's' }, undefined, { sentinelId: true });
    const res = await fetch(`${portal()}/projects/${DEMO_PROJECT_IDS.mobile}/issues/${item.id}/attachments`, {
      headers: auth,
    });
    const { attachment } = (await res.json()) as { attachment: Record<string, string>[] };
    const by = (name: string) => attachment.find((a) => a.name === name)!;
    const fileId = (id: string) => sim.state.attachments.get(id)!.fileId;
    expect(by('plain.txt')).toMatchObject({ attachment_id: plain, third_party_file_id: fileId(plain) });
    expect(by('plain.txt').download_url).toBe(`${sim.url}/v1/workdrive/download/${fileId(plain)}`);
    expect(by('bare.txt')).toMatchObject({ attachment_id: bare, third_party_file_id: fileId(bare) });
    expect(by('bare.txt').download_url).toBeUndefined();
    expect(by('s.txt')).toMatchObject({ attachment_id: '-1', third_party_file_id: fileId(sentinel) });
  });

  it("WorkDrive's download API serves a file by third_party_file_id with the OAuth header (both path forms)", async () => {
    const item = sim.state.list(DEMO_PROJECT_IDS.mobile, 'tasks').inCreatedOrder()[3];
    const id = sim.control.attach(item.id, { name: 'w.txt', content: 'workdrive' });
    const fileId = sim.state.attachments.get(id)!.fileId;
    for (const path of [`/v1/workdrive/download/${fileId}`, `/api/v1/download/${fileId}`]) {
      expect((await fetch(`${sim.url}${path}`)).status).toBe(401);
      const dl = await fetch(`${sim.url}${path}`, { headers: auth });
      expect(dl.status).toBe(200);
      expect(await dl.text()).toBe('workdrive');
    }
  });

  it('a WorkDrive attachment is removed by its third_party_file_id', async () => {
    const item = sim.state.list(DEMO_PROJECT_IDS.mobile, 'tasks').inCreatedOrder()[4];
    const id = sim.control.attach(item.id, { name: 'gone.txt', content: 'x' });
    const fileId = sim.state.attachments.get(id)!.fileId;
    const url = `${portal()}/projects/${DEMO_PROJECT_IDS.mobile}/tasks/${item.id}/attachments/${fileId}`;
    expect((await fetch(url, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect(sim.state.attachments.has(id)).toBe(false);
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
