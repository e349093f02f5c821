/** A point where the mapping from virtual to wall time changes slope: virtual `v`, wall `r + shift`. */
interface Bend {
  v: number;
  /** Wall time plus the shift in force when the bend was made (wall = r - shift). */
  r: number;
}

/**
 * The virtual clock every status, timestamp and log line is computed from. It runs at `speed`
 * virtual seconds per real second and can be pushed forward; it never runs backwards, so
 * timelines computed from it stay consistent.
 *
 * What a client sees is wall time: `toWall` maps a virtual time to the wall time at which the
 * virtual clock read it, so no answer ever holds a timestamp later than its `Date` header.
 * - At speed s, s virtual minutes pass in one real minute: status sequences run s times faster,
 *   and their timestamps are that much closer together (durations reported as numbers, such as
 *   `TrainingTimeInSeconds`, stay in virtual seconds).
 * - `advance(ms)` makes the world ms older at once: every past timestamp moves ms back and "now"
 *   stays where it was, so the intervals between timestamps stay exact.
 * - At speed 0 "now" stands still, at the wall time it stopped at (or the start).
 * - Before the start (seeded history), virtual and wall time run together.
 * Times that clients send (`CreationTimeAfter`, log `startTime`...) are mapped back with `toVirtual`.
 */
export class VirtualClock {
  private anchorReal: number;
  private anchorVirtual: number;
  private speed: number;
  /** Sorted by `v` (and `r`); the last one anchors the running segment. */
  private readonly bends: Bend[];
  /** The total of every `advance`. */
  private shift = 0;

  constructor(start = Date.now(), speed = 1) {
    this.anchorReal = Date.now();
    this.anchorVirtual = start;
    this.speed = speed;
    this.bends = [{ v: start, r: this.anchorReal }];
  }

  /** Current virtual time in epoch milliseconds. */
  nowMs(): number {
    return this.anchorVirtual + (Date.now() - this.anchorReal) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): Date {
    if (!(ms >= 0)) throw new RangeError('clock.advance(ms) takes a non-negative number of milliseconds');
    const v = this.nowMs();
    const wall = this.toWall(v);
    this.bend(v, wall + this.shift);
    this.shift += ms;
    this.anchorReal = Date.now();
    this.anchorVirtual = v + ms;
    this.bend(v + ms, wall + this.shift);
    return this.now();
  }

  setSpeed(speed: number): void {
    if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError('clock speed must be a finite number >= 0');
    const v = this.nowMs();
    this.anchorReal = Date.now();
    this.anchorVirtual = v;
    this.bend(v, this.anchorReal + this.shift);
    this.speed = speed;
  }

  getSpeed(): number {
    return this.speed;
  }

  /** The wall time (epoch ms) a client is shown for virtual time `v`. Never later than now for v <= nowMs(). */
  toWall(v: number): number {
    const b = this.bends;
    const first = b[0]!;
    if (v <= first.v) return first.r - this.shift - (first.v - v);
    const j = lowerBound(b, v, (x) => x.v);
    if (j === b.length) {
      const last = b[b.length - 1]!;
      return last.r - this.shift + (v - last.v) / (this.speed > 0 ? this.speed : 1);
    }
    const hi = b[j]!;
    if (hi.v === v) return hi.r - this.shift;
    const lo = b[j - 1]!;
    return lo.r + ((v - lo.v) * (hi.r - lo.r)) / (hi.v - lo.v) - this.shift;
  }

  /** The latest virtual time whose wall time is at most `wall` (for times that clients send). */
  toVirtual(wall: number): number {
    const b = this.bends;
    const r = wall + this.shift;
    const first = b[0]!;
    if (r <= first.r) return first.v - (first.r - r);
    const j = lowerBound(b, r, (x) => x.r);
    if (j === b.length) {
      const last = b[b.length - 1]!;
      return Math.min(last.v + (r - last.r) * this.speed, this.speed > 0 ? Number.POSITIVE_INFINITY : last.v);
    }
    const hi = b[j]!;
    const lo = b[j - 1]!;
    if (hi.r === r || hi.v === lo.v) return hi.r === r ? hi.v : lo.v;
    return lo.v + ((r - lo.r) * (hi.v - lo.v)) / (hi.r - lo.r);
  }

  private bend(v: number, r: number): void {
    const last = this.bends[this.bends.length - 1]!;
    if (last.v === v && last.r === r) return;
    this.bends.push({ v, r: Math.max(r, last.r) });
  }
}

/** The first index whose key is >= `key` (keys ascending). */
function lowerBound<T>(items: readonly T[], key: number, of: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (of(items[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
