import type { CommandDefinition } from '../command';
import { deleteEndpointConfigs, deleteModels } from './deleteConfigOrModel';
import { deleteEndpoints } from './deleteEndpoint';
import { invokeEndpointCommand } from './invokeEndpoint';

/** The Inference view's commands. */
export const inferenceCommands: readonly CommandDefinition[] = [deleteEndpoints, deleteEndpointConfigs, deleteModels, invokeEndpointCommand];
