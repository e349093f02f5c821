import { strict as assert } from 'node:assert';
import { adviseOnError, classifyAwsError, UnknownProfileError } from '../../../src/core/aws/errors';
import { CancelledError } from '../../../src/core/util/cancellation';

function serviceError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, requestId: 'req-1' }, $fault: status >= 500 ? 'server' : 'client' });
}

describe('AWS error classification', () => {
  const cases: Array<[string, unknown, string, boolean]> = [
    ['throttling', serviceError('ThrottlingException', 'Rate exceeded'), 'throttled', true],
    ['access denied', serviceError('AccessDeniedException', 'User: x is not authorized to perform: sagemaker:ListApps'), 'accessDenied', false],
    ['SSO expired', Object.assign(new Error('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login'), { name: 'CredentialsProviderError' }), 'ssoExpired', false],
    ['SSO token missing', Object.assign(new Error('The SSO session token associated with profile=ml was not found or is invalid.'), { name: 'TokenProviderError' }), 'ssoExpired', false],
    ['no credentials', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'noCredentials', false],
    ['unknown profile (SDK)', Object.assign(new Error('Profile nope was not found.'), { name: 'CredentialsProviderError' }), 'unknownProfile', false],
    ['profile without credentials', Object.assign(new Error('Could not resolve credentials using profile: [empty] in configuration/credentials file(s).'), { name: 'CredentialsProviderError' }), 'noCredentials', false],
    ['unknown profile (ours)', new UnknownProfileError('nope', 'c', 'k'), 'unknownProfile', false],
    ['expired token', serviceError('ExpiredTokenException', 'The security token included in the request is expired'), 'expiredCredentials', false],
    ['region not enabled', serviceError('UnrecognizedClientException', 'The security token included in the request is invalid'), 'regionNotEnabled', false],
    ['not found', serviceError('ResourceNotFound', 'Training job x does not exist'), 'notFound', false],
    ['not found as validation', serviceError('ValidationException', 'Could not find endpoint "x".'), 'notFound', false],
    ['validation', serviceError('ValidationException', "Value 'x' at 'instanceType' failed to satisfy constraint"), 'validation', false],
    ['conflict', serviceError('ResourceInUse', 'Notebook instance is InService'), 'conflict', false],
    ['limit', serviceError('ResourceLimitExceeded', 'The account-level service limit'), 'limitExceeded', false],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), 'network', true],
    ['malformed body', new SyntaxError('Unexpected end of JSON input'), 'malformedResponse', true],
    ['server error', serviceError('InternalFailure', 'We encountered an internal error', 500), 'serviceError', true],
    ['cancel', new CancelledError(), 'cancelled', false],
    ['abort', Object.assign(new Error('Request aborted'), { name: 'AbortError' }), 'cancelled', false],
  ];
  for (const [title, error, kind, retryable] of cases) {
    it(`classifies ${title}`, () => {
      const classified = classifyAwsError(error);
      assert.equal(classified.kind, kind);
      assert.equal(classified.retryable, retryable);
    });
  }

  it('keeps the code, request id and status of service errors', () => {
    const c = classifyAwsError(serviceError('AccessDeniedException', 'denied', 400));
    assert.equal(c.code, 'AccessDeniedException');
    assert.equal(c.requestId, 'req-1');
    assert.equal(c.httpStatus, 400);
  });

  it('redacts secrets that an error message echoes', () => {
    const c = classifyAwsError(new Error('GET https://x.s3.amazonaws.com/k?X-Amz-Signature=abcdef123&X-Amz-Credential=AKIAABCDEFGHIJKLMNOP%2F'));
    assert.ok(!c.message.includes('abcdef123'));
    assert.ok(!c.message.includes('AKIAABCDEFGHIJKLMNOP'));
  });
});

describe('error advice', () => {
  const context = { profile: 'ml-team', region: 'eu-west-1' };

  it('tells an SSO user the exact login command and offers sign-in', () => {
    const advice = adviseOnError(classifyAwsError(Object.assign(new Error('SSO session expired'), { name: 'CredentialsProviderError' })), context);
    assert.match(advice.hint ?? '', /aws sso login --profile ml-team/);
    assert.deepEqual(advice.remedies, ['ssoLogin', 'retry']);
  });

  it('names the profile and the denied action for AccessDenied', () => {
    const advice = adviseOnError(classifyAwsError(serviceError('AccessDeniedException', 'not authorized to perform: sagemaker:DeleteApp')), context);
    assert.match(advice.reason, /sagemaker:DeleteApp/);
    assert.match(advice.hint ?? '', /ml-team/);
  });

  it('points at the endpoint setting when a custom endpoint is unreachable', () => {
    const error = classifyAwsError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const advice = adviseOnError(error, { ...context, endpoint: 'http://127.0.0.1:4566' });
    assert.match(advice.reason, /http:\/\/127\.0\.0\.1:4566/);
    assert.ok(advice.remedies.includes('openSettings'));
  });
});
