import { join, resolve } from 'node:path';
import { ImageCatalog, type ImageCatalog as Catalog } from './images';
import { pathEscapes, specLocalPaths } from './localPaths';
import { forEachString, missingRoleMessage, placeholdersIn, placeholderNames, type Path, type PlaceholderRef } from './placeholders';
import { isRecord, type SchemaProblem, type SchemaValidator } from './schema';
import type { ParsedSpec, ProblemSeverity, SpecProblem } from './specDocument';
import { trainingDefinitions } from './specFacts';

/** What the checks need to know beyond the text: the launch region, settings, the file system. */
export interface SpecCheckEnvironment {
  readonly region: string;
  /** The setting behind `${role}`; empty when unset. */
  readonly role?: string;
  /** Where the user sets the role in this window ("User settings", "Remote settings"). */
  readonly settingsPlace?: string;
  readonly images?: Catalog;
  /** The folder the spec lives in (Source.Directory and LocalPath are relative to it). */
  readonly specDir: string;
  /** The workspace folder that holds the spec (the spec's folder when none does): local paths must stay inside it. */
  readonly workspaceRoot?: string;
  /** What is at a local path: a file, a folder, or nothing. */
  stat(path: string): Promise<'file' | 'directory' | undefined>;
}

const lengthOfResolved: Partial<Record<string, number>> = { timestamp: 23, shortTimestamp: 13 };

/**
 * Every problem in a spec that can be known before sending anything: syntax, the schema (as
 * editors check it, placeholders allowed), placeholders, the source block and local paths, and
 * the rules the service enforces across members.
 */
export async function checkSpec(spec: ParsedSpec, validator: SchemaValidator, env: SpecCheckEnvironment): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [...spec.syntaxProblems];
  if (spec.syntaxProblems.some((problem) => problem.severity === 'error')) return problems;
  const value = spec.value;
  if (!isRecord(value)) {
    problems.push(at(spec, [], `A ${spec.kind} spec is a mapping of request members (see the JSON schema), not ${value === undefined || value === null ? 'an empty document' : 'a single value'}.`));
    return problems;
  }
  problems.push(...schemaProblems(spec, validator.validate(value), 'schema'));
  problems.push(...placeholderProblems(spec, validator, env));
  problems.push(...(await localPathProblems(spec, value, env)));
  problems.push(...crossMemberProblems(spec, value));
  return problems;
}

/** Turns schema findings into located problems (unknown members point at their key). */
export function schemaProblems(spec: ParsedSpec, found: readonly SchemaProblem[], source: SpecProblem['source']): SpecProblem[] {
  return found.map((problem) => ({
    path: problem.path,
    message: problem.message,
    severity: 'error' as const,
    range: spec.rangeOf(problem.path, problem.atKey ? 'key' : 'value'),
    source,
    ...(problem.suggestion !== undefined ? { replacement: problem.suggestion } : {}),
  }));
}

function at(spec: ParsedSpec, path: Path, message: string, severity: ProblemSeverity = 'error', part: 'key' | 'value' = 'value'): SpecProblem {
  return { path, message, severity, range: spec.rangeOf(path, part), source: 'spec' };
}

function placeholderProblems(spec: ParsedSpec, validator: SchemaValidator, env: SpecCheckEnvironment): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const instanceType = firstInstanceType(spec.value);
  forEachString(spec.value, (text, path) => {
    const refs = placeholdersIn(text);
    if (refs.length === 0) return;
    const located = (ref: PlaceholderRef, message: string): SpecProblem => ({
      path,
      message,
      severity: 'error',
      range: spec.rangeInString(path, ref.start, ref.end),
      source: 'spec',
    });
    for (const ref of refs) {
      if (!(placeholderNames as readonly string[]).includes(ref.name)) {
        problems.push(located(ref, `Unknown placeholder \${${ref.name}}; known: ${placeholderNames.map((name) => `\${${name}}`).join(', ')}.`));
      } else if (ref.name === 'role' && !env.role) {
        problems.push(located(ref, `${missingRoleMessage(env.settingsPlace)}.`));
      } else if (ref.name === 'image' && env.images) {
        const parsed = ImageCatalog.parseArg(ref.arg);
        if (!parsed) problems.push(located(ref, 'Name the image: ${image:xgboost:1.7-1}, ${image:pytorch-training:2.8.0}…'));
        else {
          const answer = env.images.uri(parsed, env.region, instanceType);
          if ('error' in answer) problems.push(located(ref, `\${image:${ref.arg ?? ''}}: ${answer.error}.`));
        }
      } else if (ref.name !== 'image' && ref.arg !== undefined) {
        problems.push(located(ref, `\${${ref.name}} takes no argument.`));
      }
    }
    // Names are limited in length: check what the timestamps will make of them.
    const maxLength = validator.schemaAt(path)?.anyOf?.[0]?.maxLength;
    if (maxLength !== undefined && refs.every((ref) => lengthOfResolved[ref.name] !== undefined)) {
      const resolvedLength = refs.reduce((length, ref) => length - (ref.end - ref.start) + lengthOfResolved[ref.name]!, text.length);
      if (resolvedLength > maxLength) {
        const hint = refs.some((ref) => ref.name === 'timestamp') && maxLength < 40 ? ' Use ${shortTimestamp} (13 characters) here, or a shorter base.' : ' Use a shorter base.';
        problems.push({ path, message: `Once resolved this name has ${resolvedLength} characters; at most ${maxLength} are allowed.${hint}`, severity: 'error', range: spec.rangeOf(path), source: 'spec' });
      }
    }
  });
  return problems;
}

