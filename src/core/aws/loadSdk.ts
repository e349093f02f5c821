import type * as Sdk from './sdk';

export type AwsSdk = typeof Sdk;

let loading: Promise<AwsSdk> | undefined;

/** Loads the AWS SDK on first use (a separate bundle in the packaged extension). */
export function loadSdk(): Promise<AwsSdk> {
  loading ??= import('./sdk');
  return loading;
}
