import type { ExtensionServices } from '../platform/services';

/**
 * One command: its id, what it does in words (for "Could not <action>: <reason>" messages), and
 * its handler. Handlers take `(node?, nodes?)` from menus (nodes = the multi-selection), or no
 * arguments from the Command Palette, where they ask with a quick pick.
 */
export interface CommandDefinition {
  readonly id: string;
  readonly action: string | ((...args: unknown[]) => string);
  run(services: ExtensionServices, ...args: unknown[]): unknown;
}

export function defineCommand<Args extends unknown[]>(
  id: string,
  action: string | ((...args: Args) => string),
  run: (services: ExtensionServices, ...args: Args) => unknown,
): CommandDefinition {
  return { id, action: action as CommandDefinition['action'], run };
}

/** The nodes a menu command acts on: the multi-selection when it includes the clicked node. */
export function selectedNodes<T>(node: T | undefined, nodes: readonly T[] | undefined): T[] {
  if (nodes && nodes.length > 0 && (node === undefined || nodes.includes(node))) return [...nodes];
  return node === undefined ? [] : [node];
}