/** Local paths that lead out of the workspace folder: problems at the paths, and which paths they were. */
export async function escapingPathProblems(spec: ParsedSpec, value: Record<string, unknown>, root: string, specDir: string): Promise<SpecProblem[]> {
  const problems: SpecProblem[] = [];
  for (const local of specLocalPaths(value)) {
    const escape = await pathEscapes(root, specDir, local.value);
    if (escape) problems.push(at(spec, local.path, escape));
  }
  return problems;
}

async function localPathProblems(spec: ParsedSpec, value: Record<string, unknown>, env: SpecCheckEnvironment): Promise<SpecProblem[]> {
  const problems = await escapingPathProblems(spec, value, env.workspaceRoot ?? env.specDir, env.specDir);
  // A path that leaves the workspace is not looked at any further.
  const escaped = new Set(problems.map((problem) => JSON.stringify(problem.path)));
  const source = value.Source;
  if (isRecord(source) && typeof source.Directory === 'string' && source.Directory && !escaped.has(JSON.stringify(['Source', 'Directory']))) {
    const directory = resolve(env.specDir, source.Directory);
    if ((await env.stat(directory)) !== 'directory') {
      problems.push(at(spec, ['Source', 'Directory'], `The source folder ${source.Directory} does not exist (relative to this spec's folder).`));
    } else if (typeof source.EntryPoint === 'string' && source.EntryPoint) {
      if ((await env.stat(join(directory, source.EntryPoint))) !== 'file') {
        problems.push(at(spec, ['Source', 'EntryPoint'], `The entry point ${source.EntryPoint} is not a file in ${source.Directory}.`));
      }
    }
  }
  for (const { path, definition } of trainingDefinitions(value)) {
    const channels = definition.InputDataConfig;
    if (!Array.isArray(channels)) continue;
    for (const [index, channel] of channels.entries()) {
      if (!isRecord(channel) || typeof channel.LocalPath !== 'string' || !channel.LocalPath) continue;
      const channelPath = [...path, 'InputDataConfig', index];
      if (escaped.has(JSON.stringify([...channelPath, 'LocalPath']))) continue;
      const kind = await env.stat(resolve(env.specDir, channel.LocalPath));
      if (!kind) problems.push(at(spec, [...channelPath, 'LocalPath'], `The local folder ${channel.LocalPath} does not exist (relative to this spec's folder).`));
      const s3 = (channel.DataSource as { S3DataSource?: { S3Uri?: unknown } } | undefined)?.S3DataSource?.S3Uri;
      if (typeof s3 !== 'string') {
        problems.push(at(spec, [...channelPath, 'LocalPath'], 'LocalPath is uploaded to DataSource.S3DataSource.S3Uri: give that S3 prefix too.'));
      }
    }
  }
  return problems;
}

