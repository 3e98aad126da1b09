/**
 * "Backfill" on a grid row: link existing Jira issues to existing Zoho records by a chosen match
 * and/or create issues for the rest. A dry run with the same options comes first; the real run is
 * resumable, and the dialog polls its progress while it runs.
 */
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Stack } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { useEffect, useState } from 'react';
import type { Item } from '../../server/contract/admin';
import type { BackfillBody, BackfillProgressResult } from '../../server/contract/backfill';
import { sameBackfillOptions } from '../../workflows/core/plan-backfill';
import { adminApi, type JiraFieldInfo } from './api';
import { BackfillProgressView } from './backfill-progress';
import { previewApi } from './preview-api';

type MatchBy = 'summary' | 'field' | 'none';
const POLL_MS = 1_000;

export function BackfillDialog({ item, onClose }: { item: Item; onClose: () => void }) {
  const [by, setBy] = useState<MatchBy>('summary');
  const [fieldId, setFieldId] = useState<string | null>(null);
  const [zohoValue, setZohoValue] = useState<'key' | 'id'>('key');
  const [createRest, setCreateRest] = useState(false);
  const [fields, setFields] = useState<JiraFieldInfo[]>([]);
  const [progress, setProgress] = useState<BackfillProgressResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const running = progress?.run?.status === 'running' || progress?.dryRun?.status === 'running';

  useEffect(() => {
    const project = item.jiraProjectIds[0];
    if (project && item.jiraIssueTypeId)
      adminApi.jiraFields(project, item.jiraIssueTypeId).then(
        (all) => setFields(all.filter((f) => f.id === 'labels' || (f.custom && f.type === 'string'))),
        () => setFields([]),
      );
  }, [item.jiraProjectIds, item.jiraIssueTypeId]);

  useEffect(() => {
    let stop = false;
    const poll = () =>
      previewApi.backfillProgress(item.id).then(
        (p) => !stop && setProgress(p),
        (err: Error) => !stop && setError(err.message),
      );
    void poll();
    if (!running) return () => void (stop = true);
    const t = setInterval(poll, POLL_MS);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [item.id, running]);

  const body = (dryRun: boolean): BackfillBody => ({
    dryRun,
    createRest,
    match:
      by === 'summary'
        ? { by: 'summary' }
        : by === 'field' && fieldId
          ? { by: 'field', jiraFieldId: fieldId, zohoValue }
          : null,
  });
  const valid = (by !== 'field' || !!fieldId) && (by !== 'none' || createRest);
  const dryRunDone = progress?.dryRun?.status === 'done' && sameBackfillOptions(progress.dryRun, body(true));

  const start = async (dryRun: boolean) => {
    setError(null);
    setStarting(true);
    try {
      await previewApi.startBackfill(item.id, body(dryRun));
      setProgress(await previewApi.backfillProgress(item.id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStarting(false);
    }
  };
  const cancel = async () => {
    await previewApi.cancelBackfill(item.id).catch((err: Error) => setError(err.message));
    setProgress(await previewApi.backfillProgress(item.id));
  };

  return (
    <ModalTransition>
      <Modal onClose={onClose} width="x-large" shouldReturnFocus>
        <ModalHeader>
          <ModalTitle>{`Backfill “${item.name}”`}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <Box>
              <Label htmlFor="backfill-match" id="backfill-match-label">
                Link existing Jira issues to existing Zoho records by
              </Label>
              <RadioGroup
                aria-labelledby="backfill-match-label"
                value={by}
                isDisabled={running}
                options={[
                  { name: 'match', value: 'summary', label: 'Exact summary = Zoho name', testId: 'match-summary' },
                  {
                    name: 'match',
                    value: 'field',
                    label: 'A Jira field holding the Zoho key or id',
                    testId: 'match-field',
                  },
                  { name: 'match', value: 'none', label: 'Do not link (create issues only)', testId: 'match-none' },
                ]}
                onChange={(e) => setBy(e.currentTarget.value as MatchBy)}
              />
            </Box>
            {by === 'field' && (
              <Stack space="space.100">
                <Label htmlFor="backfill-field">Jira field</Label>
                <Select<{ label: string; value: string }>
                  inputId="backfill-field"
                  options={fields.map((f) => ({ label: `${f.name} (${f.id})`, value: f.id }))}
                  onChange={(o) => setFieldId(o?.value ?? null)}
                  placeholder="Choose a text field or Labels"
                />
                <Label htmlFor="backfill-zoho-value">It holds the Zoho record’s</Label>
                <Select<{ label: string; value: 'key' | 'id' }>
                  inputId="backfill-zoho-value"
                  value={{ label: zohoValue === 'key' ? 'Key (e.g. TP-I12)' : 'Id', value: zohoValue }}
                  options={[
                    { label: 'Key (e.g. TP-I12)', value: 'key' },
                    { label: 'Id', value: 'id' },
                  ]}
                  onChange={(o) => setZohoValue(o?.value ?? 'key')}
                />
              </Stack>
            )}
            <Checkbox
              label="Create Jira issues for the records left without a match"
              isChecked={createRest}
              isDisabled={running || item.mode === 'display_only'}
              onChange={(e) => setCreateRest(e.currentTarget.checked)}
              testId="backfill-create-rest"
            />
            {error && <SectionMessage appearance="error">{error}</SectionMessage>}
            {progress?.run && <BackfillProgressView run={progress.run} />}
            {progress?.dryRun && <BackfillProgressView run={progress.dryRun} />}
            {!dryRunDone && valid && !running && (
              <SectionMessage appearance="information">
                Start with a dry run: it reads both sides and shows what a backfill would link and create, writing
                nothing. The backfill runs inside the connection’s Zoho call budget and can be resumed.
              </SectionMessage>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter>
          {running && (
            <Button appearance="subtle" onClick={cancel}>
              Stop
            </Button>
          )}
          <Button isDisabled={!valid || running} isLoading={starting} onClick={() => start(true)}>
            Dry run
          </Button>
          <Button appearance="primary" isDisabled={!valid || running || !dryRunDone} onClick={() => start(false)}>
            Run backfill
          </Button>
          <Button appearance="subtle" onClick={onClose}>
            Close
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
