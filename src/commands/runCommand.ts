import * as vscode from 'vscode';
import { isCancellation } from '../core/util/cancellation';
import { reportFailure } from '../platform/errorReporter';
import type { ExtensionServices } from '../platform/services';
import { describeFailure } from '../views/presenters/errorPresenter';
import type { CommandDefinition } from './command';

/**
 * Runs every command: a user's cancel is silent; any other error is reported once, naming the
 * operation and the reason, with the remedies that fit (Retry re-runs the same command).
 */
export async function runCommand(definition: CommandDefinition, services: ExtensionServices, args: unknown[]): Promise<unknown> {
  services.log.debug(`command ${definition.id}`);
  try {
    return await definition.run(services, ...args);
  } catch (error) {
    if (isCancellation(error)) {
      services.log.debug(`command ${definition.id} cancelled`);
      return undefined;
    }
    const action = typeof definition.action === 'function' ? definition.action(...args) : definition.action;
    const failure = describeFailure(action, error, services.session.connection);
    await reportFailure(failure, services.log, () => runCommand(definition, services, args));
    return undefined;
  }
}

export function registerCommands(definitions: readonly CommandDefinition[], services: ExtensionServices): vscode.Disposable[] {
  return definitions.map((definition) =>
    vscode.commands.registerCommand(definition.id, (...args: unknown[]) => runCommand(definition, services, args)),
  );
}
