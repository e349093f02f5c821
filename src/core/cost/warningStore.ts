import type { StateStore } from './costWatch';
import { emptyWarningState, type WarningState } from './longRunning';

const key = 'sagemaker.cost.warnings';

/** Long-running warnings' state (day marks, snoozes, the "don't warn" list), kept in global state. */
export class WarningStore {
  constructor(private readonly store: StateStore) {}

  read(): WarningState {
    const saved = this.store.get<Partial<WarningState>>(key);
    return {
      lastWarned: { ...emptyWarningState.lastWarned, ...saved?.lastWarned },
      snoozedUntil: { ...emptyWarningState.snoozedUntil, ...saved?.snoozedUntil },
      ignored: { ...emptyWarningState.ignored, ...saved?.ignored },
    };
  }

  async update(change: (state: WarningState) => WarningState): Promise<WarningState> {
    const next = change(this.read());
    await this.store.update(key, next);
    return next;
  }
}
