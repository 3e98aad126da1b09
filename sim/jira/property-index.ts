/**
 * Which issue entity properties Jira's search index extracts. Jira searches an entity property only
 * where an installed app declares it in a `jira:entityProperty` module (propertyKey, values with path,
 * type and optional searchAlias); a clause on anything else matches no issue. By default the simulator
 * is the site our Forge app is installed on, so the index comes from forge/manifest.yml.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export type IndexedValueType = 'string' | 'text' | 'number' | 'date' | 'user';

export interface IndexedProperty {
  propertyKey: string;
  /** Dot-separated path inside the property's JSON object. */
  path: string;
  type: IndexedValueType;
  searchAlias?: string;
}

/** forge/manifest.yml from the source tree or the compiled one (dist/sim/jira). */
export function appManifestPath(): string {
  const candidates = [
    resolve(__dirname, '../../forge/manifest.yml'),
    resolve(__dirname, '../../../forge/manifest.yml'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`forge/manifest.yml not found (tried ${candidates.join(', ')})`);
  return found;
}

const valueSchema = z.object({
  path: z.string().min(1),
  type: z
    .string()
    .transform((t) => t.toLowerCase())
    .pipe(z.enum(['string', 'text', 'number', 'date', 'user'])),
  searchAlias: z.string().optional(),
});
const moduleSchema = z.object({
  entityType: z.enum(['issue', 'user', 'project']).default('issue'),
  propertyKey: z.string().min(1),
  values: z.array(valueSchema),
});
const manifestSchema = z.object({
  modules: z.object({ 'jira:entityProperty': z.array(moduleSchema).optional() }).passthrough(),
});

const parsed = new Map<string, IndexedProperty[]>();

/** The issue property index an app's manifest asks Jira for (parsed once per process and file version). */
export function propertyIndexFromManifest(manifestPath: string = appManifestPath()): IndexedProperty[] {
  const version = `${manifestPath}:${statSync(manifestPath).mtimeMs}`;
  const known = parsed.get(version);
  if (known) return known;
  const manifest = manifestSchema.parse(parse(readFileSync(manifestPath, 'utf8')));
  const index = (manifest.modules['jira:entityProperty'] ?? [])
    .filter((m) => m.entityType === 'issue')
    .flatMap((m) => m.values.map((v) => ({ propertyKey: m.propertyKey, ...v })));
  parsed.set(version, index);
  return index;
}

/** A JQL field naming an issue property: `issue.property[key].path` or a declared search alias. */
export type PropertyField =
  { kind: 'indexed'; propertyKey: string; path: string[]; type: IndexedValueType } | { kind: 'unindexed' };

export class PropertyIndex {
  constructor(private readonly entries: readonly IndexedProperty[]) {}

  /** undefined when the field is not an issue property at all. */
  resolve(field: string): PropertyField | undefined {
    const m = /^issue\.property\[([^\]]+)\](?:\.(.+))?$/i.exec(field);
    const entry = m
      ? this.entries.find((e) => e.propertyKey === m[1] && e.path === (m[2] ?? ''))
      : this.entries.find((e) => e.searchAlias?.toLowerCase() === field.toLowerCase());
    if (entry)
      return { kind: 'indexed', propertyKey: entry.propertyKey, path: entry.path.split('.'), type: entry.type };
    return m ? { kind: 'unindexed' } : undefined;
  }
}
