/**
 * Requests the spec rejects are answered 400 and recorded here. With ZJC_OPENAPI_VIOLATIONS_DIR set,
 * every record rewrites this instance's file so jest's globalTeardown can fail the run on any
 * violation a test did not announce with `expectViolation()`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecError } from './validator';

export interface OpenApiViolation {
  method: string;
  path: string;
  errors: SpecError[];
  expected?: boolean;
  at: number;
}

let instanceCounter = 0;

export class ViolationRecorder {
  private readonly entries: OpenApiViolation[] = [];
  private expectedBudget = 0;
  readonly file: string | undefined;

  constructor(dir = process.env.ZJC_OPENAPI_VIOLATIONS_DIR) {
    instanceCounter += 1;
    this.file = dir ? join(dir, `jira-${process.pid}-${instanceCounter}-${Date.now()}.json`) : undefined;
  }

  /** The next `count` violations are intended by the test (validator tests) and do not fail the run. */
  expectNext(count = 1): void {
    this.expectedBudget += count;
  }

  record(method: string, path: string, errors: SpecError[]): OpenApiViolation {
    const entry: OpenApiViolation = { method, path, errors, at: Date.now() };
    if (this.expectedBudget > 0) {
      this.expectedBudget -= 1;
      entry.expected = true;
    }
    this.entries.push(entry);
    this.flush();
    return entry;
  }

  list(): OpenApiViolation[] {
    return this.entries.map((e) => ({ ...e }));
  }

  unexpected(): OpenApiViolation[] {
    return this.entries.filter((e) => !e.expected);
  }

  private flush(): void {
    if (!this.file) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.entries, null, 2));
  }
}
