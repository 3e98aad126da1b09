import type { ZohoItem } from './model';

/**
 * Items of one project and module. Listing in created order is a slice (O(page)); ordering by
 * modified time uses a sorted copy rebuilt only after a change, so idle polls stay cheap at 10 000 items.
 */
export class ItemList {
  private readonly created: ZohoItem[] = [];
  private version = 0;
  private byModified: { version: number; items: ZohoItem[] } | undefined;

  get size(): number {
    return this.created.length;
  }

  add(item: ZohoItem): void {
    this.created.push(item);
    this.touch();
  }

  remove(id: string): void {
    const at = this.created.findIndex((i) => i.id === id);
    if (at >= 0) this.created.splice(at, 1);
    this.touch();
  }

  /** Call after an item's modifiedMs changed. */
  touch(): void {
    this.version += 1;
  }

  inCreatedOrder(): readonly ZohoItem[] {
    return this.created;
  }

  /** Ascending by modified time (ties by creation order). */
  inModifiedOrder(): readonly ZohoItem[] {
    if (!this.byModified || this.byModified.version !== this.version) {
      const items = this.created.slice();
      items.sort((a, b) => a.modifiedMs - b.modifiedMs);
      this.byModified = { version: this.version, items };
    }
    return this.byModified.items;
  }
}
