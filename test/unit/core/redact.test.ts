import { strict as assert } from 'node:assert';
import { redact } from '../../../src/core/util/redact';

/**
 * Redaction must return the same text with only the secret replaced: every case is an exact
 * expected string, so a rule that removes too little, too much or mangles the rest fails.
 */
const cases: Array<[title: string, input: string, expected: string]> = [
  ['a presigned Studio URL, whole', 'opening https://d-abc123.studio.us-east-1.sagemaker.aws/auth?token=eyJhbGciOi.secret now', 'opening <presigned URL> now'],
  [
    'SigV4 query parameters of a presigned S3 URL',
    'GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA1234567890ABCDEF%2F20261122&X-Amz-Security-Token=FwoGZXIvYXdzEJr%2Fabc&X-Amz-Signature=0123abcd failed',
    'GET https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Signature=*** failed',
  ],
  ['x-amz-security-token as a header', 'x-amz-security-token: FwoGZXIvYXdzEJr//////////wEaDH7example+token=', 'x-amz-security-token: ***'],
  ['X-Amz-Security-Token header among others', 'host: sts.amazonaws.com\nX-Amz-Security-Token: IQoJb3JpZ2luX2VjE\nx-amz-date: 20261204T120000Z', 'host: sts.amazonaws.com\nX-Amz-Security-Token: ***\nx-amz-date: 20261204T120000Z'],
  ['x-amz-security-token as a JSON header member', '{"headers":{"x-amz-security-token":"IQoJb3JpZ2luX2VjE","x-amz-date":"20261204T120000Z"}}', '{"headers":{"x-amz-security-token":"***","x-amz-date":"20261204T120000Z"}}'],
  ['the SSO bearer header', 'GET /federation/credentials\nx-amz-sso_bearer_token: aoaAAAAAGd1ZXNz-secret.token\naccept: */*', 'GET /federation/credentials\nx-amz-sso_bearer_token: ***\naccept: */*'],
  ['an SSO token cache file', '{"accessToken":"aoaAAAAA.bbb-ccc","expiresAt":"2026-12-04T13:00:00Z","refreshToken":"Atzr|IwEBIA-secret","clientId":"cid-123","clientSecret":"eyJraWQiOiJrZXktMTU2","region":"eu-central-1"}', '{"accessToken":"***","expiresAt":"2026-12-04T13:00:00Z","refreshToken":"***","clientId":"cid-123","clientSecret":"***","region":"eu-central-1"}'],
  ['pretty-printed JSON keeps its spacing', '{\n  "accessToken": "aoa.secret",\n  "startUrl": "https://corp.awsapps.com/start"\n}', '{\n  "accessToken": "***",\n  "startUrl": "https://corp.awsapps.com/start"\n}'],
  ['a CreateToken request body', '{"clientId":"cid","clientSecret":"cs-123","grantType":"refresh_token","refreshToken":"rt-456"}', '{"clientId":"cid","clientSecret":"***","grantType":"refresh_token","refreshToken":"***"}'],
  ['JSON inside a JSON string', 'body: "{\\"refreshToken\\":\\"rt-456\\",\\"clientId\\":\\"cid\\"}"', 'body: "{\\"refreshToken\\":\\"***\\",\\"clientId\\":\\"cid\\"}"'],
  ['a printed object', "{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'IQoJb3Jp' }", "{ accessKeyId: '<access key>', secretAccessKey: '***', sessionToken: '***' }"],
  ['INI keys', 'aws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token=IQoJb3JpZ2luX2Vj', 'aws_access_key_id=<access key>\naws_secret_access_key = ***\naws_session_token=***'],
  ['form fields', 'grant_type=refresh_token&refresh_token=rt-456&client_secret=cs-123&client_id=cid', 'grant_type=refresh_token&refresh_token=***&client_secret=***&client_id=cid'],
  ['a bearer Authorization header', 'authorization: Bearer aoaAAAAAGd1ZXNz.secret-1', 'authorization: Bearer ***'],
  [
    'a SigV4 Authorization header',
    'Authorization: AWS4-HMAC-SHA256 Credential=ASIAQEXAMPLEEXAMPLE1/20261204/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    'Authorization: AWS4-HMAC-SHA256 Credential=<access key>/20261204/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=***',
  ],
  [
    'a failed credential_process keeps the program, hides its arguments, keeps what it printed',
    'Profile vault: Command failed: /usr/local/bin/vault-aws --role ml --token hvs.CAESIJ-secret\nvault: permission denied',
    'Profile vault: Command failed: /usr/local/bin/vault-aws <arguments hidden>\nvault: permission denied',
  ],
  ['a quoted credential_process program with spaces', 'Command failed: "/opt/my tools/creds" --password=hunter2', 'Command failed: "/opt/my tools/creds" <arguments hidden>'],
  ['a credential_process without arguments is left as it is', 'Command failed: /usr/local/bin/creds\nno such file', 'Command failed: /usr/local/bin/creds\nno such file'],
  ['a secret already redacted stays as it is', 'x-amz-security-token: ***, refresh_token=***', 'x-amz-security-token: ***, refresh_token=***'],
];

/** Text that names the secrets without holding one must come back unchanged. */
const unchanged = [
  'Could not stop training job fraud-xgb-3: AccessDenied',
  "Value not present for 'accessToken' in SSO Token. Cannot refresh.",
  'The SSO session token associated with profile=ml was not found or is invalid.',
  'Token is expired. To refresh this SSO session run aws sso login with the corresponding profile.',
  'Sso session \'corp\' is missing required property \'sso_region\'.',
  '{"TrainingJobName":"tokenizer-train-7","Tags":[{"Key":"session","Value":"a"}]}',
  'Listing 3 endpoints in eu-west-1 (next token present)',
  'model-access-tokenizer: InService',
];

describe('redaction', () => {
  for (const [title, input, expected] of cases) {
    it(`replaces only the secret: ${title}`, () => {
      assert.equal(redact(input), expected);
    });
  }

  it('leaves text without secrets exactly as it is', () => {
    for (const text of unchanged) assert.equal(redact(text), text);
  });

  it('is idempotent: redacting twice changes nothing more', () => {
    for (const [, , expected] of cases) assert.equal(redact(expected), expected);
  });
});
