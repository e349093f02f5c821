import { realTimers, type Timers } from '../core/util/timers';

/** Pauses between describes of a running job while its panel shows: quick first, then slower. */
export const panelPollDelaysMs = [2_000, 3_000, 5_000, 10_000, 15_000];

/** What one describe found: whether the job still runs, and whether what the panel shows changed. */
export interface PanelLoad {
  readonly running: boolean;
  readonly changed: boolean;
}

/**
 * Keeps a job's panel current: while the job runs and the panel is visible, describes it again
 * after a pause that grows while nothing changes (and after failures) and starts quick again
 * when something did. Hidden, it makes no calls; shown again, it describes at once and goes on.
 * It stops when the job has ended. One describe at a time. The timers are injected (the same
 * design as the views' `TransitionPoller`), so tests move the clock by hand.
 */
export class PanelPoller {
  private step = 0;
  private timer: unknown;
  private running = true;
  private visible = false;
  private loading = false;
  private again = false;
  private disposed = false;

  constructor(
    /** Describes the job and posts what the panel shows; rejects when it could not. */
    private readonly load: () => Promise<PanelLoad>,
    private readonly onFailure: (error: unknown) => void,
    private readonly delaysMs: readonly number[] = panelPollDelaysMs,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Whether the job may still change (false once a describe found it ended). */
  get live(): boolean {
    return this.running;
  }

  get scheduled(): boolean {
    return this.timer !== undefined;
  }

  /** Shown: describe at once (unless `catchUp` is false: just described) and poll on; hidden: stop. */
  setVisible(visible: boolean, { catchUp = true }: { catchUp?: boolean } = {}): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.cancel();
    if (!visible || !this.running) return;
    // Coming back into view: catch up at once with what changed while hidden.
    if (catchUp) void this.now();
    else this.schedule();
  }

  /** Describes now (first show, a Refresh click), and polls quickly again after it. */
  async now(): Promise<void> {
    if (this.disposed) return;
    this.cancel();
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    try {
      const result = await this.load();
      this.running = result.running;
      this.step = result.changed ? 0 : this.step + 1;
    } catch (error) {
      this.step++;
      this.onFailure(error);
    } finally {
      this.loading = false;
    }
    if (this.again) {
      this.again = false;
      this.step = 0;
      return this.now();
    }
    this.schedule();
  }

  private schedule(): void {
    this.cancel();
    if (this.disposed || !this.running || !this.visible) return;
    const delay = this.delaysMs[Math.min(this.step, this.delaysMs.length - 1)] ?? 15_000;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.now();
    }, delay);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }
}
