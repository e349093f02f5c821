import type { Timers } from '../../../src/core/util/timers';

/** A clock the test moves by hand, so nothing depends on real time. */
export class ManualTimers implements Timers {
  private now = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { due: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { due: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].due - b[1].due)) {
      if (timer.due <= this.now) {
        this.pending.delete(id);
        timer.callback();
      }
    }
  }

  get scheduled(): number {
    return this.pending.size;
  }
}
