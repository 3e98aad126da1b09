import { v3Errors, V3Error } from './errors';
import type { Json, ZohoFieldDef, ZohoItem, ZohoModule, ZohoProject } from './model';
import { statusRef, userRef, type ZohoSimState } from './store';
import { parseUserWrite } from './user-values';

/**
 * Writable fields of tasks and issues (V3 "Record fields"). A write is validated as a whole
 * first and applied only when every key is valid, as the real API rejects the entire request.
 */
type Setter = (json: Json) => void;
type FieldWriter = (
  value: unknown,
  ctx: { state: ZohoSimState; project: ZohoProject; module: ZohoModule },
) => Setter | V3Error;

const PRIORITIES = ['none', 'low', 'medium', 'high'];
const FLAGS = ['internal', 'external'];

const str =
  (field: string, opts: { required?: boolean } = {}): FieldWriter =>
  (v) => {
    if (typeof v !== 'string' || (opts.required && v.trim() === ''))
      return v3Errors.invalidValue(field, `${field} must be a${opts.required ? ' non-empty' : ''} string.`);
    return (j) => {
      j[field] = v;
    };
  };

const date =
  (field: string): FieldWriter =>
  (v) => {
    if (v === null || v === '')
      return (j) => {
        j[field] = null;
      };
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
      return v3Errors.invalidValue(field, `${field} must be an ISO date.`);
    return (j) => {
      j[field] = v;
    };
  };

const oneOf =
  (field: string, allowed: string[]): FieldWriter =>
  (v) => {
    const s = typeof v === 'string' ? v.toLowerCase() : undefined;
    if (!s || !allowed.includes(s))
      return v3Errors.invalidValue(field, `${field} must be one of ${allowed.join(', ')}.`);
    return (j) => {
      j[field] = s;
    };
  };

const idOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as Json).id === 'string') return (v as Json).id as string;
  return undefined;
};

/**
 * Field Types page: a user is written as `{"zpuid": "…"}` (several as an array of those). A bare
 * id string is not a documented user value and is refused like any other invalid value.
 */
const zpuidOf = (v: unknown): string | undefined => {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Json;
    for (const k of ['zpuid', 'zuid', 'id']) if (typeof o[k] === 'string') return o[k] as string;
  }
  return undefined;
};

const userValueMessage = (field: string): string =>
  `${field} takes users as {"zpuid": "…"} (several as [{"zpuid": "…"}]).`;

const status: FieldWriter = (v, { state, module }) => {
  const id = idOf(v);
  const s = id ? state.statuses[module].find((x) => x.id === id) : undefined;
  if (!s) return v3Errors.invalidValue('status', 'Unknown status id.');
  return (j) => {
    j.status = statusRef(s);
    if (module === 'tasks') {
      j.is_completed = s.is_closed_type;
      if (s.is_closed_type) j.completion_percentage = 100;
    }
  };
};

const TASK_FIELDS: Record<string, FieldWriter> = {
  name: str('name', { required: true }),
  description: str('description'),
  status,
  priority: oneOf('priority', PRIORITIES),
  start_date: date('start_date'),
  end_date: date('end_date'),
  completion_percentage: (v) =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100
      ? (j) => {
          j.completion_percentage = v;
        }
      : v3Errors.invalidValue('completion_percentage', 'completion_percentage must be 0..100.'),
  owners_and_work: (v, { state }) => {
    const owners = parseUserWrite('owners_and_work', (v as Json | null)?.owners, state);
    if (owners instanceof V3Error) return owners;
    return (j) => {
      const before = j.owners_and_work as Json | undefined;
      j.owners_and_work = { ...before, owners: owners(before?.owners) };
    };
  },
  tasklist: (v, { project }) => {
    const tl = project.tasklists.find((t) => t.id === idOf(v));
    return tl
      ? (j) => {
          j.tasklist = { ...tl };
        }
      : v3Errors.invalidValue('tasklist', 'Unknown tasklist id.');
  },
  milestone: (v, { project }) => {
    if (v === null)
      return (j) => {
        j.milestone = null;
      };
    const m = project.milestones.find((x) => x.id === idOf(v));
    return m
      ? (j) => {
          j.milestone = { id: m.id, name: m.name };
        }
      : v3Errors.invalidValue('milestone', 'Unknown milestone id.');
  },
};