function crossMemberProblems(spec: ParsedSpec, value: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (spec.kind === 'tuning') {
    const single = value.TrainingJobDefinition !== undefined;
    const several = value.TrainingJobDefinitions !== undefined;
    if (single === several) {
      problems.push(at(spec, single ? ['TrainingJobDefinitions'] : [], single ? 'Give TrainingJobDefinition or TrainingJobDefinitions, not both.' : 'The tuning job needs a TrainingJobDefinition.', 'error', 'key'));
    }
  }
  if (spec.kind !== 'deploy') {
    for (const { path, definition } of trainingDefinitions(value)) {
      const algorithm = definition.AlgorithmSpecification;
      if (isRecord(algorithm) && !algorithm.TrainingImage && !algorithm.AlgorithmName) {
        problems.push(at(spec, [...path, 'AlgorithmSpecification'], 'Give AlgorithmSpecification.TrainingImage (e.g. ${image:xgboost:1.7-1}) or AlgorithmName.', 'error', 'key'));
      }
      if (definition.EnableManagedSpotTraining === true) {
        const stopping = isRecord(definition.StoppingCondition) ? definition.StoppingCondition : {};
        const maxWait = stopping.MaxWaitTimeInSeconds;
        const maxRuntime = typeof stopping.MaxRuntimeInSeconds === 'number' ? stopping.MaxRuntimeInSeconds : 86_400;
        if (typeof maxWait !== 'number') {
          problems.push(at(spec, [...path, 'EnableManagedSpotTraining'], 'Managed spot training needs StoppingCondition.MaxWaitTimeInSeconds (how long to wait for spot capacity, at least MaxRuntimeInSeconds).'));
        } else if (maxWait < maxRuntime) {
          problems.push(at(spec, [...path, 'StoppingCondition', 'MaxWaitTimeInSeconds'], `MaxWaitTimeInSeconds (${maxWait}) must be at least MaxRuntimeInSeconds (${maxRuntime}).`));
        }
      }
    }
    if (isRecord(value.Source)) {
      for (const { path, definition } of trainingDefinitions(value)) {
        const algorithm = isRecord(definition.AlgorithmSpecification) ? definition.AlgorithmSpecification : {};
        if (typeof algorithm.AlgorithmName === 'string') {
          problems.push(at(spec, [...path, 'AlgorithmSpecification', 'AlgorithmName'], 'A Source block runs a script in a framework container: use TrainingImage, not AlgorithmName.'));
        }
      }
    }
  } else {
    problems.push(...deployProblems(spec, value));
  }
  return problems;
}

function deployProblems(spec: ParsedSpec, value: Record<string, unknown>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const model = isRecord(value.Model) ? value.Model : undefined;
  const existingModel = isRecord(value.From) && typeof value.From.ModelName === 'string';
  if (existingModel && model) problems.push(at(spec, ['Model'], 'From.ModelName serves an existing model: leave the Model section out.', 'error', 'key'));
  if (!existingModel && !model) problems.push(at(spec, [], 'The spec needs a Model section (or From.ModelName to serve an existing model).', 'error'));
  if (model) {
    const primary = isRecord(model.PrimaryContainer) ? model.PrimaryContainer : undefined;
    if (!value.From && !primary && !Array.isArray(model.Containers)) {
      problems.push(at(spec, ['Model'], 'Say what to serve: From (a trained job) or Model.PrimaryContainer (Image and ModelDataUrl).', 'error', 'key'));
    }
    if (!value.From && primary && !primary.Image) {
      problems.push(at(spec, ['Model', 'PrimaryContainer'], 'PrimaryContainer needs an Image (or deploy From a training job, whose image is used).', 'error', 'key'));
    }
    if (value.From && typeof primary?.ModelDataUrl === 'string') {
      problems.push(at(spec, ['Model', 'PrimaryContainer', 'ModelDataUrl'], 'From fills ModelDataUrl with the trained model; this value is replaced.', 'warning'));
    }
    if (!model.ExecutionRoleArn) problems.push(at(spec, ['Model'], 'The model needs an ExecutionRoleArn (e.g. ${role}).', 'error', 'key'));
  }
  const config = isRecord(value.EndpointConfig) ? value.EndpointConfig : undefined;
  const variants = Array.isArray(config?.ProductionVariants) ? config.ProductionVariants : [];
  variants.forEach((variant, index) => {
    if (!isRecord(variant)) return;
    const path = ['EndpointConfig', 'ProductionVariants', index];
    const serverless = variant.ServerlessConfig !== undefined;
    const instances = variant.InstanceType !== undefined;
    if (serverless && instances) problems.push(at(spec, path, 'A variant is either serverless (ServerlessConfig) or on instances (InstanceType), not both.'));
    if (!serverless && !instances) problems.push(at(spec, path, 'Give the variant an InstanceType and InitialInstanceCount, or a ServerlessConfig.'));
    if (instances && variant.InitialInstanceCount === undefined) problems.push(at(spec, [...path, 'InstanceType'], 'Give InitialInstanceCount with InstanceType.'));
    if (typeof variant.ModelName === 'string' && typeof model?.ModelName === 'string' && variant.ModelName !== model.ModelName) {
      problems.push(at(spec, [...path, 'ModelName'], `This variant serves ${variant.ModelName}, not the model this spec creates (${model.ModelName}).`, 'warning'));
    }
  });
  return problems;
}

function firstInstanceType(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  for (const { definition } of trainingDefinitions(value)) {
    const resource = isRecord(definition.ResourceConfig) ? definition.ResourceConfig : undefined;
    if (typeof resource?.InstanceType === 'string') return resource.InstanceType;
  }
  return undefined;
}
