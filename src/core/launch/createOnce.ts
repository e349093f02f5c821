import { classifyAwsError } from '../aws/errors';
import { delay, isCancellation } from '../util/cancellation';

export interface CreateOnceOptions<T> {
  /** Sends the Create request (one attempt: the client must not retry by itself). */
  create(): Promise<unknown>;
  /** Describes the resource; resolves undefined when it does not exist. */
  describe(): Promise<T | undefined>;
  /**
   * Whether a described resource is the one this launch asked for (its launch-id tag, its
   * creation time). When the create's answer was lost, a resource of the same name made by
   * someone else (or by an earlier launch) must not be reported as this launch's.
   */
  isOurs?(described: T): Promise<boolean> | boolean;
  readonly signal?: AbortSignal;
  readonly attempts?: number;
  /** Milliseconds before the n-th retry (tests pass 0). */
  readonly backoffMs?: (attempt: number) => number;
}

export interface CreateOnceResult<T> {
  /** The Describe answer when the create's outcome had to be checked, else undefined. */
  readonly described?: T;
  /** How many Create requests were sent. */
  readonly requests: number;
  /** True when a Create whose answer was lost turned out (by Describe) to have succeeded. */
  readonly recovered: boolean;
}

/** A resource of the requested name exists, and it is not the one this launch created. */
export class NotOursError extends Error {
  override readonly name = 'NotOursError';
}

/** Failures after which the service may or may not have acted: the answer was lost. */
const uncertainKinds = new Set(['network', 'serviceError', 'malformedResponse']);

function isUncertain(error: unknown): boolean {
  const classified = classifyAwsError(error);
  // An unclassified failure without any HTTP answer (a socket error of another name) is uncertain too.
  return uncertainKinds.has(classified.kind) || (classified.kind === 'unknown' && classified.httpStatus === undefined && !isCancellation(error));
}

/**
 * Creates a resource at most once. A create whose outcome is uncertain (a timeout, a dropped
 * connection, a 5xx) is checked with Describe before any retry, and "already exists" after such
 * a create means ours went through. Names are fixed per launch, so a retry can never make a
 * second resource, and a double submission is never reported as a failure.
 */
export async function createOnce<T>(options: CreateOnceOptions<T>): Promise<CreateOnceResult<T>> {
  const attempts = options.attempts ?? 4;
  const recovered = async (described: T, attempt: number): Promise<CreateOnceResult<T>> => {
    if (options.isOurs && !(await options.isOurs(described))) {
      throw new NotOursError('A resource of this name already exists, and it was not created by this launch (its create lost its answer, and what exists is older or someone else\'s).');
    }
    return { described, requests: attempt, recovered: true };
  };
  const backoff = options.backoffMs ?? ((attempt: number) => Math.min(8000, 500 * 2 ** attempt));
  let uncertain = false;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.create();
      return { requests: attempt, recovered: false };
    } catch (error) {
      if (isCancellation(error) && !uncertain) throw error;
      const classified = classifyAwsError(error);
      const alreadyExists = classified.kind === 'conflict' || /already exist/i.test(classified.message);
      if (alreadyExists && uncertain) {
        const described = await options.describe();
        if (described !== undefined) return recovered(described, attempt);
      }
      const wasUncertain = isUncertain(error) || (isCancellation(error) && uncertain);
      if (!wasUncertain && classified.kind !== 'throttled') throw error;
      if (wasUncertain) {
        uncertain = true;
        const described = await describeQuietly(() => options.describe());
        if (described !== undefined) return recovered(described, attempt);
      }
      if (attempt >= attempts) throw error;
      await delay(backoff(attempt), options.signal);
    }
  }
}

/** A Describe that failed itself is no evidence either way: treat it as "not there yet". */
async function describeQuietly<T>(describe: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await describe();
  } catch {
    return undefined;
  }
}
