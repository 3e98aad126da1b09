/**
 * DEV ONLY (dev console, never the admin page): the Zoho simulator's demo Self Client and a
 * "Generate code" button, so the admin page's "Connect Zoho Projects" form works without a Zoho
 * account. The values are the simulator's public demo values. "Fill the admin form" types them into
 * the same-origin admin iframe the way a person would (the admin page itself knows nothing of this).
 */
import Button from '@atlaskit/button/new';
import { Inline, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { useLoad } from '../shared/use-load';

interface SelfClient {
  clientId: string;
  clientSecret: string;
  dataCenter: string;
  scopes: string[];
}

/** The data center the simulator answers for ("United States" in the admin form's list). */
const DATA_CENTER_NAME = 'United States';

async function loadSelfClient(): Promise<SelfClient | null> {
  const res = await fetch('/dev/zoho/self-client');
  if (res.status === 404) return null; // the server runs without a Zoho simulator
  if (!res.ok) throw new Error(`/dev/zoho/self-client answered HTTP ${res.status}`);
  return (await res.json()) as SelfClient;
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sets an input of the admin iframe as typing would (React listens to `input` events). */
function typeInto(win: Window & typeof globalThis, input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(win.HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new win.Event('input', { bubbles: true }));
}

/** Fills the admin page's connection form in its iframe; false when no such form is shown. */
async function fillAdminForm(values: { clientId: string; clientSecret: string; code?: string }): Promise<boolean> {
  const frame = document.querySelector<HTMLIFrameElement>('[data-testid="admin-frame"]');
  const win = frame?.contentWindow as (Window & typeof globalThis) | null | undefined;
  const doc = frame?.contentDocument;
  const field = (id: string) => doc?.getElementById(id) as HTMLInputElement | null | undefined;
  const dataCenter = field('data-center');
  if (!win || !doc || !dataCenter || !field('client-id')) return false;
  dataCenter.focus();
  typeInto(win, dataCenter, DATA_CENTER_NAME);
  await tick(50);
  dataCenter.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await tick(50);
  typeInto(win, field('client-id')!, values.clientId);
  typeInto(win, field('client-secret')!, values.clientSecret);
  if (values.code) typeInto(win, field('zoho-code')!, values.code);
  return true;
}

function Value({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      <strong className="dev-demo-label">{label}</strong>
      <code className="dev-demo-value" data-testid={testId}>
        {value}
      </code>
      <Button spacing="compact" onClick={() => void navigator.clipboard?.writeText(value)}>
        Copy
      </Button>
    </Inline>
  );
}

export function DemoSelfClient() {
  const client = useLoad(loadSelfClient, []);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  if (client.loading || (!client.data && !client.error)) return null;

  async function generate() {
    setBusy(true);
    setNote(null);
    try {
      const res = await fetch('/dev/zoho/code', { method: 'POST' });
      if (!res.ok) throw new Error(`/dev/zoho/code answered HTTP ${res.status}`);
      setCode(((await res.json()) as { code: string }).code);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function fill() {
    if (!client.data) return;
    const ok = await fillAdminForm({
      clientId: client.data.clientId,
      clientSecret: client.data.clientSecret,
      code: code ?? undefined,
    });
    setNote(
      ok
        ? `Filled in. ${code ? 'Press' : 'Generate a code, fill again, then press'} "Save connection" below.`
        : 'The admin page shows no connection form right now (already connected? use "Change connection").',
    );
  }

  return (
    <section aria-label="Dev only: demo Zoho Self Client" data-testid="demo-self-client" className="dev-demo">
      <SectionMessage appearance="discovery" title="DEV ONLY — demo Zoho Self Client (Zoho simulator)">
        {client.error && (
          <p role="alert" className="zjc-error">
            {client.error}
          </p>
        )}
        {client.data && (
          <Stack space="space.100">
            <p>
              No Zoho account needed: the local Zoho simulator accepts this Self Client. Pick{' '}
              <strong>{DATA_CENTER_NAME}</strong> as the data center, paste these values (or fill the form), generate a
              code and save. These are public demo values of the simulator; real credentials never appear here.
            </p>
            <Value label="Client ID" value={client.data.clientId} testId="demo-client-id" />
            <Value label="Client Secret" value={client.data.clientSecret} testId="demo-client-secret" />
            {code && <Value label="Code" value={code} testId="demo-code" />}
            <Inline space="space.100">
              <Button onClick={() => void generate()} isLoading={busy}>
                Generate code
              </Button>
              <Button appearance="primary" onClick={() => void fill()}>
                Fill the admin form
              </Button>
            </Inline>
            {note && (
              <p role="status" className="zjc-muted">
                {note}
              </p>
            )}
          </Stack>
        )}
      </SectionMessage>
    </section>
  );
}
