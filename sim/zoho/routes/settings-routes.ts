import type { FastifyInstance } from 'fastify';
import { SCOPES, type ZohoSimContext } from '../context';
import { v3Errors } from '../errors';
import type { ZohoModule } from '../model';
import { requirePortal } from './portal-routes';

type Q = Record<string, string | undefined>;

function moduleOf(q: Q): ZohoModule {
  if (!q.module) throw v3Errors.missing('module');
  if (q.module === 'tasks') return 'tasks';
  if (q.module === 'issues' || q.module === 'bugs') return 'issues';
  throw v3Errors.invalidValue('module', 'module must be tasks or issues.');
}

/**
 * Layouts, fields and picklist options (statuses included) per module. Paths are from zoho.md;
 * every response shape here is UNCONFIRMED.
 */
export async function settingsRoutes(app: FastifyInstance, opts: { ctx: ZohoSimContext }): Promise<void> {
  const { state } = opts.ctx;
  const base = '/api/v3/portal/:portalId/settings';
  const config = { zohoScopes: SCOPES.settings };

  app.get(`${base}/layouts`, { config }, async (req) => {
    requirePortal(state, req);
    const module = moduleOf(req.query as Q);
    return {
      layouts: state.layouts[module].map((l, i) => ({ id: l.id, layout_name: l.name, is_default: i === 0, module })),
    };
  });

  // `filter` is accepted and ignored (its grammar is unknown).
  app.get(`${base}/fields`, { config }, async (req) => {
    requirePortal(state, req);
    const module = moduleOf(req.query as Q);
    return {
      fields: state.fields[module].map((f) => ({
        id: f.id,
        api_name: f.api_name,
        display_name: f.display_name,
        column_type: f.column_type,
        is_custom_field: f.is_custom_field,
        is_mandatory: f.is_mandatory,
        ...(f.options ? { picklist_values: f.options } : {}),
      })),
    };
  });

  app.get(`${base}/options`, { config }, async (req) => {
    requirePortal(state, req);
    const q = req.query as Q;
    const module = moduleOf(q);
    if (!q.field) throw v3Errors.missing('field');
    if (q.field === 'status') return { options: state.statuses[module] };
    if (q.field === 'severity' && module === 'issues') return { options: state.severities };
    const def = state.fields[module].find((f) => f.api_name === q.field || f.id === q.field);
    if (!def?.options) throw v3Errors.invalidValue('field', 'Not a picklist field.');
    return { options: def.options };
  });
}
