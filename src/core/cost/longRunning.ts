import type { BillableKind } from './billable';
import type { PricedResource } from './billing';

/** Which threshold applies to a kind of resource. */
export type WarningCategory = 'apps' | 'notebookInstances' | 'endpoints' | 'jobs';

/** Hours after which a resource is worth a warning; 0 turns the warning off for that category. */
export type WarningThresholds = Readonly<Record<WarningCategory, number>>;

/** What the user has said about warnings, persisted between sessions. */
export interface WarningState {
  /** Resource id → local day (YYYY-MM-DD) of its last warning: once per resource per day. */
  readonly lastWarned: Readonly<Record<string, string>>;
  /** Resource id → epoch ms until which it is snoozed. */
  readonly snoozedUntil: Readonly<Record<string, number>>;
  /** Resource id → its name, for resources the user never wants to be warned about. */
  readonly ignored: Readonly<Record<string, string>>;
}

export const emptyWarningState: WarningState = { lastWarned: {}, snoozedUntil: {}, ignored: {} };

export function warningCategory(kind: BillableKind): WarningCategory {
  switch (kind) {
    case 'app':
      return 'apps';
    case 'notebookInstance':
      return 'notebookInstances';
    case 'endpoint':
      return 'endpoints';
    default:
      return 'jobs';
  }
}

/** The local calendar day of `now`, the unit of "once per resource per day". */
export function dayKey(now: number): string {
  const date = new Date(now);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The resources to warn about now: running longer than their category's threshold, not free
 * (unknown prices count: they may be expensive), not ignored, not snoozed, not yet warned today.
 */
export function dueWarnings(priced: readonly PricedResource[], thresholds: WarningThresholds, state: WarningState, now: number): PricedResource[] {
  const today = dayKey(now);
  return priced.filter((resource) => {
    const hours = thresholds[warningCategory(resource.kind)];
    if (!(hours > 0) || resource.runningMs === undefined || resource.runningMs < hours * 3_600_000) return false;
    if (resource.price.usdPerHour === 0) return false;
    if (resource.id in state.ignored) return false;
    if ((state.snoozedUntil[resource.id] ?? 0) > now) return false;
    return state.lastWarned[resource.id] !== today;
  });
}

/**
 * Prunes (keeping the marks of resources the scan could not see: `unseen`), picks what is due (at most `max`) and marks it warned, in one step: a caller that
 * stores the result before another scan's claim reads the state warns about each resource once.
 */
export function claimWarnings(
  state: WarningState,
  priced: readonly PricedResource[],
  thresholds: WarningThresholds,
  now: number,
  max: number,
  unseen: (id: string) => boolean = () => false,
): { readonly state: WarningState; readonly due: PricedResource[] } {
  const pruned = pruneWarningState(state, new Set(priced.map((resource) => resource.id)), now, unseen);
  const due = dueWarnings(priced, thresholds, pruned, now).slice(0, max);
  return { state: due.length > 0 ? markWarned(pruned, due.map((resource) => resource.id), now) : pruned, due };
}

export function markWarned(state: WarningState, ids: readonly string[], now: number): WarningState {
  const today = dayKey(now);
  return { ...state, lastWarned: { ...state.lastWarned, ...Object.fromEntries(ids.map((id) => [id, today])) } };
}

export function snooze(state: WarningState, id: string, until: number): WarningState {
  return { ...state, snoozedUntil: { ...state.snoozedUntil, [id]: until } };
}

export function ignore(state: WarningState, id: string, name: string): WarningState {
  return { ...state, ignored: { ...state.ignored, [id]: name } };
}

export function unignore(state: WarningState, ids: readonly string[]): WarningState {
  const ignored = { ...state.ignored };
  for (const id of ids) delete ignored[id];
  return { ...state, ignored };
}

/**
 * Drops day marks and expired snoozes of resources that no longer run (a resource in a part the
 * scan could not see may still run: its marks stay), so the stored state stays
 * small. The ignore list is the user's and is kept until they clear it.
 */
export function pruneWarningState(state: WarningState, runningIds: ReadonlySet<string>, now: number, unseen: (id: string) => boolean = () => false): WarningState {
  const kept = (id: string): boolean => runningIds.has(id) || unseen(id);
  const lastWarned = Object.fromEntries(Object.entries(state.lastWarned).filter(([id]) => kept(id)));
  const snoozedUntil = Object.fromEntries(Object.entries(state.snoozedUntil).filter(([id, until]) => kept(id) || until > now));
  return { ...state, lastWarned, snoozedUntil };
}
