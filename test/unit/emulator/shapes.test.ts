import * as CWL from '@aws-sdk/client-cloudwatch-logs';
import * as PR from '@aws-sdk/client-pricing';
import * as SM from '@aws-sdk/client-sagemaker';
import { NormalizedSchema } from '@smithy/core/schema';
import { SignatureV4 } from '@smithy/signature-v4';
import assert from 'node:assert/strict';
import { SAGEMAKER_OPERATIONS, type Emulator } from '../../emulator/index';
import { loadModel, type ModelName, type ServiceModel } from '../../emulator/model/botocore';
import { SDK_NEWER_MEMBERS, SDK_OPTIONAL_MEMBERS } from '../../emulator/model/sdkOverlay';
import { formatProblems, validateShape } from '../../emulator/model/validator';
import { NodeSha256, start } from './helpers';


type StaticStruct = [number, string, string, unknown, string[], unknown[], number?];

/** Overlay entries met while comparing: an entry never met is stale and must go. */
const overlayUsed = new Set<string>();

/**
 * Differences between the SDK's schema of a structure and botocore's shape: member names and
 * required flags, recursing into nested structures (each structure once).
 */
function compare(sdk: NormalizedSchema, model: ServiceModel, shapeName: string, path: string, seen: Set<string>, out: string[]): void {
  if (seen.has(shapeName)) return;
  seen.add(shapeName);
  const shape = model.shapes[shapeName]!;
  if (shape.type === 'list') return compare(sdk.getValueSchema(), model, shape.member!.shape, `${path}[]`, seen, out);
  if (shape.type === 'map') return compare(sdk.getValueSchema(), model, shape.value!.shape, `${path}{}`, seen, out);
  if (shape.type !== 'structure' || !sdk.isStructSchema()) return;
  const raw = sdk.getSchema() as unknown as StaticStruct;
  const sdkMembers = raw[4];
  const sdkRequired = new Set(sdkMembers.slice(0, raw[6] ?? 0));
  // botocore as the service validates it: with the SDK-newer members it accepts, and without the requirements the SDK dropped.
  const newer = SDK_NEWER_MEMBERS[shapeName] ?? [];
  const optional = SDK_OPTIONAL_MEMBERS[shapeName] ?? [];
  for (const m of newer) overlayUsed.add(`${shapeName}.${m}`);
  for (const m of optional) overlayUsed.add(`${shapeName}.${m}?`);
  const botoMembers = [...Object.keys(shape.members ?? {}), ...newer];
  const botoRequired = new Set((shape.required ?? []).filter((m) => !optional.includes(m)));
  for (const m of botoMembers) if (!sdkMembers.includes(m)) out.push(`${path}.${m}: in botocore, not in the SDK`);
  for (const m of sdkMembers) if (!botoMembers.includes(m)) out.push(`${path}.${m}: in the SDK, not in botocore`);
  for (const m of botoMembers) {
    if (!sdkMembers.includes(m) || newer.includes(m)) continue;
    if (botoRequired.has(m) !== sdkRequired.has(m)) out.push(`${path}.${m}: required ${botoRequired.has(m)} in botocore, ${sdkRequired.has(m)} in the SDK`);
    compare(sdk.getMemberSchema(m), model, shape.members![m]!.shape, `${path}.${m}`, seen, out);
  }
}

function schemaDifferences(sdkModule: Record<string, unknown>, modelName: ModelName, operations: readonly string[]): string[] {
  const model = loadModel(modelName);
  const out: string[] = [];
  for (const op of operations) {
    const opSchema = sdkModule[`${op}$`] as unknown[] | undefined;
    assert.ok(opSchema, `the SDK exports ${op}$`);
    const input = model.operations[op]?.input?.shape;
    assert.ok(input, `botocore has ${op}`);
    compare(NormalizedSchema.of(opSchema[4] as never), model, input, op, new Set(), out);
  }
  return out;
}

