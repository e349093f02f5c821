interface Event {
  at: number;
  seq: number;
  run: (at: number) => void;
}

/**
 * Things that happen at a virtual time (a job finishing writes its model, a tuner launches the
 * next job, a deleted resource disappears). Nothing runs on a timer: `runUntil(now)` is called
 * before each request, runs due events in time order, and events may schedule more.
 */
export class Scheduler {
  private heap: Event[] = [];
  private seq = 0;

  schedule(at: number, run: (at: number) => void): void {
    const event = { at, seq: this.seq++, run };
    this.heap.push(event);
    this.up(this.heap.length - 1);
  }

  runUntil(now: number): void {
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const event = this.pop();
      event.run(event.at);
    }
  }

  get size(): number {
    return this.heap.length;
  }

  private less(a: Event, b: Event): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private pop(): Event {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
