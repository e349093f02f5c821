// Identifiers of the UI fixture extension, shared with the tests without loading the extension.
export const FIXTURE_EXTENSION_ID = 'sagemaker-tools-test.ui-fixture';
export const FIXTURE_STATUS_ID = 'fixtureStatus';
