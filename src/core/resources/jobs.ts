import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';

/** The job kinds that run on instances until they finish or are stopped. */
export type JobKind = 'trainingJob' | 'tuningJob' | 'processingJob' | 'transformJob';

/** Stops a running job; SageMaker moves it to Stopping, then Stopped (a tuning job stops its training jobs). */
export async function stopJob(clients: AwsClients, kind: JobKind, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const options = { abortSignal: signal };
  switch (kind) {
    case 'trainingJob':
      await client.send(new sagemaker.StopTrainingJobCommand({ TrainingJobName: name }), options);
      return;
    case 'tuningJob':
      await client.send(new sagemaker.StopHyperParameterTuningJobCommand({ HyperParameterTuningJobName: name }), options);
      return;
    case 'processingJob':
      await client.send(new sagemaker.StopProcessingJobCommand({ ProcessingJobName: name }), options);
      return;
    case 'transformJob':
      await client.send(new sagemaker.StopTransformJobCommand({ TransformJobName: name }), options);
      return;
  }
}
