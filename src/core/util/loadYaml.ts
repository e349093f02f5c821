import type * as YamlLib from './yamlLib';

export type Yaml = typeof YamlLib;

let loading: Promise<Yaml> | undefined;

/** Loads the YAML library on first use (a separate bundle in the packaged extension). */
export function loadYaml(): Promise<Yaml> {
  loading ??= import('./yamlLib');
  return loading;
}
