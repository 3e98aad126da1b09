/** Evaluates parsed JQL against issues as the search index sees them, and sorts the result. */
import { adfToText } from './adf';
import { JqlError, type JqlExpr, type JqlOperator, type JqlOrder, type JqlValue } from './jql';
import type { IndexedValueType, PropertyIndex } from './property-index';
import type { JiraStore } from './store';
import type { AdfDoc, SimFieldDef, SimIssue } from './types';

export interface EvalContext {
  store: JiraStore;
  currentAccountId: string;
  now: number;
  /** Issue properties the installed apps index; a clause on any other property matches nothing. */
  propertyIndex: PropertyIndex;
}

type Scalar = string | number | null;

const unknownField = (name: string) =>
  new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);

/** Parses JQL date literals: "yyyy/MM/dd [HH:mm]", "yyyy-MM-dd [HH:mm]", relative "-5d", "-2h", "-30m", "-1w" (UTC). */
export function parseJqlDate(text: string, now: number): number {
  const relative = /^([-+]?)(\d+)([wdhm])$/.exec(text.trim());
  if (relative) {
    const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[3] as 'w' | 'd' | 'h' | 'm'];
    return now + (relative[1] === '-' ? -1 : 1) * Number(relative[2]) * unit;
  }
  const absolute = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (absolute) {
    const [, y, mo, d, h = '0', mi = '0'] = absolute;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
  }
  if (/^\d+$/.test(text)) return Number(text);
  throw new JqlError(
    `Date value '${text}' for field is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

function customFieldDef(ctx: EvalContext, field: string): SimFieldDef | undefined {
  const cf = /^cf\[(\d+)\]$/i.exec(field);
  const id = cf ? `customfield_${cf[1]}` : field;
  return (
    ctx.store.field(id) ??
    [...ctx.store.fields.values()].find((f) => f.custom && f.name.toLowerCase() === field.toLowerCase())
  );
}

type Resolved = { values: Scalar[]; kind: 'text' | 'date' | 'number' | 'match' };

const NONE: Resolved = { kind: 'match', values: [] };

/** The values Jira extracted from an indexed property path, compared as the declared type. */
function indexedPropertyValues(issue: SimIssue, key: string, path: string[], type: IndexedValueType): Resolved {
  let value: unknown = issue.properties[key];
  for (const segment of path)
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  const list = (Array.isArray(value) ? value : [value]).filter((v): v is string | number | boolean =>
    ['string', 'number', 'boolean'].includes(typeof v),
  );
  switch (type) {
    case 'number':
      return { kind: 'number', values: list.map(Number).filter((n) => !Number.isNaN(n)) };
    case 'date':
      return { kind: 'date', values: list.map((v) => Date.parse(String(v))).filter((n) => !Number.isNaN(n)) };
    case 'text':
      return { kind: 'text', values: list.map(String) };
    default:
      return { kind: 'match', values: list.map(String) };
  }
}

/** The comparable values of a field for one issue (several for multi-valued fields). */
function resolveField(
  ctx: EvalContext,
  issue: SimIssue,
  field: string,
): Resolved & { aliases?: (v: string) => boolean } {
  const { store } = ctx;
  const lower = field.toLowerCase();
  const prop = ctx.propertyIndex.resolve(field);
  if (prop)
    return prop.kind === 'indexed' ? indexedPropertyValues(issue, prop.propertyKey, prop.path, prop.type) : NONE;
  const project = store.projects.get(issue.projectId)!;
  const status = store.statuses.get(issue.statusId)!;
  const type = store.issueTypes.get(issue.issueTypeId)!;
  switch (lower) {
    case 'project':
      return { kind: 'match', values: [project.key, project.id, project.name] };
    case 'issuetype':
    case 'type':
      return { kind: 'match', values: [type.name, type.id] };
    case 'status':
      return { kind: 'match', values: [status.name, status.id] };
    case 'statuscategory':
      return {
        kind: 'match',
        values: [status.category, { new: 'To Do', indeterminate: 'In Progress', done: 'Done' }[status.category]],
      };
    case 'key':
    case 'issue':
    case 'issuekey':
    case 'id':
      return { kind: 'match', values: [issue.key, issue.id] };
    case 'created':
    case 'createddate':
      return { kind: 'date', values: [issue.created] };
    case 'updated':
    case 'updateddate':
      return { kind: 'date', values: [issue.updated] };
    case 'resolutiondate':
    case 'resolved':
      return { kind: 'date', values: [issue.resolutionDate] };
    case 'reporter':
      return { kind: 'match', values: [issue.reporterId] };
    case 'creator':
      return { kind: 'match', values: [issue.creatorId] };
    case 'summary':
      return { kind: 'text', values: [String(issue.fields.summary ?? '')] };
    case 'description':
      return { kind: 'text', values: [adfToText(issue.fields.description as AdfDoc)] };
    case 'text':
      return {
        kind: 'text',
        values: [String(issue.fields.summary ?? ''), adfToText(issue.fields.description as AdfDoc)],
      };
    default:
      break;
  }
  const def = store.field(lower) ?? customFieldDef(ctx, field);
  if (!def) throw unknownField(field);
  const raw = issue.fields[def.id];
  if (raw === undefined || raw === null) return { kind: 'match', values: [] };
  switch (def.kind) {
    case 'labels':
      return { kind: 'match', values: raw as string[] };
    case 'select':
      return { kind: 'match', values: [String(raw), def.options?.find((o) => o.id === raw)?.value ?? ''] };
    case 'number':
      return { kind: 'number', values: [raw as number] };
    case 'date':
    case 'datetime':
      return { kind: 'date', values: [Date.parse(String(raw))] };
    case 'richtext':
      return { kind: 'text', values: [adfToText(raw as AdfDoc)] };
    case 'text':
      return { kind: 'text', values: [String(raw)] };
    default:
      return { kind: 'match', values: [String(raw)] };
  }
}

function literals(ctx: EvalContext, value: JqlValue): Array<string | null> {
  switch (value.kind) {
    case 'empty':
      return [null];
    case 'string':
      return [value.value];
    case 'list':
      return value.values.flatMap((v) => literals(ctx, v));
    case 'function':
      if (value.name === 'currentuser') return [ctx.currentAccountId];
      if (value.name === 'now') return [String(ctx.now)];
      throw new JqlError(`Unable to find JQL function '${value.name}()'.`);
  }
}

function compare(kind: Resolved['kind'], actual: Scalar, literal: string, op: JqlOperator, ctx: EvalContext): boolean {
  if (actual === null) return false;
  if (kind === 'date' || kind === 'number') {
    const right = kind === 'date' ? parseJqlDate(literal, ctx.now) : Number(literal);
    const left = Number(actual);
    switch (op) {
      case '=':
      case 'in':
        return left === right;
      case '!=':
      case 'not in':
        return left !== right;
      case '>':
        return left > right;
      case '>=':
        return left >= right;
      case '<':
        return left < right;
      case '<=':
        return left <= right;
      default:
        throw new JqlError(`The operator '${op}' is not supported by this field.`);
    }
  }
  const a = String(actual).toLowerCase();
  const b = literal.toLowerCase();
  if (op === '~') return a.includes(b.replace(/\*/g, ''));
  if (op === '!~') return !a.includes(b.replace(/\*/g, ''));
  if (['>', '>=', '<', '<='].includes(op)) {
    const n = Number(actual);
    const r = Number(literal);
    if (Number.isNaN(n) || Number.isNaN(r)) return false;
    return op === '>' ? n > r : op === '>=' ? n >= r : op === '<' ? n < r : n <= r;
  }
  return a === b;
}

function clauseMatches(ctx: EvalContext, issue: SimIssue, clause: Extract<JqlExpr, { kind: 'clause' }>): boolean {
  const resolved = resolveField(ctx, issue, clause.field);
  const values = resolved.values.filter((v) => v !== null && v !== '');
  const lits = literals(ctx, clause.value);
  const op = clause.operator;
  if (op === 'is' || op === 'is not') {
    if (clause.value.kind !== 'empty') throw new JqlError(`The operator '${op}' only supports EMPTY or NULL.`);
    return op === 'is' ? values.length === 0 : values.length > 0;
  }
  const matchesAny = (lit: string | null) =>
    lit === null
      ? values.length === 0
      : values.some((v) => compare(resolved.kind, v, lit, op === 'not in' || op === '!=' ? '=' : op, ctx));
  if (op === '!=' || op === 'not in') return values.length > 0 && !lits.some(matchesAny);
  return lits.some(matchesAny);
}

export function matches(ctx: EvalContext, issue: SimIssue, expr: JqlExpr | undefined): boolean {
  if (!expr) return true;
  switch (expr.kind) {
    case 'and':
      return matches(ctx, issue, expr.left) && matches(ctx, issue, expr.right);
    case 'or':
      return matches(ctx, issue, expr.left) || matches(ctx, issue, expr.right);
    case 'not':
      return !matches(ctx, issue, expr.expr);
    case 'clause':
      return clauseMatches(ctx, issue, expr);
  }
}

function sortKey(ctx: EvalContext, issue: SimIssue, field: string): Scalar {
  const lower = field.toLowerCase();
  if (lower === 'key' || lower === 'issuekey' || lower === 'id') return Number(issue.id);
  const resolved = resolveField(ctx, issue, field);
  return resolved.values[0] ?? null;
}

/** Sorts by ORDER BY (default: created DESC), ties broken by id for stable paging. */
export function sortIssues(ctx: EvalContext, issues: SimIssue[], orderBy: JqlOrder[]): SimIssue[] {
  const order = orderBy.length > 0 ? orderBy : [{ field: 'created', direction: 'desc' as const }];
  return [...issues].sort((a, b) => {
    for (const { field, direction } of order) {
      const x = sortKey(ctx, a, field);
      const y = sortKey(ctx, b, field);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return direction === 'asc' ? cmp : -cmp;
    }
    return Number(b.id) - Number(a.id);
  });
}
