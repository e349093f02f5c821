/**
 * A local SageMaker-compatible service for tests, benchmarks and the demo: SageMaker, CloudWatch
 * Logs, SageMaker Runtime, Pricing, STS, the SSO portal and S3 on one port, answering the real
 * AWS SDKs, the AWS CLI and boto3 with the real wire formats.
 */
export {
  startEmulator,
  type AccessControl,
  type ClockControl,
  type Credentials,
  type EmitOptions,
  type EmitResult,
  type Emulator,
  type EmulatorOptions,
  type FaultsControl,
  type LogsControl,
  type RequestsControl,
  type ResetOptions,
  type SsoControl,
} from './emulator';
export { ADDRESS_SERVICE_NAMES, ADDRESS_SERVICES, type AddressServiceName, type RoutingMode, type RoutingViolation, type SecretKind, type ViolationKind } from './http/routing';
export type { DenyRule, InputMatcher } from './core/access';
export type { Identity, RegisterKey, SsoRefreshGrant, SsoToken } from './core/accounts';
export type { FaultRule } from './core/faults';
export type { RequestFilter, RequestPredicate, RequestRecord } from './core/requestLog';
export { DEFAULT_ACCOUNT_ID, DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from './core/accounts';
export { RESOURCE_KINDS, type PutOptions, type ResourceKind, type StateApi, type TrainingOutcomeOverride } from './stateApi';
export { DURATIONS } from './sagemaker/durations';
export { SAGEMAKER_OPERATIONS } from './sagemaker/index';
export { PRICED_USES, PRICING_API_REGIONS } from './pricing/catalog';
export type { SeedData } from './world';
