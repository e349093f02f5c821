// Environment variables set by the harness for the extension host; mirrors test/host/environment.mjs.
export const ENV = {
  bridge: 'SAGEMAKER_TEST_BRIDGE',
  module: 'SAGEMAKER_TEST_MODULE',
  grep: 'SAGEMAKER_TEST_GREP',
  sandbox: 'SAGEMAKER_TEST_SANDBOX',
  artifacts: 'SAGEMAKER_TEST_ARTIFACTS',
  host: 'SAGEMAKER_TEST_HOST',
  color: 'SAGEMAKER_TEST_COLOR',
  /** Set by the test runner extension: extensions' global storage folder (`<data>/User/globalStorage`). */
  globalStorage: 'SAGEMAKER_TEST_GLOBAL_STORAGE',
} as const;

/** Prefix of the one machine-readable summary line (parsed by the harness). */
export const SUMMARY_PREFIX = 'SAGEMAKER_TEST_SUMMARY ';

export function env(name: keyof typeof ENV): string | undefined {
  const value = process.env[ENV[name]];
  return value === undefined || value === '' ? undefined : value;
}
