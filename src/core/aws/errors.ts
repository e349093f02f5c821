import { isCancellation } from '../util/cancellation';
import { redact } from '../util/redact';

/**
 * What went wrong with an AWS call, in the terms a user acts on. Every failure that reaches a
 * user is classified here, so that messages and offered actions are the same everywhere.
 */
export type ErrorKind =
  | 'cancelled'
  | 'throttled'
  | 'accessDenied'
  | 'ssoExpired'
  | 'noCredentials'
  | 'unknownProfile'
  | 'expiredCredentials'
  | 'invalidCredentials'
  | 'regionNotEnabled'
  | 'notFound'
  | 'validation'
  | 'conflict'
  | 'limitExceeded'
  | 'network'
  | 'malformedResponse'
  | 'serviceError'
  | 'unknown';

/** Something a user can do about an error; the UI layer turns these into buttons. */
export type ErrorRemedy = 'retry' | 'ssoLogin' | 'selectProfile' | 'selectRegion' | 'openSettings' | 'showLog';

export interface ClassifiedError {
  readonly kind: ErrorKind;
  /** The service's error code, e.g. `AccessDeniedException`, or the Node error code. */
  readonly code: string;
  /** The service's own message, redacted. */
  readonly message: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  /** Whether trying again unchanged may succeed. */
  readonly retryable: boolean;
}

/** Thrown by the core when a profile named in settings or `AWS_PROFILE` is not in the shared files. */
export class UnknownProfileError extends Error {
  override readonly name = 'UnknownProfileError';
  constructor(
    readonly profile: string,
    readonly configPath: string,
    readonly credentialsPath: string,
  ) {
    super(`The AWS profile "${profile}" is not defined in ${configPath} or ${credentialsPath}.`);
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: unknown;
  $response?: { statusCode?: number };
}

const throttlingCodes = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const deniedCodes = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);
const expiredCodes = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const invalidCredentialCodes = new Set([
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
]);
const notFoundCodes = new Set(['ResourceNotFound', 'ResourceNotFoundException', 'NoSuchKey', 'NoSuchBucket', 'NotFound', 'NoSuchUpload']);
const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

export function classifyAwsError(error: unknown): ClassifiedError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const nodeCode = typeof e.code === 'string' ? e.code : typeof e.Code === 'string' ? e.Code : '';
  const code = name && name !== 'Error' ? name : nodeCode || 'Error';
  const message = redact(typeof e.message === 'string' && e.message ? e.message : String(error));
  const httpStatus = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const requestId = e.$metadata?.requestId;
  const base = { code, message, httpStatus, requestId };
  const make = (kind: ErrorKind, retryable: boolean): ClassifiedError => ({ ...base, kind, retryable });

  if (isCancellation(error)) return make('cancelled', false);
  if (error instanceof UnknownProfileError) return make('unknownProfile', false);
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/\bSSO\b|sso login|SSO Token|sso_session/i.test(message)) return make('ssoExpired', false);
    // Profiles missing from the files are caught earlier (UnknownProfileError); a profile that exists
    // but yields nothing ("Could not resolve credentials using profile") has no credentials.
    if (/Profile \S+ (?:was not found|could not be found)/i.test(message)) return make('unknownProfile', false);
    return make('noCredentials', false);
  }
  if (throttlingCodes.has(code) || httpStatus === 429) return make('throttled', true);
  if (deniedCodes.has(code) || deniedCodes.has(nodeCode)) return make('accessDenied', false);
  if (expiredCodes.has(code)) return make('expiredCredentials', false);
  // An opt-in region that the account has not enabled rejects every key as unrecognised.
  if (code === 'UnrecognizedClientException') return make('regionNotEnabled', false);
  if (invalidCredentialCodes.has(code)) return make('invalidCredentials', false);
  // SageMaker answers most missing resources with ValidationException: "Could not find ...", "Requested
  // resource not found.", and for notebook instances a bare "RecordNotFound".
  if (notFoundCodes.has(code) || (code === 'ValidationException' && /could not find|does not exist|not found|^RecordNotFound$/i.test(message))) {
    return make('notFound', false);
  }
  if (code === 'ValidationException' || code === 'ValidationError' || code === 'InvalidParameterException') return make('validation', false);
  if (code === 'ResourceInUse' || code === 'ConflictException' || code === 'ResourceInUseException') return make('conflict', false);
  if (code === 'ResourceLimitExceeded' || code === 'LimitExceededException') return make('limitExceeded', false);
  if (networkCodes.has(nodeCode) || networkCodes.has(code) || name === 'TimeoutError' || /socket hang up/i.test(message)) {
    return make('network', true);
  }
  if (name === 'SyntaxError' || /Deserialization error|Unexpected end of JSON/i.test(message)) return make('malformedResponse', true);
  if (e.$fault === 'server' || (httpStatus !== undefined && httpStatus >= 500)) return make('serviceError', true);
  return make('unknown', false);
}

