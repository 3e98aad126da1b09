/** Wizard: the item's Zoho → Jira cadence, with its Zoho budget cost shown before the admin saves. */
import Select from '@atlaskit/select';
import { errorFor } from '../shared/field-errors';
import { useLoad } from '../shared/use-load';
import { healthApi } from './health-api';
import type { StepProps } from './wizard/step-props';

const CADENCES = [1, 2, 3, 5, 10, 15, 30, 60];
const DEFAULT = 5;
const label = (m: number) => (m === 1 ? 'Every minute' : `Every ${m} minutes`) + (m === DEFAULT ? ' (default)' : '');

export function CadenceField({ draft, set, errors }: StepProps) {
  const minutes = draft.zohoCadenceMinutes ?? DEFAULT;
  const source = draft.zohoPortal && draft.zohoProject && draft.zohoModule;
  const cost = useLoad(
    source
      ? () =>
          healthApi.budgetCost({
            cadenceMinutes: minutes,
            ...(draft.id ? { itemId: draft.id } : {}),
            zohoPortalId: draft.zohoPortal!.id,
            zohoProjectId: draft.zohoProject!.id,
            zohoModule: draft.zohoModule!,
          })
      : null,
    [minutes, draft.id, draft.zohoPortal?.id, draft.zohoProject?.id, draft.zohoModule],
  );
  const c = cost.data;
  const options = CADENCES.map((m) => ({ value: m, label: label(m) }));
  return (
    <fieldset className="zjc-fieldset" data-testid="cadence-field">
      <legend>Zoho → Jira cadence</legend>
      <label htmlFor="zoho-cadence">How often the item reads Zoho for changes</label>
      <Select
        inputId="zoho-cadence"
        options={options}
        value={options.find((o) => o.value === minutes)}
        onChange={(o) => set({ zohoCadenceMinutes: o?.value ?? DEFAULT })}
      />
      {c && (
        <p className={c.allowed && c.fits ? 'zjc-muted' : 'zjc-error'} data-testid="cadence-cost" role="status">
          {c.allowed
            ? `Zoho budget: about ${c.itemCallsPerWindow} call(s) per ${c.windowSeconds / 60}-minute window for this item, ${c.connectionCallsPerWindow} for all ${c.itemsOnConnection} item(s) on this connection, of ${c.backgroundLimit} background calls allowed (${c.budgetPerWindow} in all).${c.fits ? '' : ' Too many: cycles would wait for the budget — choose a slower cadence.'}`
            : c.reason}
        </p>
      )}
      {errorFor(errors, 'zohoCadenceMinutes') && (
        <p role="alert" className="zjc-error">
          {errorFor(errors, 'zohoCadenceMinutes')}
        </p>
      )}
    </fieldset>
  );
}
