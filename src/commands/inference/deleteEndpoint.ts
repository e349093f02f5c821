import * as vscode from 'vscode';
import { deleteEndpointConfig, EndpointConfigCache } from '../../core/resources/endpointConfigs';
import { deleteEndpoint, endpointHourlyCost, listEndpointsPage, type Endpoint } from '../../core/resources/endpoints';
import { endpointUses, type EndpointUse } from '../../core/resources/endpointUsage';
import { deleteModel } from '../../core/resources/models';
import { classifyAwsError } from '../../core/aws/errors';
import { isCancellation } from '../../core/util/cancellation';
import type { ExtensionServices } from '../../platform/services';
import { formatEndpointCost, formatVariantCapacity } from '../../views/presenters/inference';
import { EndpointNode } from '../../views/inference/endpointNode';
import { inferenceRoot } from '../../views/inference/inferenceView';
import { defineCommand, selectedNodes } from '../command';
import { reportOutcomes, runPerItem } from '../jobs/perItem';

interface Deletion {
  readonly kind: 'endpoint' | 'endpointConfig' | 'model';
  readonly region: string;
  readonly name: string;
}

const nouns: Record<Deletion['kind'], string> = { endpoint: 'endpoint', endpointConfig: 'endpoint config', model: 'model' };

async function pickEndpoints(services: ExtensionServices): Promise<Endpoint[]> {
  const { clients, connection } = services.session;
  const root = inferenceRoot(services);
  const page = await listEndpointsPage(clients, connection.region, { pageSize: 100 }, { configs: root?.configs ?? new EndpointConfigCache(), log: services.log });
  if (page.items.length === 0) {
    void vscode.window.showInformationMessage(`No endpoints in ${connection.region}.`);
    return [];
  }
  const picked = await vscode.window.showQuickPick(
    page.items.map((endpoint) => ({ label: endpoint.name, description: endpoint.status, endpoint })),
    { title: `Delete endpoints in ${connection.region}`, canPickMany: true },
  );
  return picked?.map((item) => item.endpoint) ?? [];
}

/**
 * Configs and models of the endpoints being deleted that no other endpoint uses, as the service
 * says now (every endpoint of the region, not only the rows a view has loaded). When that cannot
 * be known, nothing but the endpoints is offered for deletion.
 */
