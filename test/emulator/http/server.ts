import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, DropConnection } from '../core/errors';
import type { Identity } from '../core/accounts';
import type { RequestRecord } from '../core/requestLog';
import { logsHandlers } from '../logs/handlers';
import { loadModel, type ModelName } from '../model/botocore';
import { formatProblems, validateShape } from '../model/validator';
import { PRICING_API_REGIONS } from '../pricing/catalog';
import { pricingHandlers } from '../pricing/handlers';
import { invokeEndpoint } from '../runtime/invoke';
import { executeS3, S3_IAM_ACTIONS, s3TargetOf } from '../s3/handlers';
import { sagemakerHandlers, sagemakerResourceArn } from '../sagemaker/index';
import { ssoRoleCredentials } from '../sso/handlers';
import { handleSts } from '../sts/handlers';
import type { World } from '../world';
import { readBody, sleep } from './body';
import { type Protocol, sendError, standardError } from './protocols';
import { ADDRESS_SERVICES, type AddressServiceName, parseAddress, type RoutingViolation, secretsIn, type StrictAddress } from './routing';
import { amzDateToMs, parseSigV4, scopeOf, type SigV4Auth, signingKey, verifySigV4 } from './sigv4';
import { oidcCreateToken } from '../sso/oidc';

export type ControlHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

type Service = 'sagemaker' | 'sagemaker-runtime' | 'logs' | 'pricing' | 'sts' | 's3' | 'sso' | 'sso-oidc' | 'unknown';

interface Route {
  service: Service;
  protocol: Protocol;
  /** The SigV4 service name requests must be signed for. */
  signingName?: string;
  target?: string;
}

const TARGETS: [string, Service, string][] = [
  ['SageMaker.', 'sagemaker', 'sagemaker'],
  ['Logs_20140328.', 'logs', 'logs'],
  ['AWSPriceListService.', 'pricing', 'pricing'],
];

