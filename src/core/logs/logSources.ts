/** Where SageMaker writes the CloudWatch logs of each kind of resource. */

export type LoggingKind = 'trainingJob' | 'processingJob' | 'transformJob' | 'endpoint';

export interface LogSource {
  readonly group: string;
  /** Only streams whose names start with this (the job's own); undefined: every stream of the group. */
  readonly streamPrefix?: string;
}

export const loggingKinds: readonly LoggingKind[] = ['trainingJob', 'processingJob', 'transformJob', 'endpoint'];

export function isLoggingKind(kind: string): kind is LoggingKind {
  return (loggingKinds as readonly string[]).includes(kind);
}

/**
 * Training, processing and transform jobs share one group per kind, with streams named
 * `<job-name>/<host>-<epoch>`; an endpoint has a group of its own, one stream per variant instance.
 */
export function logSourceFor(kind: LoggingKind, name: string): LogSource {
  switch (kind) {
    case 'trainingJob':
      return { group: '/aws/sagemaker/TrainingJobs', streamPrefix: `${name}/` };
    case 'processingJob':
      return { group: '/aws/sagemaker/ProcessingJobs', streamPrefix: `${name}/` };
    case 'transformJob':
      return { group: '/aws/sagemaker/TransformJobs', streamPrefix: `${name}/` };
    case 'endpoint':
      return { group: `/aws/sagemaker/Endpoints/${name}` };
  }
}

/** "algo-1" from "my-job/algo-1-1700000000": the part that tells the job's streams apart. */
export function shortStreamName(stream: string, prefix: string | undefined): string {
  const own = prefix && stream.startsWith(prefix) ? stream.slice(prefix.length) : stream;
  // Job streams end with the epoch second the host started; the host name is what people read.
  return prefix ? own.replace(/-\d{9,11}$/, '') : own;
}
