/** The rows of each topic and provider in the list index, shared between indexes until one changes them. */

/**
 * Each name's slots (a topic's or provider's, folded). An index updated from another starts with
 * the other's lists (`share`) and copies a list before it first changes it, so neither index sees
 * the other's changes: at 100,000 copying every list on each update cost 10-40 ms and as many
 * young collections (300,000 row numbers, renumbered).
 */
export class NameSlots {
  private readonly lists = new Map<string, number[]>();
  /** The lists this one made or copied, and may change; null while it shares none. */
  private owned: Set<number[]> | null = null;

  /** Starts from `other`'s lists, shared until changed. Only on an empty one. */
  share(other: NameSlots): void {
    for (const [name, slots] of other.lists) this.lists.set(name, slots);
    this.owned = new Set();
  }

  /** The slots of `name`: empty for a name no article has. */
  get(name: string): readonly number[] {
    return this.lists.get(name) ?? [];
  }

  add(name: string, slot: number): void {
    this.own(name).push(slot);
  }

  /** Moves `slot` from the lists of the names it no longer has to those of the names it now has. */
  move(before: ReadonlySet<string>, after: ReadonlySet<string>, slot: number): void {
    for (const name of before) {
      if (after.has(name)) continue;
      const slots = this.own(name);
      const at = slots.indexOf(slot);
      if (at !== -1) slots.splice(at, 1);
    }
    for (const name of after) if (!before.has(name)) this.add(name, slot);
  }

  /** The list of `name`, made or copied for this one's changes. */
  private own(name: string): number[] {
    const slots = this.lists.get(name);
    if (slots !== undefined && (this.owned === null || this.owned.has(slots))) return slots;
    const mine = slots === undefined ? [] : slots.slice();
    this.lists.set(name, mine);
    this.owned?.add(mine);
    return mine;
  }
}
