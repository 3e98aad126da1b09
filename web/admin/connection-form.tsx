/** "Connect in the Jira admin page": data center, Client ID, Client Secret, Code → Save connection. */
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useState, type FormEvent } from 'react';
import { DATA_CENTER_IDS, type ConnectionSummary, type DataCenterId } from '../../server/contract/admin';
import { errorFor } from '../shared/field-errors';
import { ApiError } from '../shared/transport';
import { adminApi, DATA_CENTER_NAMES } from './api';
import { ScopeBundle } from './scope-bundle';

const DC_OPTIONS = DATA_CENTER_IDS.map((id) => ({ value: id, label: DATA_CENTER_NAMES[id] }));

/** What usually went wrong, in the admin's terms (spec: troubleshooting guide). */
function likelyCause(err: ApiError): string {
  switch (err.code) {
    case 'zoho_auth_failed':
      return 'Zoho Projects refused the credentials. Check that the data center matches the Zoho account, that the Client ID and Client Secret come from the same Self Client, and that the Code is fresh (codes expire after a few minutes) and was generated with the required scopes.';
    case 'zoho_unavailable':
      return 'Zoho Projects could not be reached for the selected data center. Try again in a moment.';
    case 'validation_failed':
      return 'Some values are not valid; see the messages next to the fields.';
    case 'rate_limited':
      return 'Too many attempts. Wait a minute before generating a new code and trying again.';
    default:
      return err.message;
  }
}

export function ConnectionForm({ onConnected }: { onConnected: (s: ConnectionSummary) => void }) {
  const [dataCenter, setDataCenter] = useState<DataCenterId | null>(null);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [code, setCode] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [touched, setTouched] = useState(false);
  const fields = error?.fields ?? [];

  const missing = {
    dataCenter: touched && !dataCenter ? 'Select the Zoho data center where your portal lives.' : undefined,
    clientId: touched && !clientId.trim() ? 'Paste the Client ID of your Zoho Self Client.' : undefined,
    clientSecret: touched && !clientSecret.trim() ? 'Paste the Client Secret of your Zoho Self Client.' : undefined,
    code: touched && !code.trim() ? 'Paste the code generated in the Self Client’s Generate Code tab.' : undefined,
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (!dataCenter || !clientId.trim() || !clientSecret.trim() || !code.trim()) return;
    setSaving(true);
    setError(null);
    try {
      const summary = await adminApi.saveConnection({
        dataCenter,
        clientId: clientId.trim(),
        clientSecret: clientSecret.trim(),
        code: code.trim(),
      });
      onConnected(summary);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
    } finally {
      setSaving(false);
    }
  }

  const fieldMsg = (name: string, local?: string) => {
    const msg = local ?? errorFor(fields, name);
    return msg ? <ErrorMessage testId={`error-${name}`}>{msg}</ErrorMessage> : null;
  };

  return (
    <Box as="section" aria-labelledby="connection-heading" paddingBlock="space.200">
      <form onSubmit={submit} aria-describedby={error ? 'connection-error' : undefined} noValidate>
        <Stack space="space.200">
          <Heading size="medium" id="connection-heading">
            Connect Zoho Projects
          </Heading>
          <p>
            Create a Self Client in the Zoho API Console, generate a code with the required Zoho Projects scopes, then
            paste the values below.
          </p>
          {error && (
            <div id="connection-error" role="alert">
              <SectionMessage appearance="error" title="The connection was not saved">
                <p>{likelyCause(error)}</p>
                {error.code === 'zoho_auth_failed' && error.message && <p>Zoho said: {error.message}</p>}
              </SectionMessage>
            </div>
          )}
          <Box>
            <Label htmlFor="data-center">Zoho Data Center Location</Label>
            <Select
              inputId="data-center"
              options={DC_OPTIONS}
              placeholder="Select a data center"
              value={DC_OPTIONS.find((o) => o.value === dataCenter) ?? null}
              onChange={(o) => setDataCenter(o?.value ?? null)}
            />
            {fieldMsg('dataCenter', missing.dataCenter)}
          </Box>
          <ScopeBundle dataCenter={dataCenter} />
          <Box>
            <Label htmlFor="client-id">Client ID</Label>
            <Textfield
              id="client-id"
              name="clientId"
              autoComplete="off"
              value={clientId}
              isInvalid={!!(missing.clientId ?? errorFor(fields, 'clientId'))}
              onChange={(e) => setClientId(e.currentTarget.value)}
            />
            {fieldMsg('clientId', missing.clientId)}
          </Box>
          <Box>
            <Label htmlFor="client-secret">Client Secret</Label>
            <Textfield
              id="client-secret"
              name="clientSecret"
              type="password"
              autoComplete="off"
              value={clientSecret}
              isInvalid={!!(missing.clientSecret ?? errorFor(fields, 'clientSecret'))}
              onChange={(e) => setClientSecret(e.currentTarget.value)}
            />
            {fieldMsg('clientSecret', missing.clientSecret)}
          </Box>
          <Box>
            <Label htmlFor="zoho-code">Code</Label>
            <Textfield
              id="zoho-code"
              name="code"
              autoComplete="off"
              value={code}
              isInvalid={!!(missing.code ?? errorFor(fields, 'code'))}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
            {fieldMsg('code', missing.code) ?? (
              <HelperMessage>Codes expire a few minutes after they are generated.</HelperMessage>
            )}
          </Box>
          <Box>
            <Button appearance="primary" type="submit" isLoading={saving}>
              Save connection
            </Button>
          </Box>
        </Stack>
      </form>
    </Box>
  );
}
