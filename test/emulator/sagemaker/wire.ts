/**
 * The JSON form of an SDK type: timestamps are epoch seconds, blobs base64 text, and members the
 * model requires are present (the SDK types them `| undefined`). Handlers use the SDK's own
 * request/response types through this, so a misspelt member fails type-checking.
 */
export type Wire<T> = T extends Date
  ? number
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { -readonly [K in keyof T]: Wire<Exclude<T[K], undefined>> }
        : T;

/** Epoch milliseconds to the epoch seconds SageMaker answers with (millisecond precision). */
export const ts = (ms: number): number => Math.round(ms) / 1000;

/** Drops undefined members so answers carry only what is set. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

export const clone = <T>(value: T): T => structuredClone(value);