const INVOCATIONS = /\/endpoints\/([^/]+)\/invocations$/;
const SKEW_MS = 15 * 60_000;
const JSON_BODY_LIMIT = 32 * 1024 * 1024;

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function routeOf(auth: SigV4Auth | 'malformed' | undefined, req: IncomingMessage, rawPath: string): Route {
  const target = headerOf(req, 'x-amz-target');
  if (target) {
    for (const [prefix, service, signingName] of TARGETS) {
      if (target.startsWith(prefix)) return { service, protocol: 'json', signingName, target: target.slice(prefix.length) };
    }
    return { service: 'unknown', protocol: 'json', target };
  }
  const signed = typeof auth === 'object' ? auth.service : undefined;
  if (signed === 's3') return { service: 's3', protocol: 's3', signingName: 's3' };
  if (signed === 'sts') return { service: 'sts', protocol: 'query', signingName: 'sts' };
  if (INVOCATIONS.test(rawPath)) return { service: 'sagemaker-runtime', protocol: 'restJson', signingName: 'sagemaker' };
  const type = headerOf(req, 'content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return { service: 'sts', protocol: 'query', signingName: 'sts' };
  if (signed === undefined) return { service: 's3', protocol: 's3', signingName: 's3' };
  return { service: 'unknown', protocol: 'json' };
}

/** Strict routing: the address alone says which service answers. */
function routeAt(service: AddressServiceName, req: IncomingMessage, path: string): Route {
  const target = headerOf(req, 'x-amz-target');
  switch (service) {
    case 'sagemaker':
    case 'logs':
    case 'pricing': {
      const [prefix, routeService] = TARGETS.find(([, s]) => s === service)!;
      if (target?.startsWith(prefix)) return { service: routeService, protocol: 'json', signingName: service, target: target.slice(prefix.length) };
      return { service: 'unknown', protocol: 'json', target: target ?? '' };
    }
    case 'runtime':
      return INVOCATIONS.test(path) ? { service: 'sagemaker-runtime', protocol: 'restJson', signingName: 'sagemaker' } : { service: 'unknown', protocol: 'restJson' };
    case 'sts':
      return { service: 'sts', protocol: 'query', signingName: 'sts' };
    case 's3':
      return { service: 's3', protocol: 's3', signingName: 's3' };
    default:
      return { service: 'unknown', protocol: 'restJson' };
  }
}

/** The operation an unsigned SSO / SSO-OIDC call names by its path, for the records. */
function ssoOperationOf(method: string | undefined, path: string): string | undefined {
  if (method === 'GET' && path.endsWith('/federation/credentials')) return 'GetRoleCredentials';
  if (method === 'POST' && path.endsWith('/token')) return 'CreateToken';
  return undefined;
}

/** AWS's answer to a credential scope whose region is not the address's. */
function wrongRegionError(protocol: Protocol, auth: SigV4Auth, expected: string): AwsError {
  if (protocol === 's3') {
    return auth.kind === 'query'
      ? new AwsError('AuthorizationQueryParametersError', `Error parsing the X-Amz-Credential parameter; the region '${auth.region}' is wrong; expecting '${expected}'`, 400, { Region: expected })
      : new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${auth.region}' is wrong; expecting '${expected}'`, 400, { Region: expected });
  }
  const message = `Credential should be scoped to a valid region, not '${auth.region}'. `;
  if (protocol === 'query') return new AwsError('SignatureDoesNotMatch', message, 403);
  return new AwsError('InvalidSignatureException', message, protocol === 'restJson' ? 403 : 400);
}

/** AWS's answer to a credential scope whose service is not the address's. */
function wrongServiceError(protocol: Protocol, auth: SigV4Auth, expected: string): AwsError {
  if (protocol === 's3') {
    return new AwsError(auth.kind === 'query' ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', `The authorization header is malformed; incorrect service "${auth.service}". This endpoint belongs to "${expected}".`, 400);
  }
  const message = `Credential should be scoped to correct service: '${expected}'. `;
  if (protocol === 'query') return new AwsError('SignatureDoesNotMatch', message, 403);
  return new AwsError('InvalidSignatureException', message, protocol === 'restJson' ? 403 : 400);
}

const MODEL_OF: Partial<Record<Service, ModelName>> = { sagemaker: 'sagemaker', logs: 'logs', pricing: 'pricing' };
const VALIDATION_CODE: Partial<Record<Service, string>> = { sagemaker: 'ValidationException', logs: 'InvalidParameterException', pricing: 'InvalidParameterException' };

/** The HTTP listener: control API, SSO portal, and every AWS service on one port. */
export function createListener(world: World, control: ControlHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const requestId = randomUUID();
    res.setHeader('x-amzn-requestid', requestId);
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const url = new URL(rawUrl, 'http://local');
    if (rawPath === '/_emulator' || rawPath.startsWith('/_emulator/')) {
      control(req, res, url).catch((err: unknown) => {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
        } else res.destroy();
      });
      return;
    }
    const record: RequestRecord = {
      requestId,
      time: new Date().toISOString(),
      virtualTime: world.clock.now().toISOString(),
      service: 'unknown',
      operation: 'Unknown',
      region: 'us-east-1',
      input: {},
      status: 0,
      durationMs: 0,
    };
    const started = Date.now();
    res.on('close', () => {
      record.status = res.headersSent ? res.statusCode : 0;
      record.durationMs = Date.now() - started;
      world.requests.add(record);
    });
    const call = new Call(world, req, res, url, rawPath, rawQuery, requestId, record);
    call.run().catch((err: unknown) => call.fail(err));
  };
}

class Call {
  private protocol: Protocol = 'json';
  private route: Route = { service: 'unknown', protocol: 'json' };
  /** The path that routes the request: the raw path, or in strict routing what follows `/aws/<service>/<region>`. */
  private path: string;

  constructor(
    private readonly world: World,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly url: URL,
    private readonly rawPath: string,
    private readonly rawQuery: string,
    private readonly requestId: string,
    private readonly record: RequestRecord,
  ) {
    this.path = rawPath;
  }

