/** Step 2: Zoho portal → project → module, each loaded after the previous choice. */
import { Stack } from '@atlaskit/primitives';
import type { ZohoModule } from '../../../workflows/core/model';
import { errorFor } from '../../shared/field-errors';
import { cached, useLoad } from '../../shared/use-load';
import { adminApi } from '../api';
import { isSynchronized } from './draft';
import { Pick } from './field';
import type { StepProps } from './step-props';

export function StepSource({ draft, set, errors }: StepProps) {
  const portalId = draft.zohoPortal?.id ?? null;
  const projectId = draft.zohoProject?.id ?? null;
  const portals = useLoad(() => cached('portals', adminApi.zohoPortals), []);
  const projects = useLoad(
    portalId ? () => cached(`projects:${portalId}`, () => adminApi.zohoProjects(portalId)) : null,
    [portalId],
  );
  const modules = useLoad(
    portalId && projectId
      ? () => cached(`modules:${portalId}:${projectId}`, () => adminApi.zohoModules(portalId, projectId))
      : null,
    [portalId, projectId],
  );
  const sync = isSynchronized(draft.mode);

  return (
    <Stack space="space.100">
      <Pick
        id="zoho-portal"
        label="Zoho portal"
        loading={portals.loading}
        loadError={portals.error}
        choices={portals.data?.map((p) => ({ value: p.id, label: p.name }))}
        value={portalId}
        error={errorFor(errors, 'zohoPortalId')}
        onChange={(id, name) =>
          set({
            zohoPortal: id ? { id, name: name ?? id } : null,
            zohoProject: null,
            zohoModule: null,
            displayFields: [],
            mappings: [],
          })
        }
      />
      <Pick
        id="zoho-project"
        label="Zoho project"
        loading={projects.loading}
        loadError={projects.error}
        disabled={!portalId}
        placeholder={portalId ? 'Select a project' : 'Select a portal first'}
        choices={projects.data?.map((p) => ({ value: p.id, label: p.name }))}
        value={projectId}
        error={errorFor(errors, 'zohoProjectId')}
        onChange={(id, name) =>
          set({ zohoProject: id ? { id, name: name ?? id } : null, zohoModule: null, displayFields: [], mappings: [] })
        }
      />
      <Pick
        id="zoho-module"
        label="Zoho Projects module"
        loading={modules.loading}
        loadError={modules.error}
        disabled={!projectId}
        placeholder={projectId ? 'Select a module' : 'Select a project first'}
        choices={modules.data?.map((m) => ({
          value: m.id,
          label: sync && !m.synchronizable ? `${m.name} (display only)` : m.name,
        }))}
        helper={
          sync ? 'Synchronized items support Tasks and Issues; Milestones and Timesheets are display only.' : undefined
        }
        value={draft.zohoModule}
        error={errorFor(errors, 'zohoModule')}
        onChange={(id) =>
          set({
            zohoModule: id as ZohoModule | null,
            displayFields: [],
            mappings: [],
            rule: { ...draft.rule, zohoFieldId: null, value: '' },
          })
        }
      />
    </Stack>
  );
}
