/**
 * A page imitating a Jira site for local development: the connector's admin page, and an issue view
 * (any issue of the Jira simulator) hosting the issue panel in an iframe, as Jira hosts Custom UI.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import Spinner from '@atlaskit/spinner';
import { useEffect, useRef, useState } from 'react';
import { FRAME_HEIGHT_MESSAGE } from '../shared/boot';
import { applyColorMode, THEME_MESSAGE, type ColorMode } from '../shared/theme';
import { useLoad } from '../shared/use-load';
import { DemoSelfClient } from './demo-self-client';

interface DevIssue {
  id: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: string;
  project: { id: string; key: string; name: string };
  issueType: { id: string; name: string };
  description?: string;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path} answered HTTP ${res.status}`);
  return (await res.json()) as T;
}

function useHashRoute(): string {
  const [hash, setHash] = useState(window.location.hash || '#/admin');
  useEffect(() => {
    const on = () => setHash(window.location.hash || '#/admin');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

/** An app iframe sized by the height the app reports (Forge does this inside Jira). */
function AppFrame({
  src,
  title,
  minHeight,
  testId,
}: {
  src: string;
  title: string;
  minHeight: number;
  testId: string;
}) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(minHeight);
  useEffect(() => {
    const on = (e: MessageEvent) => {
      const data = e.data as { type?: string; height?: number } | null;
      if (
        e.source === ref.current?.contentWindow &&
        data?.type === FRAME_HEIGHT_MESSAGE &&
        typeof data.height === 'number'
      ) {
        setHeight(Math.max(minHeight, Math.ceil(data.height)));
      }
    };
    window.addEventListener('message', on);
    return () => window.removeEventListener('message', on);
  }, [minHeight]);
  return <iframe ref={ref} src={src} title={title} data-testid={testId} className="dev-frame" style={{ height }} />;
}

function IssueList() {
  const issues = useLoad(() => getJson<{ issues: DevIssue[] }>('/dev/jira/issues'), []);
  if (issues.loading) return <Spinner label="Loading issues from the Jira simulator" />;
  if (issues.error)
    return (
      <p role="alert" className="zjc-error">
        {issues.error}
      </p>
    );
  return (
    <table className="dev-issues" aria-label="Issues">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Summary</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Project</th>
        </tr>
      </thead>
      <tbody>
        {issues.data?.issues.map((i) => (
          <tr key={i.id}>
            <td>
              <a href={`#/issue/${i.id}`}>{i.key}</a>
            </td>
            <td>{i.summary}</td>
            <td>{i.issueType.name}</td>
            <td>
              <Lozenge
                appearance={
                  i.statusCategory === 'done'
                    ? 'success'
                    : i.statusCategory === 'indeterminate'
                      ? 'inprogress'
                      : 'default'
                }
              >
                {i.status}
              </Lozenge>
            </td>
            <td>
              {i.project.name} ({i.project.key})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IssueView({ issueId, theme }: { issueId: string; theme: ColorMode }) {
  const issue = useLoad(() => getJson<DevIssue>(`/dev/jira/issues/${issueId}`), [issueId]);
  return (
    <div className="dev-issue">
      <Stack space="space.150">
        <a href="#/issues">← All issues</a>
        {issue.loading && <Spinner label="Loading the issue" />}
        {issue.error && (
          <p role="alert" className="zjc-error">
            {issue.error}
          </p>
        )}
        {issue.data && (
          <>
            <span className="zjc-muted">
              {issue.data.project.name} / {issue.data.key} · {issue.data.issueType.name}
            </span>
            <Heading size="large">{issue.data.summary}</Heading>
            <Inline space="space.100">
              <Lozenge appearance="inprogress">{issue.data.status}</Lozenge>
            </Inline>
            <h2 className="zjc-subheading">Description</h2>
            <p className="dev-description">{issue.data.description || 'No description.'}</p>
          </>
        )}
      </Stack>
      <aside aria-label="Zoho Projects issue panel" className="dev-panel">
        <h2 className="zjc-subheading">Zoho Projects</h2>
        <AppFrame
          key={issueId}
          testId="panel-frame"
          title="Zoho Projects Connector issue panel"
          minHeight={120}
          src={`../panel/index.html?zjcDev=panel&issueId=${encodeURIComponent(issueId)}&theme=${theme}`}
        />
      </aside>
    </div>
  );
}

export function DevConsole({ initialTheme }: { initialTheme: ColorMode }) {
  const route = useHashRoute();
  const [theme, setTheme] = useState<ColorMode>(initialTheme);
  // The iframes keep the theme they were loaded with in their URL; later switches arrive by message.
  const [frameTheme] = useState<ColorMode>(initialTheme);

  const toggleTheme = async () => {
    const next: ColorMode = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    localStorage.setItem('zjc-theme', next);
    await applyColorMode(next);
    for (const frame of Array.from(document.querySelectorAll('iframe'))) {
      frame.contentWindow?.postMessage({ type: THEME_MESSAGE, colorMode: next }, window.location.origin);
    }
  };

  const issueMatch = /^#\/issue\/(\d+)$/.exec(route);
  return (
    <div className="dev-shell">
      <header className="dev-topbar">
        <Inline space="space.200" alignBlock="center" spread="space-between">
          <Inline space="space.200" alignBlock="center">
            <strong>Jira</strong>
            <span className="zjc-muted">dev console</span>
            <nav aria-label="Dev console">
              <Inline space="space.150">
                <a href="#/admin" aria-current={route === '#/admin' ? 'page' : undefined}>
                  Apps › Zoho Projects Connector
                </a>
                <a href="#/issues" aria-current={route.startsWith('#/issue') ? 'page' : undefined}>
                  Issues
                </a>
              </Inline>
            </nav>
          </Inline>
          <Button aria-pressed={theme === 'dark'} onClick={toggleTheme}>
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </Button>
        </Inline>
      </header>
      <Box as="main" padding="space.200">
        {route === '#/admin' && (
          <Stack space="space.200">
            <DemoSelfClient />
            <AppFrame
              testId="admin-frame"
              title="Zoho Projects Connector admin page"
              minHeight={600}
              src={`../admin/index.html?zjcDev=admin&theme=${frameTheme}`}
            />
          </Stack>
        )}
        {route === '#/issues' && <IssueList />}
        {issueMatch && <IssueView issueId={issueMatch[1]} theme={frameTheme} />}
      </Box>
    </div>
  );
}
