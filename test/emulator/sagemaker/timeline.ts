/** One status a resource enters at a virtual time. `status` 'Gone' means removed from listings. */
export interface Phase {
  at: number;
  status: string;
  /** A sub-status (training SecondaryStatus, endpoint variant activity...). */
  secondary?: string;
  message?: string;
}

export const GONE = 'Gone';

/**
 * A resource's status history and planned future, in virtual time. Reading the status at a time
 * is a lookup, so no timer is needed; actions rewrite the future from "now" and keep the past.
 */
export class Timeline {
  private phases: Phase[];

  constructor(phases: Phase[]) {
    if (phases.length === 0) throw new Error('a timeline needs at least one phase');
    this.phases = [...phases].sort((a, b) => a.at - b.at);
  }

  /** The phase in effect at `t` (the first phase if `t` is earlier). */
  at(t: number): Phase {
    let lo = 0;
    let hi = this.phases.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.phases[mid]!.at <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.phases[lo]!;
  }

  status(t: number): string {
    return this.at(t).status;
  }

  /** Phases that have started by `t`. */
  past(t: number): Phase[] {
    return this.phases.filter((p, i) => i === 0 || p.at <= t);
  }

  all(): readonly Phase[] {
    return this.phases;
  }

  first(): Phase {
    return this.phases[0]!;
  }

  last(): Phase {
    return this.phases[this.phases.length - 1]!;
  }

  /** The first phase with this status, if planned. */
  find(predicate: (p: Phase) => boolean): Phase | undefined {
    return this.phases.find(predicate);
  }

  /** The phase after the one in effect at `t`, if any. */
  next(t: number): Phase | undefined {
    return this.phases.find((p) => p.at > t);
  }

  /** Keeps what happened up to `now` and replaces the planned future with `future`. */
  rewriteFuture(now: number, future: Phase[]): void {
    const kept = this.phases.filter((p, i) => i === 0 || p.at <= now);
    this.phases = [...kept, ...future.filter((p) => p.at >= now)].sort((a, b) => a.at - b.at);
  }
}

export const minutes = (n: number): number => n * 60_000;
export const seconds = (n: number): number => n * 1000;
