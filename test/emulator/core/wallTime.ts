import { type ServiceModel, shapeOf } from '../model/botocore';
import type { VirtualClock } from './clock';

/**
 * Handlers work in virtual time; clients see wall time (see `VirtualClock`). These convert the
 * timestamps of a JSON request or answer, found through botocore's shapes (SageMaker's are
 * `timestamp` members in epoch seconds), or by member name for CloudWatch Logs (epoch ms longs).
 */

const withTimes = new WeakMap<ServiceModel, Map<string, boolean>>();

/** Whether a shape holds a timestamp anywhere below it (memoised; recursive shapes count as no). */
function holdsTimes(model: ServiceModel, name: string, seen = new Set<string>()): boolean {
  let memo = withTimes.get(model);
  if (!memo) withTimes.set(model, (memo = new Map<string, boolean>()));
  const known = memo.get(name);
  if (known !== undefined) return known;
  if (seen.has(name)) return false;
  seen.add(name);
  const shape = shapeOf(model, name);
  const children = shape.type === 'structure' ? Object.values(shape.members ?? {}).map((m) => m.shape) : shape.type === 'list' ? [shape.member!.shape] : shape.type === 'map' ? [shape.value!.shape] : [];
  const result = shape.type === 'timestamp' || children.some((c) => holdsTimes(model, c, seen));
  memo.set(name, result);
  return result;
}

function seconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    const parsed = Date.parse(value);
    return Number.isFinite(parsed) ? parsed / 1000 : undefined;
  }
  return undefined;
}

/** Maps every timestamp member of `value` (of shape `shapeName`) with `map` (epoch ms to epoch ms), in place. */
function mapShape(model: ServiceModel, shapeName: string, value: unknown, map: (ms: number) => number): unknown {
  if (value === null || value === undefined || !holdsTimes(model, shapeName)) return value;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'timestamp': {
      const s = seconds(value);
      return s === undefined ? value : Math.round(map(s * 1000)) / 1000;
    }
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      for (const [key, member] of Object.entries(shape.members ?? {})) {
        if (record[key] !== undefined) record[key] = mapShape(model, member.shape, record[key], map);
      }
      return record;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => mapShape(model, shape.member!.shape, v, map)) : value;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = mapShape(model, shape.value!.shape, record[key], map);
      return record;
    }
    default:
      return value;
  }
}

/** An answer's virtual timestamps as wall times. */
export function answerInWallTime(model: ServiceModel, shapeName: string, value: unknown, clock: VirtualClock): unknown {
  if (!holdsTimes(model, shapeName)) return value;
  return mapShape(model, shapeName, structuredClone(value), (ms) => clock.toWall(ms));
}

/** A request's wall timestamps as virtual times (a copy). */
export function requestInVirtualTime(model: ServiceModel, shapeName: string, value: Record<string, unknown>, clock: VirtualClock): Record<string, unknown> {
  if (!holdsTimes(model, shapeName)) return value;
  return mapShape(model, shapeName, structuredClone(value), (ms) => clock.toVirtual(ms)) as Record<string, unknown>;
}

const LOG_TIME_MEMBERS = new Set(['timestamp', 'ingestionTime', 'creationTime', 'firstEventTimestamp', 'lastEventTimestamp', 'lastIngestionTime']);

/** CloudWatch Logs answers: epoch-ms members by name, recursively, in place. */
export function logsAnswerInWallTime(value: unknown, clock: VirtualClock): unknown {
  if (Array.isArray(value)) return value.map((v) => logsAnswerInWallTime(v, clock));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(record)) {
    record[key] = LOG_TIME_MEMBERS.has(key) && typeof v === 'number' ? Math.round(clock.toWall(v)) : logsAnswerInWallTime(v, clock);
  }
  return record;
}

/** CloudWatch Logs requests: `startTime` and `endTime` (epoch ms). */
export function logsRequestInVirtualTime<T extends Record<string, unknown>>(input: T, clock: VirtualClock): T {
  const out: Record<string, unknown> = { ...input };
  for (const key of ['startTime', 'endTime']) if (typeof out[key] === 'number') out[key] = Math.round(clock.toVirtual(out[key]));
  return out as T;
}
