import { AwsError } from '../core/errors';
import { hash32 } from '../core/random';
import { accessStamp } from '../logs/serviceLines';
import { endpointLogGroup } from '../logs/store';
import { currentDeployment, findEndpoint } from '../sagemaker/hosting';
import type { RegionState } from '../sagemaker/state';

export interface Invocation {
  endpointName: string;
  body: Buffer;
  contentType?: string;
  accept?: string;
  targetVariant?: string;
  customAttributes?: string;
}

export interface InvocationResult {
  body: Buffer;
  contentType: string;
  variant: string;
  customAttributes?: string;
}

const score = (text: string): number => Math.round((1 / (1 + Math.exp(-((hash32(text) % 2000) / 250 - 4)))) * 1e6) / 1e6;

/** ModelError, as the runtime reports an error the container answered. */
function modelError(state: RegionState, endpointName: string, variant: string, status: number, message: string): AwsError {
  return new AwsError('ModelError', `Received client error (${status}) from primary with message "${message}". See https://${state.region}.console.aws.amazon.com/cloudwatch/home?region=${state.region}#logEventViewer:group=${endpointLogGroup(endpointName)} in account ${state.accountId} for more information.`, 424, {
    OriginalStatusCode: String(status),
    OriginalMessage: message,
    LogStreamArn: `arn:aws:logs:${state.region}:${state.accountId}:log-group:${endpointLogGroup(endpointName)}`,
  });
}

/** Answers like a model would: a score per CSV row, or JSON predictions for JSON input. */
function predict(state: RegionState, inv: Invocation, variant: string): { body: string; contentType: string } {
  const type = (inv.contentType ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  const accept = (inv.accept ?? '').split(',')[0]!.trim().toLowerCase();
  const text = inv.body.toString('utf8');
  if (type === 'text/csv') {
    const rows = text.split(/\r?\n/).filter((r) => r.trim() !== '');
    const scores = rows.map(score);
    if (accept === 'application/json') return { body: JSON.stringify({ predictions: scores.map((s) => ({ score: s })) }), contentType: 'application/json' };
    return { body: scores.join('\n'), contentType: 'text/csv; charset=utf-8' };
  }
  if (type === 'application/json' || type === 'application/jsonlines') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw modelError(state, inv.endpointName, variant, 400, 'Invalid JSON in request body');
    }
    const out = jsonPrediction(parsed);
    return { body: JSON.stringify(out), contentType: 'application/json' };
  }
  throw modelError(state, inv.endpointName, variant, 415, `Content type ${type} is not supported by this container.`);
}

function jsonPrediction(input: unknown): unknown {
  if (Array.isArray(input)) return input.map((row) => score(JSON.stringify(row)));
  if (input !== null && typeof input === 'object') {
    const o = input as Record<string, unknown>;
    if (Array.isArray(o.instances)) return { predictions: o.instances.map((row) => score(JSON.stringify(row))) };
    if (typeof o.inputs === 'string' || Array.isArray(o.inputs)) {
      const texts = Array.isArray(o.inputs) ? o.inputs : [o.inputs];
      return texts.map((t) => {
        const s = score(JSON.stringify(t));
        return { label: s >= 0.5 ? 'POSITIVE' : 'NEGATIVE', score: s >= 0.5 ? s : 1 - s };
      });
    }
  }
  return { prediction: score(JSON.stringify(input)) };
}

export function invokeEndpoint(state: RegionState, inv: Invocation, now: number): InvocationResult {
  const endpoint = findEndpoint(state, inv.endpointName, now);
  const notFound = new AwsError('ValidationError', `Endpoint ${inv.endpointName} of account ${state.accountId} not found.`, 400);
  if (!endpoint) throw notFound;
  const status = endpoint.timeline.status(now);
  if (status !== 'InService' && status !== 'Updating') throw notFound;
  const deployment = currentDeployment(endpoint, now);
  const variants = deployment.variants;
  let variant = variants[0]!;
  if (inv.targetVariant !== undefined) {
    const found = variants.find((v) => v.VariantName === inv.targetVariant);
    if (!found) throw new AwsError('ValidationError', `Variant ${inv.targetVariant} not found for endpoint ${inv.endpointName}.`, 400);
    variant = found;
  } else if (variants.length > 1) {
    // Weighted routing, deterministic per request count.
    const total = variants.reduce((s, v) => s + (v.InitialVariantWeight ?? 1), 0);
    let r = ((endpoint.invocations * 0.618034) % 1) * total;
    variant = variants.find((v) => (r -= v.InitialVariantWeight ?? 1) < 0) ?? variant;
  }
  endpoint.invocations++;
  const instance = deployment.instanceIds[variant.VariantName]?.[endpoint.invocations % (deployment.instanceIds[variant.VariantName]?.length ?? 1)];
  const log = (code: number, bytes: number): void => {
    if (!instance) return;
    const group = state.logs.groups.get(endpointLogGroup(endpoint.name));
    const stream = group?.streams.get(`${variant.VariantName}/${instance}`) ?? state.logs.stream(endpointLogGroup(endpoint.name), `${variant.VariantName}/${instance}`, now);
    stream.append(now, [`169.254.178.2 - - ${accessStamp(now)} "POST /invocations HTTP/1.1" ${code} ${bytes} "-" "AHC/2.0"`]);
  };
  try {
    const { body, contentType } = predict(state, inv, variant.VariantName);
    log(200, Buffer.byteLength(body));
    return { body: Buffer.from(body), contentType, variant: variant.VariantName, customAttributes: inv.customAttributes };
  } catch (err) {
    log(err instanceof AwsError ? Number(err.extra.OriginalStatusCode ?? 500) : 500, 0);
    throw err;
  }
}
