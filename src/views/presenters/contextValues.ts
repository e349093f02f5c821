/**
 * Every node's `contextValue` is `<kind>.<state>` plus optional `.flag`s, e.g. `app.InService`,
 * `notebookInstance.Stopped.lifecycle`. package.json `when` clauses match them with regexes such
 * as `viewItem =~ /^app\.InService/`. Kinds are listed here so the two stay in step.
 */
export const nodeKinds = [
  'error',
  'message',
  'loadMore',
  'group',
  'domain',
  'userProfile',
  'space',
  'app',
  'notebookInstance',
  'trainingJob',
  'tuningJob',
  'processingJob',
  'transformJob',
  'model',
  'endpointConfig',
  'endpoint',
] as const;

export type NodeKind = (typeof nodeKinds)[number];

export function contextValue(kind: NodeKind, state?: string, ...flags: Array<string | false | undefined>): string {
  return [kind, state ?? 'none', ...flags.filter((flag): flag is string => typeof flag === 'string' && flag !== '')].join('.');
}
