import { sagemakerRegions } from './regions.generated';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  readonly partition: Partition;
}

export const knownRegions: readonly RegionInfo[] = sagemakerRegions;

export const defaultRegion = 'us-east-1';

/** The partition a region belongs to; credentials of one partition never work in another. */
export function partitionOf(code: string): Partition {
  if (code.startsWith('cn-')) return 'aws-cn';
  if (code.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** SageMaker regions in the same partition as `region` (the set a multi-region scan may cover). */
export function sagemakerRegionsLike(region: string): string[] {
  const partition = partitionOf(region);
  return knownRegions.filter((r) => r.partition === partition).map((r) => r.code);
}

export function isRegionCode(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d$/.test(value);
}
