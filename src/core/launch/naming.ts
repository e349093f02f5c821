/**
 * Names as the SageMaker Python SDK makes them: `<base>-<yyyy-mm-dd-HH-MM-SS-mmm>` in UTC,
 * trimming the base so the whole name fits the resource's maximum length.
 */

/** The SDK's `sagemaker_timestamp()`: `2026-11-20-14-05-09-123` (UTC). */
export function sdkTimestamp(date: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return [
    date.getUTCFullYear(),
    pad(date.getUTCMonth() + 1),
    pad(date.getUTCDate()),
    pad(date.getUTCHours()),
    pad(date.getUTCMinutes()),
    pad(date.getUTCSeconds()),
    pad(date.getUTCMilliseconds(), 3),
  ].join('-');
}

/**
 * A shorter stamp for names limited to 32 characters (tuning jobs): the SDK's short form
 * `yymmdd-HHMM` with seconds added, so two launches in one minute still get different names.
 */
export function shortTimestamp(date: Date): string {
  return sdkTimestamp(date).slice(2, 19).replace(/^(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/, '$1$2$3-$4$5$6');
}

/** The SDK's `name_from_base`: `<base trimmed>-<timestamp>`, at most `maxLength` characters. */
export function nameFromBase(base: string, date: Date, maxLength = 63): string {
  const stamp = maxLength < 40 ? shortTimestamp(date) : sdkTimestamp(date);
  const trimmed = base.slice(0, Math.max(1, maxLength - stamp.length - 1)).replace(/-+$/, '');
  return `${trimmed}-${stamp}`;
}

const stampSuffix = /-(?:\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}|\d{6}-\d{4,6})$/;

/** The base of a generated name (`fraud-xgb-2026-11-20-14-05-09-123` -> `fraud-xgb`). */
export function baseOfName(name: string): string {
  return name.replace(stampSuffix, '') || name;
}

/** Maximum name lengths of what the extension creates (from the service model). */
export const maxNameLength = {
  trainingJob: 63,
  tuningJob: 32,
  model: 63,
  endpointConfig: 63,
  endpoint: 63,
} as const;

/** A base name from an image URI or a file name: lower-case letters, digits and single dashes. */
export function sanitizeBase(text: string): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cleaned || 'job';
}
