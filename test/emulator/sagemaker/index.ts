import { answerInWallTime, requestInVirtualTime } from '../core/wallTime';
import { loadModel } from '../model/botocore';
import { batchJobHandlers } from './batchJobs';
import type { SmHandler } from './common';
import { hostingHandlers } from './hosting';
import { notebookHandlers } from './notebooks';
import { searchHandlers } from './search';
import { studioHandlers } from './studio';
import { tagHandlers } from './tags';
import { trainingHandlers } from './training';
import { tuningHandlers } from './tuning';

const inVirtualTime: Record<string, SmHandler> = {
  ...studioHandlers,
  ...notebookHandlers,
  ...trainingHandlers,
  ...tuningHandlers,
  ...batchJobHandlers,
  ...hostingHandlers,
  ...tagHandlers,
  ...searchHandlers,
};

/** Every SageMaker operation the local service implements, by operation name, taking and answering wall times (see `VirtualClock`). */
export const sagemakerHandlers: Readonly<Record<string, SmHandler>> = Object.fromEntries(
  Object.entries(inVirtualTime).map(([name, handler]): [string, SmHandler] => {
    const model = loadModel('sagemaker');
    const op = model.operations[name];
    return [
      name,
      (ctx, input) => {
        const clock = ctx.state.env.clock;
        const request = op?.input ? requestInVirtualTime(model, op.input.shape, input, clock) : input;
        const answer = handler(ctx, request);
        return op?.output ? answerInWallTime(model, op.output.shape, answer, clock) : answer;
      },
    ];
  }),
);

export const SAGEMAKER_OPERATIONS: readonly string[] = Object.keys(sagemakerHandlers).sort();

const RESOURCE_TYPES: [RegExp, string, string[]][] = [
  [/Domain$|Domains$/, 'domain', ['DomainId']],
  [/UserProfile$|UserProfiles$|PresignedDomainUrl$/, 'user-profile', ['DomainId', 'UserProfileName']],
  [/Space$|Spaces$/, 'space', ['DomainId', 'SpaceName']],
  [/App$|Apps$/, 'app', ['DomainId', 'UserProfileName|SpaceName', 'AppType', 'AppName']],
  [/LifecycleConfigs?$/, 'notebook-instance-lifecycle-config', ['NotebookInstanceLifecycleConfigName']],
  [/NotebookInstances?$|NotebookInstanceUrl$/, 'notebook-instance', ['NotebookInstanceName']],
  [/TrainingJobs?$/, 'training-job', ['TrainingJobName']],
  [/TuningJobs?$|HyperParameterTuningJob$/, 'hyper-parameter-tuning-job', ['HyperParameterTuningJobName']],
  [/ProcessingJobs?$/, 'processing-job', ['ProcessingJobName']],
  [/TransformJobs?$/, 'transform-job', ['TransformJobName']],
  [/EndpointConfigs?$/, 'endpoint-config', ['EndpointConfigName']],
  [/Endpoints?$/, 'endpoint', ['EndpointName']],
  [/Models?$/, 'model', ['ModelName']],
];

/** The resource an IAM message names for an operation, `*` segments where the input has none. */
export function sagemakerResourceArn(operation: string, input: Record<string, unknown>, region: string, accountId: string): string {
  if (typeof input.ResourceArn === 'string') return input.ResourceArn;
  for (const [re, type, fields] of RESOURCE_TYPES) {
    if (!re.test(operation)) continue;
    const parts = fields.map((f) => {
      const v = f.split('|').map((k) => input[k]).find((x) => typeof x === 'string');
      return typeof v === 'string' ? v.toLowerCase() : '*';
    });
    return `arn:aws:sagemaker:${region}:${accountId}:${type}/${parts.join('/')}`;
  }
  return `arn:aws:sagemaker:${region}:${accountId}:*`;
}
