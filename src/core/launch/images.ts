/**
 * The per-region image URIs of built-in algorithms and framework containers
 * (data/sagemaker-images.json, extracted from the SageMaker Python SDK; see data/PROVENANCE.md).
 * URI: `{account}.dkr.ecr.{region}.{domain}/{repository}:{tag}`.
 */
export interface ImageTable {
  readonly domains: { readonly default: string; readonly by_region: Readonly<Record<string, string>> };
  readonly images: Readonly<Record<string, ImageEntry>>;
}

export interface ImageEntry {
  readonly sdk_framework: string;
  readonly kind: string;
  readonly scope: readonly string[];
  readonly image_scope?: string;
  readonly repository: string;
  readonly newest_version?: string;
  readonly versions: Readonly<Record<string, ImageVersion>>;
}

export interface ImageVersion {
  readonly tag: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly aliases?: readonly string[];
  readonly processors: readonly string[];
  readonly py_versions: readonly string[];
  readonly scope?: readonly string[];
  readonly registries: Readonly<Record<string, string>>;
}

export type ImageScope = 'training' | 'inference';

export interface ImageChoice {
  /** The table's key, used in `${image:<name>:<version>}`: `xgboost`, `pytorch-training`. */
  readonly name: string;
  readonly version: string;
  readonly kind: string;
  readonly framework: string;
  readonly processors: readonly string[];
}

export interface ImageRef {
  readonly name: string;
  readonly version: string;
  readonly processor?: string;
}

/** GPU instance families (ml.p*, ml.g*); everything else runs the CPU image. */
export function processorFor(instanceType: string | undefined): 'cpu' | 'gpu' {
  return /^ml\.(p|g)\d/.test(instanceType ?? '') ? 'gpu' : 'cpu';
}

export class ImageCatalog {
  constructor(private readonly table: ImageTable) {}

  /** Versions usable in `region` for `scope`, newest first within each image. */
  choices(scope: ImageScope, region: string): ImageChoice[] {
    const choices: ImageChoice[] = [];
    for (const [name, entry] of Object.entries(this.table.images)) {
      if (!entry.scope.includes(scope)) continue;
      for (const version of this.sortedVersions(entry)) {
        const details = entry.versions[version]!;
        if (details.scope && !details.scope.includes(scope)) continue;
        if (!details.registries[region]) continue;
        choices.push({ name, version, kind: entry.kind, framework: entry.sdk_framework, processors: details.processors });
      }
    }
    return choices;
  }

  newestVersion(name: string): string | undefined {
    const entry = this.table.images[name];
    return entry ? (entry.newest_version ?? this.sortedVersions(entry)[0]) : undefined;
  }

  /** The URI of an image in a region, or why there is none. */
  uri(ref: { name: string; version?: string; processor?: string }, region: string, instanceType?: string): { uri: string } | { error: string } {
    const entry = this.table.images[ref.name];
    if (!entry) return { error: `no image named "${ref.name}"; known: ${Object.keys(this.table.images).join(', ')}` };
    const requested = ref.version ?? this.newestVersion(ref.name)!;
    const version = entry.versions[requested]
      ? requested
      : Object.keys(entry.versions).find((key) => entry.versions[key]!.aliases?.includes(requested));
    if (!version) return { error: `${ref.name} has no version ${requested}; known: ${this.sortedVersions(entry).join(', ')}` };
    const details = entry.versions[version]!;
    const account = details.registries[region];
    if (!account) return { error: `${ref.name} ${version} is not offered in ${region}` };
    let tag = details.tag;
    if (details.tags) {
      const processors = Object.keys(details.tags);
      const processor = ref.processor ?? (processors.length === 1 ? processors[0]! : processorFor(instanceType));
      const chosen = details.tags[processor];
      if (!chosen) return { error: `${ref.name} ${version} comes for ${processors.join(' or ')}, not ${processor}` };
      tag = chosen;
    }
    const domain = this.table.domains.by_region[region] ?? this.table.domains.default;
    return { uri: `${account}.dkr.ecr.${region}.${domain}/${entry.repository}:${tag}` };
  }

  /** Which table image a URI is, if any: used to find the inference image of a training image. */
  identify(uri: string): ImageRef | undefined {
    const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.[^/]+\/([^:@]+):(.+)$/.exec(uri);
    if (!match) return undefined;
    const [, account, region, repository, tag] = match as unknown as [string, string, string, string, string];
    for (const [name, entry] of Object.entries(this.table.images)) {
      if (entry.repository !== repository) continue;
      for (const [version, details] of Object.entries(entry.versions)) {
        if (details.registries[region] !== account) continue;
        if (details.tag === tag) return { name, version };
        const processor = Object.entries(details.tags ?? {}).find(([, candidate]) => candidate === tag)?.[0];
        if (processor) return { name, version, processor };
      }
    }
    return undefined;
  }

  /** Built-in algorithms and first-party algorithm containers (XGBoost): the service adds their metric definitions. */
  isAlgorithmImage(uri: string): boolean {
    const ref = this.identify(uri);
    return ref !== undefined && /algorithm/.test(this.table.images[ref.name]?.kind ?? '');
  }

  /**
   * The image to serve a model trained with `trainingImage`: the same image for built-in
   * algorithms and first-party containers (XGBoost, scikit-learn), the framework's inference
   * container (same version when there is one, else the newest) for deep-learning containers.
   */
  inferenceImageFor(trainingImage: string, region: string, instanceType?: string): string | undefined {
    const ref = this.identify(trainingImage);
    if (!ref) return undefined;
    const entry = this.table.images[ref.name]!;
    if (entry.scope.includes('inference')) return trainingImage;
    const counterpart = Object.entries(this.table.images).find(
      ([, candidate]) => candidate.sdk_framework === entry.sdk_framework && candidate.scope.includes('inference'),
    );
    if (!counterpart) return undefined;
    const [name, inference] = counterpart;
    const version = inference.versions[ref.version] ? ref.version : this.newestVersion(name);
    const answer = this.uri({ name, version, processor: instanceType ? processorFor(instanceType) : ref.processor }, region, instanceType);
    return 'uri' in answer ? answer.uri : undefined;
  }

  /** Parses the argument of `${image:<name>[:<version>[:<processor>]]}`. */
  static parseArg(arg: string | undefined): { name: string; version?: string; processor?: string } | undefined {
    if (!arg) return undefined;
    const [name, version, processor] = arg.split(':').map((part) => part.trim());
    return name ? { name, version: version || undefined, processor: processor || undefined } : undefined;
  }

  private sortedVersions(entry: ImageEntry): string[] {
    return Object.keys(entry.versions).sort((a, b) => compareVersions(b, a));
  }
}

/** Compares `1.7-1`, `3.2-0`, `2.19.0` numerically part by part. */
export function compareVersions(a: string, b: string): number {
  const parts = (text: string): number[] => text.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}