  fail(err: unknown): void {
    if (err instanceof DropConnection) {
      this.req.socket.destroy();
      return;
    }
    let error: AwsError;
    if (err instanceof AwsError) error = err;
    else {
      console.error('[local sagemaker] unexpected error:', err);
      error = new AwsError('InternalFailure', `The local service failed: ${err instanceof Error ? err.message : String(err)}`, 500);
    }
    this.record.errorCode = error.code;
    // Discard an unread body so the connection can be reused.
    this.req.resume();
    sendError(this.res, this.req.method, error, this.protocol, this.requestId);
  }

  async run(): Promise<void> {
    const { req, rawPath } = this;
    if (this.world.options.routing === 'strict') return this.runStrict();
    if (req.method === 'GET' && rawPath.endsWith('/federation/credentials')) return this.sso();
    const auth = parseSigV4(req, this.url.searchParams);
    if (auth === undefined && req.method === 'POST' && rawPath.endsWith('/token') && (headerOf(req, 'content-type') ?? '').startsWith('application/json')) return this.oidc();
    this.route = routeOf(auth, req, rawPath);
    return this.serve(auth);
  }

  /** Strict routing: the address names the service and region; anything else is refused as AWS would, and recorded. */
  private async runStrict(): Promise<void> {
    const { req } = this;
    const address = parseAddress(this.rawPath, this.world.options.ssoRegions);
    const auth = parseSigV4(req, this.url.searchParams);
    if (typeof auth === 'object') {
      this.record.region = auth.region;
      this.record.accessKeyId = auth.accessKeyId;
    }
    if (!address?.exists || !address.spec) {
      this.record.service = address?.service ?? 'unknown';
      if (address) this.record.region = address.region;
      const secrets = secretsIn(req.headers, auth === undefined ? await this.peekJson() : undefined);
      this.violation('noSuchAddress', address, auth, secrets, address ? `There is no ${address.service} endpoint in ${address.region}` : 'The path names no /aws/<service>/<region> address');
      // AWS has no host for this address: the connection fails, as DNS would.
      throw new DropConnection();
    }
    this.path = address.innerPath;
    this.address = address;
    this.protocol = address.spec.protocol;
    const service = address.service as AddressServiceName;
    if (service === 'sso' || service === 'oidc') {
      this.record.service = service === 'sso' ? 'sso' : 'sso-oidc';
      this.record.region = address.region;
      if (service === 'sso' && req.method === 'GET' && this.path === '/federation/credentials') return this.sso();
      if (service === 'oidc' && req.method === 'POST' && this.path === '/token') return this.oidc();
      throw standardError('unknownOperation', 'restJson', ssoOperationOf(req.method, this.path) ?? `${req.method ?? 'GET'} ${this.path}`);
    }
    const secrets = secretsIn(req.headers, auth === undefined && service !== 's3' ? await this.peekJson() : undefined);
    if (secrets.length > 0) {
      this.record.operation = ssoOperationOf(req.method, this.path) ?? 'Unknown';
      this.violation('secretToWrongAddress', address, auth, secrets, `${secrets.join(', ')} sent to the ${address.service} address of ${address.region}`);
    }
    this.route = routeAt(service, req, this.path);
    if (typeof auth === 'object') {
      const expected = ADDRESS_SERVICES[service] as { signingName?: string };
      if (expected.signingName !== undefined && auth.service !== expected.signingName) {
        this.record.service = this.route.service;
        this.violation('wrongService', address, auth, [], `signed for ${auth.service} but sent to the ${address.service} address`);
        throw wrongServiceError(this.protocol, auth, expected.signingName);
      }
      if (auth.region !== address.region) {
        this.record.service = this.route.service;
        this.violation('wrongRegion', address, auth, [], `signed for ${auth.region} but sent to the ${address.service} address of ${address.region}`);
        throw wrongRegionError(this.protocol, auth, address.region);
      }
    }
    return this.serve(auth);
  }

