/** The three kinds of spec file, recognised by name: `<anything>.<kind>.yaml|yml|json`. */
export type SpecKind = 'training' | 'tuning' | 'deploy';

/** The glob every spec feature (diagnostics, CodeLens, schemas, activation) is keyed on. */
export const specGlob = '**/*.{training,tuning,deploy}.{yaml,yml,json}';

const specName = /\.(training|tuning|deploy)\.(ya?ml|json)$/i;

export function specKindOf(fileName: string): SpecKind | undefined {
  const match = specName.exec(fileName);
  return match ? (match[1]!.toLowerCase() as SpecKind) : undefined;
}

export function isJsonSpec(fileName: string): boolean {
  return /\.json$/i.test(fileName);
}

/** What the spec creates, in words: "training job", "tuning job", "endpoint". */
export function specNoun(kind: SpecKind): string {
  return kind === 'training' ? 'training job' : kind === 'tuning' ? 'tuning job' : 'endpoint';
}