async function companions(services: ExtensionServices, targets: readonly Endpoint[]): Promise<{ deletions: Deletion[]; kept: string[] }> {
  const deletions: Deletion[] = [];
  const kept: string[] = [];
  const regions = [...new Set(targets.map((endpoint) => endpoint.region))];
  for (const region of regions) {
    let uses: EndpointUse[];
    try {
      uses = await endpointUses(services.session.clients, region);
    } catch (error) {
      if (isCancellation(error)) throw error;
      kept.push(`the configs and models of these endpoints: could not check which other endpoints use them (${classifyAwsError(error).message})`);
      continue;
    }
    const deleting = new Set(targets.filter((endpoint) => endpoint.region === region).map((endpoint) => endpoint.name));
    const others = uses.filter((use) => !deleting.has(use.endpointName));
    const seen = new Set<string>();
    for (const endpoint of targets.filter((target) => target.region === region)) {
      const own = uses.find((use) => use.endpointName === endpoint.name);
      const configs = own?.configs ?? (endpoint.configName ? [endpoint.configName] : []);
      const models = own?.models ?? endpoint.variants.flatMap((variant) => (variant.modelName ? [variant.modelName] : []));
      const candidates: Deletion[] = [
        ...configs.map((name) => ({ kind: 'endpointConfig' as const, region, name })),
        ...models.map((name) => ({ kind: 'model' as const, region, name })),
      ];
      for (const candidate of candidates) {
        const key = `${candidate.kind}/${candidate.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const user = others.find((other) => (candidate.kind === 'endpointConfig' ? other.configs : other.models).includes(candidate.name));
        if (user) kept.push(`${nouns[candidate.kind]} ${candidate.name} (also used by endpoint ${user.endpointName})`);
        else deletions.push(candidate);
      }
    }
  }
  return { deletions, kept };
}

/**
 * Deletes endpoints (their instances stop billing), optionally with their configs and models,
 * after a modal confirmation naming each endpoint, what it costs per hour, and each config and
 * model the second button would delete. Configs and models another endpoint uses are kept.
 */
export const deleteEndpoints = defineCommand(
  'sagemaker.deleteEndpoint',
  (node?: unknown) => (node instanceof EndpointNode ? `delete the endpoint ${node.endpoint.name}` : 'delete endpoints'),
  async (services, node?: unknown, nodes?: unknown[]) => {
    let targets = selectedNodes(node, nodes)
      .filter((candidate): candidate is EndpointNode => candidate instanceof EndpointNode)
      .map((candidate) => candidate.endpoint)
      .filter((endpoint) => endpoint.status !== 'Deleting');
    if (targets.length === 0 && node === undefined) targets = await pickEndpoints(services);
    if (targets.length === 0) return;

    const { deletions, kept } = await companions(services, targets);
    const endpointLines = targets.map((endpoint) => {
      const facts = endpointFacts(endpoint, services);
      return `• endpoint ${endpoint.name}${facts ? ` (${facts})` : ''}`;
    });
    // One endpoint: the question names it; the detail starts with what it runs and costs.
    const [only] = targets;
    const facts = only && targets.length === 1 ? endpointFacts(only, services) : undefined;
    const detail = [
      ...(targets.length === 1 ? (facts ? [`It runs ${facts}.`, ''] : []) : [...endpointLines, '']),
      deletions.length > 0
        ? `"${targets.length === 1 ? 'Delete Endpoint, Config and Model' : 'Delete Endpoints, Configs and Models'}" also deletes:\n${deletions.map((d) => `• ${nouns[d.kind]} ${d.name}`).join('\n')}`
        : targets.length === 1
          ? 'Its endpoint config and model stay.'
          : 'Their endpoint configs and models stay.',
      ...(kept.length > 0 ? ['', `Kept in any case:\n${kept.map((line) => `• ${line}`).join('\n')}`] : []),
    ].join('\n');
    const one = targets.length === 1;
    const endpointOnly = one ? 'Delete Endpoint' : 'Delete Endpoints';
    const everything = one ? 'Delete Endpoint, Config and Model' : 'Delete Endpoints, Configs and Models';
    const question = one ? `Delete the endpoint ${targets[0]!.name}?` : `Delete these ${targets.length} endpoints?`;
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail }, endpointOnly, ...(deletions.length > 0 ? [everything] : []));
    if (answer !== endpointOnly && answer !== everything) return;

    const work: Deletion[] = [...targets.map((endpoint) => ({ kind: 'endpoint' as const, region: endpoint.region, name: endpoint.name })), ...(answer === everything ? deletions : [])];
    await deleteAll(services, work);
  },
);

/** Deletes in order (endpoints first, then configs, then models), each on its own, and reports per item. */
export async function deleteAll(services: ExtensionServices, work: readonly Deletion[]): Promise<void> {
  const { clients } = services.session;
  const outcomes = await runPerItem(
    work.length === 1 ? `Deleting ${work[0]!.name}…` : `Deleting ${work.length} resources…`,
    work,
    (item) => `${nouns[item.kind]} ${item.name}`,
    async (item, signal) => {
      if (item.kind === 'endpoint') await deleteEndpoint(clients, item.region, item.name, signal);
      else if (item.kind === 'endpointConfig') await deleteEndpointConfig(clients, item.region, item.name, signal);
      else await deleteModel(clients, item.region, item.name, signal);
    },
  );
  const root = inferenceRoot(services);
  for (const outcome of outcomes) {
    if (outcome.error !== undefined) continue;
    const { kind, region, name } = outcome.item;
    services.log.info(`Deleted ${nouns[kind]} ${name} (${region})`);
    if (kind === 'endpointConfig') root?.configs.forget(region, name);
    // The Inference view lists the kind again on this event (and the cost guard hears it too).
    services.resourceEvents.changed({ region, kind, name });
  }
  await reportOutcomes(services, outcomes, {
    done: (item) => `Deleting ${nouns[item.kind]} ${item.name}`,
    action: (item) => `delete the ${nouns[item.kind]} ${item.name}`,
    summary: 'Delete',
  });
}

/** "ml.m5.large × 1, $0.13/h": what an endpoint runs and costs, or '' when unknown. */
function endpointFacts(endpoint: Endpoint, services: ExtensionServices): string {
  const capacity = endpoint.variants.map(formatVariantCapacity).join(' + ');
  const cost = endpoint.detail === 'full' ? formatEndpointCost(endpointHourlyCost(endpoint, services.prices)) : undefined;
  return [capacity, cost].filter(Boolean).join(', ');
}
