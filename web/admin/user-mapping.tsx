/**
 * Admin: the user mapping table. Jira Cloud hides most users' emails, so people the email cannot
 * match are paired here: search the portal's Zoho users and Jira's users, pick one of each, save.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { useCallback, useEffect, useState } from 'react';
import type { JiraUserFound, UserMapping, ZohoUserFound } from '../../server/contract/user-mappings';
import { ApiError } from '../shared/transport';
import { useLoad } from '../shared/use-load';
import { adminApi } from './api';
import { userMappingApi } from './user-mapping-api';

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function useSearch<T>(search: (q: string) => Promise<T[]>, q: string, enabled: boolean) {
  const [found, setFound] = useState<T[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    const t = setTimeout(() => {
      search(q)
        .then((rows) => live && (setFound(rows), setError(null)))
        .catch((e: unknown) => live && setError(message(e)));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [search, q, enabled]);
  return { found, error };
}

export function UserMappingSection() {
  const portals = useLoad(adminApi.zohoPortals, []);
  const [portalId, setPortalId] = useState<string | null>(null);
  const [mappings, setMappings] = useState<UserMapping[]>([]);
  const [zohoQ, setZohoQ] = useState('');
  const [jiraQ, setJiraQ] = useState('');
  const [zoho, setZoho] = useState<ZohoUserFound | null>(null);
  const [jira, setJira] = useState<JiraUserFound | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);

  useEffect(() => {
    if (!portalId && portals.data?.length) setPortalId(portals.data[0].id);
  }, [portals.data, portalId]);

  const reload = useCallback(async () => {
    if (!portalId) return;
    try {
      setMappings(await userMappingApi.list(portalId));
    } catch (e) {
      setNotice({ kind: 'error', text: `User mappings could not be loaded: ${message(e)}` });
    }
  }, [portalId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const zohoSearch = useCallback((q: string) => userMappingApi.zohoUsers(portalId ?? '', q), [portalId]);
  const zohoFound = useSearch(zohoSearch, zohoQ, !!portalId);
  const jiraFound = useSearch(userMappingApi.jiraUsers, jiraQ.trim(), jiraQ.trim().length > 0);

  const save = async () => {
    if (!portalId || !zoho || !jira) return;
    try {
      await userMappingApi.save({ zohoPortalId: portalId, zohoUserId: zoho.zpuid, jiraAccountId: jira.accountId });
      setNotice({ kind: 'status', text: `${zoho.name} is now paired with ${jira.displayName}.` });
      setZoho(null);
      setJira(null);
      await reload();
    } catch (e) {
      setNotice({ kind: 'error', text: `The pair could not be saved: ${message(e)}` });
    }
  };
  const remove = async (m: UserMapping) => {
    try {
      await userMappingApi.remove(m.id);
      await reload();
    } catch (e) {
      setNotice({ kind: 'error', text: `The pair could not be removed: ${message(e)}` });
    }
  };

  return (
    <Box as="section" aria-labelledby="user-mapping-heading" testId="user-mapping">
      <Stack space="space.150">
        <Heading size="medium" id="user-mapping-heading">
          User mapping
        </Heading>
        <p className="zjc-muted">
          Users are matched by email where Jira shows it. Jira Cloud hides most emails: pair those people here. A pair
          wins over an email match and counts from the next sync.
        </p>
        <label htmlFor="user-mapping-portal">Zoho portal </label>
        <select
          id="user-mapping-portal"
          value={portalId ?? ''}
          onChange={(e) => setPortalId(e.target.value || null)}
          disabled={!portals.data?.length}
        >
          {(portals.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <div className="zjc-grid">
          <table data-testid="user-mappings">
            <thead>
              <tr>
                <th>Zoho Projects user</th>
                <th>Jira user</th>
                <th>
                  <span className="zjc-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mappings.length === 0 && (
                <tr>
                  <td colSpan={3} className="zjc-muted">
                    No pairs yet.
                  </td>
                </tr>
              )}
              {mappings.map((m) => (
                <tr key={m.id} data-testid={`user-mapping-${m.zohoUserId}`}>
                  <td>
                    {m.zohoName ?? m.zohoUserId} <span className="zjc-muted">{m.zohoEmail ?? ''}</span>
                  </td>
                  <td>{m.jiraDisplayName ?? m.jiraAccountId}</td>
                  <td>
                    <Button spacing="compact" onClick={() => void remove(m)}>
                      Remove<span className="zjc-sr-only"> the pair of {m.zohoName ?? m.zohoUserId}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Inline space="space.300" shouldWrap alignBlock="start">
          <Stack space="space.050">
            <label htmlFor="zoho-user-search">Search Zoho users</label>
            <input id="zoho-user-search" value={zohoQ} onChange={(e) => setZohoQ(e.target.value)} />
            {zohoFound.error && <span className="zjc-error">{zohoFound.error}</span>}
            <ul className="zjc-pick" aria-label="Zoho users found">
              {zohoFound.found.map((u) => (
                <li key={u.zpuid}>
                  <Button
                    spacing="compact"
                    appearance={zoho?.zpuid === u.zpuid ? 'primary' : 'subtle'}
                    onClick={() => setZoho(u)}
                  >
                    {u.name}
                    {u.email ? ` (${u.email})` : ''}
                  </Button>{' '}
                  {u.mappedTo && <Lozenge appearance="success">paired</Lozenge>}
                </li>
              ))}
            </ul>
          </Stack>
          <Stack space="space.050">
            <label htmlFor="jira-user-search">Search Jira users</label>
            <input id="jira-user-search" value={jiraQ} onChange={(e) => setJiraQ(e.target.value)} />
            {jiraFound.error && <span className="zjc-error">{jiraFound.error}</span>}
            <ul className="zjc-pick" aria-label="Jira users found">
              {jiraFound.found.map((u) => (
                <li key={u.accountId}>
                  <Button
                    spacing="compact"
                    appearance={jira?.accountId === u.accountId ? 'primary' : 'subtle'}
                    onClick={() => setJira(u)}
                  >
                    {u.displayName}
                    {u.emailAddress ? ` (${u.emailAddress})` : ' (email hidden)'}
                  </Button>
                </li>
              ))}
            </ul>
          </Stack>
        </Inline>
        <Inline space="space.100" alignBlock="center">
          <Button appearance="primary" isDisabled={!zoho || !jira} onClick={() => void save()}>
            Save pair
          </Button>
          <span className="zjc-muted" data-testid="user-mapping-selection">
            {zoho ? zoho.name : 'Pick a Zoho user'} ↔ {jira ? jira.displayName : 'pick a Jira user'}
          </span>
        </Inline>
        {notice && (
          <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'zjc-error' : ''}>
            {notice.text}
          </p>
        )}
      </Stack>
    </Box>
  );
}
