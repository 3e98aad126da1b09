/** Injectable time: tests advance it instead of sleeping. */
export interface SimClockSource {
  now(): number;
}

export class SimClock {
  private offsetMs = 0;
  constructor(private readonly source: SimClockSource = { now: () => Date.now() }) {}

  now(): number {
    return this.source.now() + this.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
