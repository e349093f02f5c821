import type { AwsClients } from '../aws/clientFactory';
import { classifyAwsError } from '../aws/errors';
import { loadSdk } from '../aws/loadSdk';
import { throwIfAborted } from '../util/cancellation';
import { describeEndpointConfig } from './endpointConfigs';
import { describeEndpoint } from './endpoints';
import { mapWithConcurrency } from './jobs';

/** What one endpoint uses, as the service says now: its configs (current and pending) and their models. */
export interface EndpointUse {
  readonly endpointName: string;
  readonly configs: readonly string[];
  readonly models: readonly string[];
}

/**
 * Every endpoint of a region (all pages of ListEndpoints) with the configs and models it uses
 * (DescribeEndpoint, then DescribeEndpointConfig once per config), so that deleting a config or a
 * model can be checked against the service rather than against whatever a view has loaded. An
 * endpoint deleted meanwhile is left out; any other failure is thrown (nothing is known then).
 */
export async function endpointUses(clients: AwsClients, region: string, signal?: AbortSignal): Promise<EndpointUse[]> {
  const { sagemaker } = await loadSdk();
  const client = await clients.sagemaker(region);
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    throwIfAborted(signal);
    const page = await client.send(new sagemaker.ListEndpointsCommand({ MaxResults: 100, NextToken: nextToken }), { abortSignal: signal });
    for (const endpoint of page.Endpoints ?? []) if (endpoint.EndpointName) names.push(endpoint.EndpointName);
    nextToken = page.NextToken;
  } while (nextToken);

  const modelsOf = new Map<string, Promise<string[]>>();
  const configModels = (name: string): Promise<string[]> => {
    let known = modelsOf.get(name);
    if (!known) {
      known = describeEndpointConfig(clients, region, name, signal).then(
        (config) => (config.ProductionVariants ?? []).map((variant) => variant.ModelName ?? '').filter(Boolean),
        (error: unknown) => {
          if (classifyAwsError(error).kind === 'notFound') return [];
          throw error;
        },
      );
      modelsOf.set(name, known);
    }
    return known;
  };
  const uses = await mapWithConcurrency(
    names,
    4,
    async (name): Promise<EndpointUse | undefined> => {
      let described;
      try {
        described = await describeEndpoint(clients, region, name, signal);
      } catch (error) {
        if (classifyAwsError(error).kind === 'notFound') return undefined;
        throw error;
      }
      const configs = [described.EndpointConfigName, described.PendingDeploymentSummary?.EndpointConfigName].filter((config): config is string => Boolean(config));
      const models = (await Promise.all(configs.map(configModels))).flat();
      return { endpointName: name, configs: [...new Set(configs)], models: [...new Set(models)] };
    },
    signal,
  );
  return uses.filter((use): use is EndpointUse => use !== undefined);
}