export interface ErrorAdvice {
  /** The reason, in one sentence, without the operation (the caller says what failed). */
  readonly reason: string;
  /** What to do about it, or undefined when there is nothing better than retrying. */
  readonly hint?: string;
  readonly remedies: readonly ErrorRemedy[];
}

export interface AdviceContext {
  readonly profile: string | undefined;
  readonly region: string;
  readonly endpoint?: string;
}

/** Turns a classified error into a reason, a hint and the remedies worth offering. */
export function adviseOnError(error: ClassifiedError, context: AdviceContext): ErrorAdvice {
  const profile = context.profile ?? 'default';
  const loginCommand = `aws sso login --profile ${profile}`;
  const serviceSays = error.message;
  switch (error.kind) {
    case 'ssoExpired':
      return {
        reason: `the AWS SSO session for profile "${profile}" has expired or was never started`,
        hint: `Sign in with \`${loginCommand}\`, then retry.`,
        remedies: ['ssoLogin', 'retry'],
      };
    case 'noCredentials':
      return {
        reason: 'no AWS credentials were found',
        hint: 'Choose a profile from your AWS config or credentials file, or set AWS_PROFILE or the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables.',
        remedies: ['selectProfile', 'retry'],
      };
    case 'unknownProfile':
      return {
        reason: `the AWS profile "${profile}" does not exist in your AWS config or credentials file`,
        hint: 'Choose one of the profiles that exist, or add this one to ~/.aws/config.',
        remedies: ['selectProfile'],
      };
    case 'accessDenied':
      return {
        reason: `access denied (${error.code}): ${serviceSays}`,
        hint: `The identity of profile "${profile}" lacks this permission. Ask your AWS administrator to allow it, or choose another profile.`,
        remedies: ['selectProfile', 'retry'],
      };
    case 'expiredCredentials':
      return {
        reason: `the credentials of profile "${profile}" have expired (${error.code})`,
        hint: 'Refresh them (sign in again or renew the session), then retry.',
        remedies: ['retry', 'selectProfile'],
      };
    case 'invalidCredentials':
      return {
        reason: `AWS rejected the credentials of profile "${profile}" (${error.code})`,
        hint: 'Check the access key and secret in your AWS credentials file, or choose another profile.',
        remedies: ['selectProfile'],
      };
    case 'regionNotEnabled':
      return {
        reason: `the region ${context.region} is not enabled for this account, or it rejected the credentials (${error.code})`,
        hint: 'Choose another region, or enable this one in the AWS account settings.',
        remedies: ['selectRegion', 'selectProfile'],
      };
    case 'throttled':
      return { reason: `AWS is throttling requests (${error.code})`, hint: 'Wait a moment, then retry.', remedies: ['retry'] };
    case 'network':
      return {
        reason: `the ${context.endpoint ? `endpoint ${context.endpoint}` : `AWS endpoint for ${context.region}`} could not be reached (${error.code})`,
        hint: context.endpoint
          ? 'Check that the service at that address is running, or clear sagemaker.endpointUrl.'
          : 'Check your network connection and proxy settings.',
        remedies: context.endpoint ? ['retry', 'openSettings'] : ['retry'],
      };
    case 'malformedResponse':
      return { reason: 'the service sent a response that could not be read', hint: 'Retry; if it persists, check the endpoint setting.', remedies: ['retry', 'showLog'] };
    case 'serviceError':
      return { reason: `the service failed (${error.code}${error.httpStatus ? `, HTTP ${error.httpStatus}` : ''}): ${serviceSays}`, hint: 'This is usually temporary; retry.', remedies: ['retry', 'showLog'] };
    case 'notFound':
      return { reason: `it no longer exists (${error.code}): ${serviceSays}`, hint: 'Refresh the view.', remedies: ['retry'] };
    case 'validation':
      return { reason: `the request was invalid (${error.code}): ${serviceSays}`, remedies: ['showLog'] };
    case 'conflict':
      return { reason: `${serviceSays} (${error.code})`, hint: 'Wait for the resource to settle, then retry.', remedies: ['retry'] };
    case 'limitExceeded':
      return { reason: `an account limit was reached (${error.code}): ${serviceSays}`, hint: 'Request a quota increase in Service Quotas, or free capacity first.', remedies: ['showLog'] };
    case 'cancelled':
      return { reason: 'cancelled', remedies: [] };
    case 'unknown':
      return { reason: `${serviceSays}${error.code !== 'Error' ? ` (${error.code})` : ''}`, remedies: ['retry', 'showLog'] };
  }
}
