/**
 * The virtual clock every status, timestamp and log line is computed from. It runs at `speed`
 * virtual seconds per real second and can be pushed forward; it never runs backwards, so
 * timelines computed from it stay consistent.
 */
export class VirtualClock {
  private anchorReal: number;
  private anchorVirtual: number;
  private speed: number;

  constructor(start = Date.now(), speed = 1) {
    this.anchorReal = Date.now();
    this.anchorVirtual = start;
    this.speed = speed;
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
    this.rebase();
    this.anchorVirtual += ms;
    return this.now();
  }

  setSpeed(speed: number): void {
    if (!(speed >= 0) || !Number.isFinite(speed)) throw new RangeError('clock speed must be a finite number >= 0');
    this.rebase();
    this.speed = speed;
  }

  getSpeed(): number {
    return this.speed;
  }

  private rebase(): void {
    const now = this.nowMs();
    this.anchorReal = Date.now();
    this.anchorVirtual = now;
  }
}