describe('local service: models and answers agree with the SDK and botocore', () => {
  it('validates against botocore shapes whose members and required flags match the SDK\'s own schemas', () => {
    assert.ok(SAGEMAKER_OPERATIONS.length >= 60, `${SAGEMAKER_OPERATIONS.length} SageMaker operations`);
    const sagemaker = schemaDifferences(SM, 'sagemaker', SAGEMAKER_OPERATIONS);
    assert.deepEqual(sagemaker, []);
    assert.deepEqual(schemaDifferences(CWL as unknown as Record<string, unknown>, 'logs', ['DescribeLogGroups', 'DescribeLogStreams', 'GetLogEvents', 'FilterLogEvents']), []);
    assert.deepEqual(schemaDifferences(PR as unknown as Record<string, unknown>, 'pricing', ['GetProducts', 'GetAttributeValues', 'DescribeServices']), []);
    const models = [loadModel('sagemaker'), loadModel('logs')];
    const overlay = [
      ...Object.entries(SDK_NEWER_MEMBERS).flatMap(([shape, members]) => members.map((m) => `${shape}.${m}`)),
      ...Object.entries(SDK_OPTIONAL_MEMBERS).flatMap(([shape, members]) => members.map((m) => `${shape}.${m}?`)),
    ];
    assert.deepEqual(overlay.filter((entry) => !overlayUsed.has(entry)), [], 'every overlay entry still describes a difference');
    for (const [shape, members] of Object.entries(SDK_NEWER_MEMBERS)) {
      const shapeModel = models.find((m) => m.shapes[shape])!;
      for (const m of members) assert.ok(!(m in (shapeModel.shapes[shape]!.members ?? {})), `botocore now has ${shape}.${m}: drop it from the overlay`);
    }
  });

  it('words validation errors as the service does, naming each member', () => {
    const model = loadModel('sagemaker');
    const problems = validateShape(model, 'CreateTrainingJobRequest', {
      TrainingJobName: 'bad_name',
      AlgorithmSpecification: { TrainingInputMode: 'Files', TrainingImage: 'x' },
      OutputDataConfig: { S3OutputPath: 's3://b/o' },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 30 },
      Tags: [{ Key: 'ok', Value: 'v' }, { Key: 'k' }],
      HyperParameters: { eta: 'x'.repeat(3000) },
      Surprise: true,
    }, { mode: 'input' });
    const text = formatProblems(problems);
    assert.match(text, /^6 validation errors detected: /);
    assert.match(text, /Value null at 'roleArn' failed to satisfy constraint: Member must not be null/);
    assert.match(text, /Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    assert.match(text, /Value 'Files' at 'algorithmSpecification\.trainingInputMode' failed to satisfy constraint: Member must satisfy enum value set: \[Pipe, File, FastFile\]/);
    assert.match(text, /Value null at 'tags\.2\.member\.value' failed to satisfy constraint: Member must not be null/);
    assert.match(text, /at 'hyperParameters' failed to satisfy constraint: Map value must satisfy constraint: \[Member must have length less than or equal to 2500\]/);
    assert.match(text, /at 'surprise' failed to satisfy constraint: Member is not defined in the shape/);
  });

  describe('answers checked member by member against botocore output shapes', () => {
    let emu: Emulator;
    let signer: SignatureV4;

    before(async () => {
      emu = await start({ data: 'demo', clockSpeed: 0, validateResponses: false });
    });
    after(() => emu.stop());

    /** A raw, independently signed call: the JSON exactly as the service wrote it. */
    async function raw(service: 'sagemaker' | 'logs' | 'pricing', target: string, body: object): Promise<unknown> {
      signer = new SignatureV4({ service, region: 'us-east-1', credentials: emu.credentials, sha256: NodeSha256 });
      const url = new URL(emu.url);
      const text = JSON.stringify(body);
      const signed = await signer.sign({
        method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, body: text,
        headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      });
      const res = await fetch(`${emu.url}/`, { method: 'POST', headers: signed.headers, body: text });
      const json = (await res.json()) as unknown;
      assert.equal(res.status, 200, `${target}: ${JSON.stringify(json)}`);
      return json;
    }

    async function check(modelName: ModelName, service: 'sagemaker' | 'logs' | 'pricing', prefix: string, op: string, input: object): Promise<Record<string, unknown>> {
      const model = loadModel(modelName);
      const answer = await raw(service, `${prefix}.${op}`, input);
      const problems = validateShape(model, model.operations[op]!.output!.shape, answer, { mode: 'output' });
      assert.deepEqual(problems.map((p) => `${p.path}: ${p.message}`), [], `${op} answer`);
      return answer as Record<string, unknown>;
    }

    const sm = (op: string, input: object = {}): Promise<Record<string, unknown>> => check('sagemaker', 'sagemaker', 'SageMaker', op, input);

    it('for the Studio, notebook, job and hosting operations', async () => {
      const domains = (await sm('ListDomains')).Domains as { DomainId: string }[];
      for (const d of domains) await sm('DescribeDomain', { DomainId: d.DomainId });
      const apps = (await sm('ListApps', { MaxResults: 100 })).Apps as { DomainId: string; UserProfileName?: string; SpaceName?: string; AppType: string; AppName: string }[];
      for (const a of apps) await sm('DescribeApp', { DomainId: a.DomainId, UserProfileName: a.UserProfileName, SpaceName: a.SpaceName, AppType: a.AppType, AppName: a.AppName });
      for (const p of (await sm('ListUserProfiles')).UserProfiles as { DomainId: string; UserProfileName: string }[]) await sm('DescribeUserProfile', { DomainId: p.DomainId, UserProfileName: p.UserProfileName });
      for (const s of (await sm('ListSpaces')).Spaces as { DomainId: string; SpaceName: string }[]) await sm('DescribeSpace', { DomainId: s.DomainId, SpaceName: s.SpaceName });
      for (const n of (await sm('ListNotebookInstances')).NotebookInstances as { NotebookInstanceName: string }[]) await sm('DescribeNotebookInstance', { NotebookInstanceName: n.NotebookInstanceName });
      await sm('DescribeNotebookInstanceLifecycleConfig', { NotebookInstanceLifecycleConfigName: 'auto-stop-idle' });
      const statuses = new Set<string>();
      for (const s of ['InProgress', 'Completed', 'Failed', 'Stopped'] as const) {
        for (const j of (await sm('ListTrainingJobs', { StatusEquals: s, MaxResults: 100 })).TrainingJobSummaries as { TrainingJobName: string }[]) {
          const d = await sm('DescribeTrainingJob', { TrainingJobName: j.TrainingJobName });
          statuses.add(String(d.TrainingJobStatus));
          if (statuses.has(s)) break;
        }
      }
      assert.deepEqual([...statuses].sort(), ['Completed', 'Failed', 'InProgress', 'Stopped']);
      for (const t of (await sm('ListHyperParameterTuningJobs')).HyperParameterTuningJobSummaries as { HyperParameterTuningJobName: string }[]) {
        await sm('DescribeHyperParameterTuningJob', { HyperParameterTuningJobName: t.HyperParameterTuningJobName });
        await sm('ListTrainingJobsForHyperParameterTuningJob', { HyperParameterTuningJobName: t.HyperParameterTuningJobName });
      }
      for (const p of ((await sm('ListProcessingJobs')).ProcessingJobSummaries as { ProcessingJobName: string }[]).slice(0, 3)) await sm('DescribeProcessingJob', { ProcessingJobName: p.ProcessingJobName });
      for (const t of ((await sm('ListTransformJobs')).TransformJobSummaries as { TransformJobName: string }[]).slice(0, 3)) await sm('DescribeTransformJob', { TransformJobName: t.TransformJobName });
      for (const m of (await sm('ListModels')).Models as { ModelName: string }[]) await sm('DescribeModel', { ModelName: m.ModelName });
      for (const c of (await sm('ListEndpointConfigs')).EndpointConfigs as { EndpointConfigName: string }[]) await sm('DescribeEndpointConfig', { EndpointConfigName: c.EndpointConfigName });
      const endpoints = (await sm('ListEndpoints')).Endpoints as { EndpointName: string; EndpointArn: string }[];
      for (const e of endpoints) await sm('DescribeEndpoint', { EndpointName: e.EndpointName });
      await sm('ListTags', { ResourceArn: endpoints[0]!.EndpointArn });
    });

    it('for the Logs and Pricing operations', async () => {
      const logs = (op: string, input: object): Promise<Record<string, unknown>> => check('logs', 'logs', 'Logs_20140328', op, input);
      const groups = (await logs('DescribeLogGroups', {})).logGroups as { logGroupName: string }[];
      assert.ok(groups.length > 0);
      for (const g of groups.slice(0, 3)) {
        const streams = (await logs('DescribeLogStreams', { logGroupName: g.logGroupName, limit: 5 })).logStreams as { logStreamName: string }[];
        await logs('GetLogEvents', { logGroupName: g.logGroupName, logStreamName: streams[0]!.logStreamName, limit: 20 });
        await logs('FilterLogEvents', { logGroupName: g.logGroupName, limit: 20 });
      }
      await check('pricing', 'pricing', 'AWSPriceListService', 'GetProducts', { ServiceCode: 'AmazonSageMaker', MaxResults: 5 });
      await check('pricing', 'pricing', 'AWSPriceListService', 'GetAttributeValues', { ServiceCode: 'AmazonSageMaker', AttributeName: 'regionCode' });
      await check('pricing', 'pricing', 'AWSPriceListService', 'DescribeServices', {});
    });
  });
});
