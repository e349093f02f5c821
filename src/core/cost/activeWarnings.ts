/**
 * The long-running warnings not yet acted on, by resource id: they stay listed (in the status
 * bar item's list) after their notification is gone, until the user shuts the resource down,
 * snoozes or ignores it, or the resource stops running.
 */
export class ActiveWarnings {
  private readonly ids = new Map<string, number>();

  /** Ids in the order they were warned about. */
  get list(): readonly string[] {
    return [...this.ids.keys()];
  }

  add(ids: readonly string[], at: number): void {
    for (const id of ids) if (!this.ids.has(id)) this.ids.set(id, at);
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.ids.delete(id);
  }

  /** Keeps only the warnings whose resource may still run (`stillThere`). */
  retain(stillThere: (id: string) => boolean): void {
    for (const id of [...this.ids.keys()]) if (!stillThere(id)) this.ids.delete(id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}
