import type { AwsClients } from '../aws/clientFactory';
import { loadSdk } from '../aws/loadSdk';

/** Deletes an endpoint (its instances stop billing); its config and model are left alone. */
export async function deleteEndpoint(clients: AwsClients, region: string, name: string, signal?: AbortSignal): Promise<void> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  await client.send(new sagemaker.DeleteEndpointCommand({ EndpointName: name }), { abortSignal: signal });
}
