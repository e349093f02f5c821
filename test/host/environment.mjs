// Names of the environment variables that the harness hands to the extension host (through the
// workbench payload's `extensionEnvironment`). Mirrored for the tests in
// test/integration/support/environment.ts: keep the two in step.
export const ENV = {
  /** Base URL (with its secret path) of the harness's channel: UI bridge, log relay, result. */
  bridge: 'SAGEMAKER_TEST_BRIDGE',
  /** Absolute path of the compiled test index whose run() the test-runner extension calls. */
  module: 'SAGEMAKER_TEST_MODULE',
  /** Mocha --grep. */
  grep: 'SAGEMAKER_TEST_GREP',
  /** Throw-away folder of this run: tests may write scratch files there. */
  sandbox: 'SAGEMAKER_TEST_SANDBOX',
  /** Folder kept after the run (screenshots of failed tests). */
  artifacts: 'SAGEMAKER_TEST_ARTIFACTS',
  /** `code-server` or `electron`. */
  host: 'SAGEMAKER_TEST_HOST',
  /** `1` when the harness's terminal shows colours. */
  color: 'SAGEMAKER_TEST_COLOR',
};

/** Prefix of the one machine-readable line the in-host runner prints at the end. */
export const SUMMARY_PREFIX = 'SAGEMAKER_TEST_SUMMARY ';
