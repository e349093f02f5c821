import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';

export async function stopNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.StopNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}

export async function startNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.StartNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}

export async function deleteNotebookInstance(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.DeleteNotebookInstanceCommand({ NotebookInstanceName: name }), { abortSignal: signal });
}