const ISSUE_FIELDS: Record<string, FieldWriter> = {
  name: str('name', { required: true }),
  description: str('description'),
  status,
  flag: oneOf('flag', FLAGS),
  due_date: date('due_date'),
  assignee: (v, { state }) => {
    if (v === null)
      return (j) => {
        j.assignee = null;
      };
    const ref = zpuidOf(v);
    if (!ref) return v3Errors.invalidValue('assignee', userValueMessage('assignee'));
    const user = state.findUser(ref);
    return user
      ? (j) => {
          j.assignee = userRef(user);
        }
      : v3Errors.invalidValue('assignee', 'Unknown user.');
  },
  severity: (v, { state }) => {
    const s = state.severities.find((x) => x.id === idOf(v));
    return s
      ? (j) => {
          j.severity = { ...s };
        }
      : v3Errors.invalidValue('severity', 'Unknown severity id.');
  },
};

function customWriter(def: ZohoFieldDef): FieldWriter {
  return (v, ctx) => {
    const { state } = ctx;
    if (v === null || v === '')
      return (j) => {
        j[def.api_name] = def.column_type === 'user' ? [] : null;
      };
    switch (def.column_type) {
      case 'picklist': {
        const opt = def.options?.find((o) => o.value === v || o.display_value === v);
        return opt
          ? (j) => {
              j[def.api_name] = opt.value;
            }
          : v3Errors.invalidValue(def.api_name, `Not an option of ${def.display_name}.`);
      }
      case 'user': {
        // A single user `{zpuid}`, several `[{zpuid}]` or a change `[{add, remove}]` (Field Types page).
        const single = v && typeof v === 'object' && !Array.isArray(v) && !('add' in v) && !('remove' in v);
        const list = parseUserWrite(def.api_name, single ? [v] : v, state);
        return list instanceof V3Error
          ? list
          : (j) => {
              j[def.api_name] = list(j[def.api_name]);
            };
      }
      case 'number':
        return typeof v === 'number'
          ? (j) => {
              j[def.api_name] = v;
            }
          : v3Errors.invalidValue(def.api_name, 'Must be a number.');
      case 'date':
        return date(def.api_name)(v, ctx);
      default:
        return str(def.api_name)(v, ctx);
    }
  };
}

function writerFor(state: ZohoSimState, module: ZohoModule, key: string): FieldWriter | undefined {
  const builtin = (module === 'tasks' ? TASK_FIELDS : ISSUE_FIELDS)[key];
  if (builtin) return builtin;
  const def = state.fields[module].find((f) => f.api_name === key && f.is_custom_field);
  return def ? customWriter(def) : undefined;
}

/**
 * Validate a create/PATCH body and return a function that applies it, or the V3 error to send.
 * Unknown keys → EXTRA_KEY_FOUND_IN_JSON (all of them listed).
 */
export function planWrite(
  state: ZohoSimState,
  project: ZohoProject,
  module: ZohoModule,
  body: unknown,
): ((json: Json) => void) | V3Error {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return v3Errors.jsonParse();
  const entries = Object.entries(body as Json);
  const unknown = entries.filter(([k]) => !writerFor(state, module, k)).map(([k]) => k);
  if (unknown.length) return v3Errors.extraKey(unknown);
  const setters: Setter[] = [];
  for (const [k, v] of entries) {
    const r = writerFor(state, module, k)!(v, { state, project, module });
    if (r instanceof V3Error) return r;
    setters.push(r);
  }
  return (json) => {
    for (const s of setters) s(json);
  };
}

/** Apply a validated write to an item and bump last_modified_time. */
export function writeItem(state: ZohoSimState, item: ZohoItem, body: unknown): V3Error | undefined {
  const project = state.projects.get(item.projectId)!;
  const plan = planWrite(state, project, item.module, body);
  if (plan instanceof V3Error) return plan;
  plan(item.json);
  state.touch(item);
  return undefined;
}