  /** Reads a small unsigned body that may be JSON (to see which secrets it carries); undefined otherwise. */
  private async peekJson(): Promise<unknown> {
    if (this.req.method === 'GET' || this.req.method === 'HEAD') return undefined;
    try {
      const body = await readBody(this.req, 1024 * 1024);
      this.peeked = body;
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  private peeked: Buffer | undefined;
  /** Strict routing: the address the request was sent to. */
  private address: StrictAddress | undefined;

  private violation(kind: RoutingViolation['kind'], address: StrictAddress | undefined, auth: SigV4Auth | 'malformed' | undefined, secrets: RoutingViolation['secrets'], message: string): void {
    this.world.routing.add({
      kind,
      time: this.record.time,
      requestId: this.requestId,
      method: this.req.method ?? 'GET',
      path: this.rawPath,
      ...(address ? { address: { service: address.service, region: address.region } } : {}),
      ...(typeof auth === 'object' ? { signedService: auth.service, signedRegion: auth.region } : {}),
      ...(secrets && secrets.length > 0 ? { secrets } : {}),
      ...(this.record.operation !== 'Unknown' ? { operation: this.record.operation } : {}),
      message,
    });
  }

  private async serve(auth: SigV4Auth | 'malformed' | undefined): Promise<void> {
    const { req } = this;
    this.protocol = this.route.protocol;
    this.record.service = this.route.service;
    if (typeof auth === 'object') {
      this.record.region = auth.region;
      this.record.accessKeyId = auth.accessKeyId;
    }
    if (this.route.service === 'pricing' && typeof auth === 'object' && !PRICING_API_REGIONS.includes(auth.region)) {
      // There is no Price List endpoint in this region: the connection fails, as DNS would.
      throw new DropConnection();
    }
    if (this.world.latencyMs > 0) await sleep(this.world.latencyMs);
    if (auth === undefined) throw standardError('missingAuth', this.protocol);
    if (auth === 'malformed') {
      throw this.protocol === 's3'
        ? new AwsError('AuthorizationHeaderMalformed', 'The authorization header is malformed.', 400)
        : new AwsError('IncompleteSignatureException', 'Authorization header requires \'Credential\', \'Signature\' and \'SignedHeaders\' parameters.', 400);
    }
    if (this.route.service === 'unknown') throw standardError('unknownOperation', this.protocol, this.route.target ?? '');
    if (this.route.signingName && auth.service !== this.route.signingName) {
      throw new AwsError(this.protocol === 's3' ? 'AuthorizationHeaderMalformed' : 'InvalidSignatureException', `Credential should be scoped to correct service: '${this.route.signingName}'.`, this.protocol === 's3' ? 400 : 403);
    }
    if (this.world.access.isRegionDisabled(auth.region)) throw standardError('disabledRegion', this.protocol);
    const identity = this.identify(auth);
    this.record.accountId = identity.accountId;
    if (this.route.service === 's3') return this.s3(auth, identity);
    const body = this.peeked ?? (await readBody(req, JSON_BODY_LIMIT));
    const declared = headerOf(req, 'x-amz-content-sha256');
    const actual = createHash('sha256').update(body).digest('hex');
    if (declared !== undefined && declared !== actual && declared !== 'UNSIGNED-PAYLOAD') throw standardError('badSignature', this.protocol);
    if (!verifySigV4(req, auth, this.rawPath, this.rawQuery, declared ?? actual, identity.secretAccessKey)) throw standardError('badSignature', this.protocol);
    if (this.route.service === 'sts') return this.sts(body, auth, identity);
    if (this.route.service === 'sagemaker-runtime') return this.runtime(body, auth, identity);
    return this.json(body, auth, identity);
  }

  /** Credentials and their freshness; the signature itself is checked once the body hash is known. */
  private identify(auth: SigV4Auth): Identity {
    const identity = this.world.accounts.lookup(auth.accessKeyId);
    if (!identity) throw standardError('unknownKey', this.protocol);
    if (identity.sessionToken !== undefined && auth.sessionToken !== identity.sessionToken) throw standardError('unknownKey', this.protocol);
    if (identity.expiresAt !== undefined && identity.expiresAt < Date.now()) throw standardError('expiredToken', this.protocol);
    const signedAt = amzDateToMs(auth.amzDate);
    if (auth.kind === 'header' && Math.abs(signedAt - Date.now()) > SKEW_MS) {
      const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      throw standardError('signatureExpired', this.protocol, `${auth.amzDate} is now earlier than ${now} (${now} - 15 min.)`);
    }
    if (auth.kind === 'query' && signedAt + (auth.expires ?? 0) * 1000 < Date.now()) {
      throw new AwsError('AccessDenied', 'Request has expired', 403);
    }
    return identity;
  }

  /** Latency, drops and injected errors; returns true when the answer should be a truncated body. */
  private async faults(operation: string, region: string): Promise<boolean> {
    const decision = this.world.faults.decide({ service: this.route.service, operation, region });
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    switch (decision.action) {
      case 'drop':
        throw new DropConnection();
      case 'throttle':
        throw standardError('throttle', this.protocol);
      case 'serverError':
        throw standardError(decision.serverStatus === 503 ? 'serverError503' : 'serverError500', this.protocol);
      default:
        return decision.action === 'malformed';
    }
  }

  private checkAccess(iamPrefix: string, operation: string, iamAction: string, identity: Identity, region: string, input: unknown, resource: string): void {
    const denied = this.world.access.isDenied({
      service: this.route.service,
      iamPrefix,
      operation,
      iamAction,
      region,
      accessKeyId: identity.accessKeyId,
      accountId: identity.accountId,
      input,
    });
    if (!denied) return;
    const action = `${iamPrefix}:${iamAction}`;
    const message = `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
    const code = this.protocol === 'json' || this.protocol === 'restJson' ? 'AccessDeniedException' : 'AccessDenied';
    throw new AwsError(code, message, this.protocol === 'json' ? 400 : 403);
  }

  private send(status: number, contentType: string, body: string | Buffer, malformed: boolean, headers: Record<string, string> = {}): void {
    let out = typeof body === 'string' ? Buffer.from(body) : body;
    // A malformed answer: the first half of the body, which no parser accepts.
    if (malformed) out = out.subarray(0, Math.max(1, Math.floor(out.length / 2)));
    this.res.statusCode = status;
    this.res.setHeader('content-type', contentType);
    for (const [k, v] of Object.entries(headers)) this.res.setHeader(k, v);
    this.res.setHeader('content-length', out.length);
    this.res.end(out);
  }

  private async json(body: Buffer, auth: SigV4Auth, identity: Identity): Promise<void> {
    const service = this.route.service;
    const operation = this.route.target ?? '';
    const handler = service === 'sagemaker' ? sagemakerHandlers[operation] : service === 'logs' ? logsHandlers[operation] : pricingHandlers[operation];
    this.record.operation = operation;
    if (!handler) throw standardError('unknownOperation', this.protocol, operation);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw standardError('serialization', this.protocol, 'Unable to parse the request body as JSON');
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw standardError('serialization', this.protocol, 'The request body must be a JSON object');
    const params = input as Record<string, unknown>;
    this.record.input = params;
    const malformed = await this.faults(operation, auth.region);
    const resource =
      service === 'sagemaker'
        ? sagemakerResourceArn(operation, params, auth.region, identity.accountId)
        : service === 'logs'
          ? `arn:aws:logs:${auth.region}:${identity.accountId}:log-group:${typeof params.logGroupName === 'string' ? params.logGroupName : '*'}${typeof params.logStreamName === 'string' ? `:log-stream:${params.logStreamName}` : ''}`
          : '*';
    this.checkAccess(service, operation, operation, identity, auth.region, params, resource);
    const modelName = MODEL_OF[service]!;
    const model = loadModel(modelName);
    const op = model.operations[operation];
    if (op?.input) {
      const problems = validateShape(model, op.input.shape, params, { mode: 'input' });
      if (problems.length) throw new AwsError(VALIDATION_CODE[service]!, formatProblems(problems));
    }
    const now = this.world.clock.nowMs();
    let result: unknown;
    if (service === 'sagemaker') {
      const state = this.world.current(auth.region, identity.accountId);
      result = (handler as (typeof sagemakerHandlers)[string])({ state, now, requestId: this.requestId }, params);
    } else if (service === 'logs') {
      const state = this.world.current(auth.region, identity.accountId);
      result = (handler as (typeof logsHandlers)[string])({ logs: state.logs, now, region: auth.region, accountId: identity.accountId }, params);
    } else {
      result = (handler as (typeof pricingHandlers)[string])(params);
    }
    if (this.world.options.validateResponses && op?.output) {
      const problems = validateShape(model, op.output.shape, result, { mode: 'output' });
      if (problems.length) throw new AwsError('InternalFailure', `The local service's ${operation} answer does not match botocore's ${op.output.shape}: ${formatProblems(problems)}`, 500);
    }
    this.send(200, 'application/x-amz-json-1.1', JSON.stringify(result ?? {}), malformed);
  }

  private async runtime(body: Buffer, auth: SigV4Auth, identity: Identity): Promise<void> {
    const name = decodeURIComponent(INVOCATIONS.exec(this.path)![1]!);
    const input = {
      EndpointName: name,
      ContentType: headerOf(this.req, 'content-type'),
      Accept: headerOf(this.req, 'accept'),
      TargetVariant: headerOf(this.req, 'x-amzn-sagemaker-target-variant'),
      CustomAttributes: headerOf(this.req, 'x-amzn-sagemaker-custom-attributes'),
      BodyBytes: body.length,
    };
    this.record.operation = 'InvokeEndpoint';
    this.record.input = input;
    const malformed = await this.faults('InvokeEndpoint', auth.region);
    this.checkAccess('sagemaker', 'InvokeEndpoint', 'InvokeEndpoint', identity, auth.region, input, `arn:aws:sagemaker:${auth.region}:${identity.accountId}:endpoint/${name.toLowerCase()}`);
    if (body.length > 6 * 1024 * 1024) throw new AwsError('ValidationError', 'Request payload is too large: the maximum is 6291456 bytes.', 413);
    const state = this.world.current(auth.region, identity.accountId);
    const result = invokeEndpoint(state, { endpointName: name, body, contentType: input.ContentType, accept: input.Accept, targetVariant: input.TargetVariant, customAttributes: input.CustomAttributes }, this.world.clock.nowMs());
    const headers: Record<string, string> = { 'x-amzn-invoked-production-variant': result.variant };
    if (result.customAttributes) headers['x-amzn-sagemaker-custom-attributes'] = result.customAttributes;
    this.send(200, result.contentType, result.body, malformed, headers);
  }

  private async sts(body: Buffer, auth: SigV4Auth, identity: Identity): Promise<void> {
    const params = new URLSearchParams(this.req.method === 'GET' ? this.url.search : body.toString('utf8'));
    const action = params.get('Action') ?? '';
    const input: Record<string, string> = {};
    for (const [k, v] of params) if (k !== 'Action' && k !== 'Version') input[k] = v;
    this.record.operation = action || 'Unknown';
    this.record.input = input;
    const malformed = await this.faults(action, auth.region);
    const resource = action === 'AssumeRole' ? (input.RoleArn ?? '*') : '*';
    if (action !== 'GetCallerIdentity') this.checkAccess('sts', action, action, identity, auth.region, input, resource);
    const xml = handleSts(action, params, identity, this.world.accounts, this.requestId);
    this.send(200, 'text/xml', xml, malformed);
  }

  private async s3(auth: SigV4Auth, identity: Identity): Promise<void> {
    const payloadHash = auth.kind === 'query' ? (headerOf(this.req, 'x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD') : headerOf(this.req, 'x-amz-content-sha256');
    if (payloadHash === undefined) throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
    if (!verifySigV4(this.req, auth, this.rawPath, this.rawQuery, payloadHash, identity.secretAccessKey)) throw standardError('badSignature', 's3');
    const target = s3TargetOf(this.req.method ?? 'GET', this.path, this.url.searchParams, this.req.headers);
    this.record.operation = target.operation;
    this.record.input = target.input;
    if (this.address && target.bucket && target.operation !== 'CreateBucket') {
      // Strict routing: a bucket is served only by its own region's endpoint.
      const bucketRegion = this.world.s3.buckets.get(target.bucket)?.region;
      if (bucketRegion !== undefined && bucketRegion !== this.address.region) {
        this.violation('wrongRegion', this.address, auth, [], `bucket ${target.bucket} is in ${bucketRegion}, not ${this.address.region}`);
        this.res.setHeader('x-amz-bucket-region', bucketRegion);
        throw new AwsError(
          'PermanentRedirect',
          'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
          301,
          { Endpoint: `${target.bucket}.s3.${bucketRegion}.amazonaws.com`, Bucket: target.bucket },
        );
      }
    }
    const malformed = await this.faults(target.operation, auth.region);
    if (malformed) {
      this.send(200, 'application/xml', '<?xml version="1.0" encoding="UTF-8"?>\n<Result xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Trunc', false);
      return;
    }
    const iamAction = S3_IAM_ACTIONS[target.operation] ?? target.operation;
    const resource = target.bucket ? `arn:aws:s3:::${target.bucket}${target.key ? `/${target.key}` : ''}` : '*';
    this.checkAccess('s3', target.operation, iamAction, identity, auth.region, target.input, resource);
    this.res.setHeader('x-amz-request-id', this.requestId.replace(/-/g, '').slice(0, 16).toUpperCase());
    this.res.setHeader('x-amz-id-2', Buffer.from(this.requestId).toString('base64'));
    await executeS3({
      req: this.req,
      res: this.res,
      url: this.url,
      target,
      region: auth.region,
      accountId: identity.accountId,
      requestId: this.requestId,
      now: this.world.clock.nowMs(),
      store: this.world.s3,
      payloadHash,
      signing: { key: signingKey(identity.secretAccessKey, auth.date, auth.region, auth.service), amzDate: auth.amzDate, scope: scopeOf(auth), seedSignature: auth.signature },
    });
  }

  /** SSO-OIDC CreateToken (unsigned, restJson1): the refresh of an sso-session token. */
  private async oidc(): Promise<void> {
    this.protocol = 'restJson';
    this.record.service = 'sso-oidc';
    this.record.operation = 'CreateToken';
    const body = this.peeked ?? (await readBody(this.req, 1024 * 1024));
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      input = undefined;
    }
    const result = oidcCreateToken(this.world.accounts, input);
    this.record.input = result.recordedInput;
    if (result.error) {
      // SSO-OIDC errors are OAuth-shaped: {"error","error_description"}, with the type in x-amzn-errortype.
      this.record.errorCode = result.error.code;
      this.res.setHeader('x-amzn-errortype', result.error.code);
      this.send(result.error.status, 'application/json', JSON.stringify({ error: result.error.oauth, error_description: result.error.message }), false);
      return;
    }
    this.send(200, 'application/json', JSON.stringify(result.output), false);
  }

  private sso(): void {
    this.protocol = 'restJson';
    this.record.service = 'sso';
    this.record.operation = 'GetRoleCredentials';
    const roleName = this.url.searchParams.get('role_name');
    const accountId = this.url.searchParams.get('account_id');
    this.record.input = { roleName, accountId };
    const result = ssoRoleCredentials(this.world.accounts, headerOf(this.req, 'x-amz-sso_bearer_token'), roleName, accountId);
    this.send(200, 'application/json', JSON.stringify(result), false);
  }
}
