import type * as SM from '@aws-sdk/client-sagemaker';
import { AwsError, validationError } from '../core/errors';
import type { Collection, Resource } from './collection';
import type { RegionState } from './state';
import type { Wire } from './wire';

/** What every SageMaker handler receives. */
export interface SmContext {
  state: RegionState;
  /** Virtual time of the request, epoch ms. */
  now: number;
  requestId: string;
}

export type SmHandler = (ctx: SmContext, input: Record<string, unknown>) => unknown;

export type Tag = { Key: string; Value: string };

export function tagsOf(tags: Wire<SM.Tag>[] | undefined): Tag[] {
  return (tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
}

/** Recursively merges `patch` into `target` (objects merge, arrays and scalars replace). */
export function deepMerge<T>(target: T, patch: unknown): T {
  if (patch === undefined) return target;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch) as T;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === undefined) continue;
    base[key] = deepMerge(base[key], value);
  }
  return base as T;
}

export function must<T extends Resource>(collection: Collection<T>, key: string, notFound: () => AwsError): T {
  const item = collection.get(key);
  if (!item) throw notFound();
  return item;
}

/** "Status (InService) not in ([Stopped, Failed]). Unable to transition to (Deleting) for Notebook Instance (arn)." */
export function transitionError(current: string, allowed: string[], target: string, what: string, arn: string): AwsError {
  return validationError(`Status (${current}) not in ([${allowed.join(', ')}]). Unable to transition to (${target}) for ${what} (${arn}).`);
}

export const limitExceeded = (message: string): AwsError => new AwsError('ResourceLimitExceeded', message);

/** A 17-hex-digit EC2-style id (`i-0abc...`, `eni-0abc...`). */
export function ec2Id(prefix: string, hex: string): string {
  return `${prefix}-0${hex.slice(0, 16)}`;
}
