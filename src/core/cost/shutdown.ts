import type { AwsClients } from '../aws/clientFactory';
import { deleteApp } from '../resources/apps';
import { deleteEndpoint } from '../resources/endpoints';
import { stopJob } from '../resources/jobs';
import { stopNotebookInstance } from '../resources/notebookInstances';
import type { BillableKind, BillableResource } from './billable';

/** What shutting a resource down means, in the words of the confirmation: "Delete endpoint". */
export function shutdownVerb(kind: BillableKind): string {
  switch (kind) {
    case 'app':
      return 'Delete app';
    case 'notebookInstance':
      return 'Stop notebook instance';
    case 'endpoint':
      return 'Delete endpoint';
    case 'trainingJob':
      return 'Stop training job';
    case 'tuningJob':
      return 'Stop tuning job';
    case 'processingJob':
      return 'Stop processing job';
    case 'transformJob':
      return 'Stop transform job';
  }
}

/** What stays after the shutdown, so the confirmation can say it. */
export function shutdownConsequence(kind: BillableKind): string {
  switch (kind) {
    case 'app':
      return "the space and its files stay; the app's instance stops";
    case 'notebookInstance':
      return 'its storage stays; start it again at any time';
    case 'endpoint':
      return 'its endpoint config and model stay; invocations stop working';
    case 'tuningJob':
      return 'its running training jobs stop too';
    default:
      return 'it ends as Stopped; finished work stays in S3';
  }
}

/** Shuts one billable resource down with the shared resource actions. */
export async function shutDown(clients: AwsClients, resource: BillableResource, signal?: AbortSignal): Promise<void> {
  switch (resource.kind) {
    case 'app':
      if (!resource.app) throw new Error(`The app ${resource.name} lacks its domain and owner.`);
      return deleteApp(clients, resource.app, signal);
    case 'notebookInstance':
      return stopNotebookInstance(clients, resource.region, resource.name, signal);
    case 'endpoint':
      return deleteEndpoint(clients, resource.region, resource.name, signal);
    case 'trainingJob':
    case 'tuningJob':
    case 'processingJob':
    case 'transformJob':
      return stopJob(clients, resource.kind, resource.region, resource.name, signal);
  }
}
