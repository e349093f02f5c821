/**
 * The AWS SDK, as one lazily loaded module. esbuild bundles this file alone into `dist/sdk.js`;
 * everything else reaches it through `loadSdk()`, so activation never pays for loading it.
 * Type-only imports of the SDK packages are fine anywhere.
 */
export * as sagemaker from '@aws-sdk/client-sagemaker';
export * as runtime from '@aws-sdk/client-sagemaker-runtime';
export * as logs from '@aws-sdk/client-cloudwatch-logs';
export * as s3 from '@aws-sdk/client-s3';
export * as sts from '@aws-sdk/client-sts';
export * as pricing from '@aws-sdk/client-pricing';
export { Upload } from '@aws-sdk/lib-storage';
export { fromNodeProviderChain, fromProcess, fromSSO } from '@aws-sdk/credential-providers';
// The SSO portal client the credential providers use (given to them when the portal's endpoint is set).
export { SSOClient } from '@aws-sdk/nested-clients/sso';
