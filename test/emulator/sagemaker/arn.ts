/** The ARN partition of a region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/**
 * A SageMaker ARN. SageMaker lower-cases resource names in ARNs (a job `Fraud-XGB` has the ARN
 * `...:training-job/fraud-xgb`), which is also why names are unique regardless of case.
 */
export function sagemakerArn(region: string, accountId: string, type: string, ...path: string[]): string {
  return `arn:${partitionOf(region)}:sagemaker:${region}:${accountId}:${type}/${path.map((p) => p.toLowerCase()).join('/')}`;
}

/** Where SageMaker's console-style URLs live for a region. */
export function sagemakerDomainSuffix(region: string): string {
  return region.startsWith('cn-') ? 'sagemaker.com.cn' : 'sagemaker.aws';
}
