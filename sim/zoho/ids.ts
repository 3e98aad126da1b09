import { randomBytes } from 'node:crypto';

/**
 * Zoho ids exceed Number.MAX_SAFE_INTEGER (e.g. "2447529000000057190"): they are made and kept as
 * strings, counting with BigInt, never through Number.
 */
export class ZohoIdGenerator {
  private next: bigint;
  constructor(start = 2447529000000100000n) {
    this.next = start;
  }

  /** A fresh 19-digit id string. */
  id(): string {
    this.next += 1n;
    return this.next.toString();
  }
}

/** Opaque token material shaped like Zoho's, e.g. "1000.3f9a….8c21…". */
export function tokenString(prefix = '1000'): string {
  const hex = randomBytes(32).toString('hex');
  return `${prefix}.${hex.slice(0, 32)}.${hex.slice(32)}`;
}
