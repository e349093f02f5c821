import { strict as assert } from 'node:assert';
import { redact } from '../../../src/core/util/redact';

describe('redaction', () => {
  it('removes presigned Studio URLs entirely', () => {
    const text = 'opening https://d-abc123.studio.us-east-1.sagemaker.aws/auth?token=eyJhbGciOi.secret now';
    assert.equal(redact(text), 'opening <presigned URL> now');
  });

  it('masks SigV4 query signatures, credentials and security tokens', () => {
    const out = redact('https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA1234567890ABCDEF%2F20261122&X-Amz-Security-Token=FwoGZXIvYXdzEJr&X-Amz-Signature=0123abcd');
    assert.ok(!/0123abcd|FwoGZXIvYXdzEJr|AKIA1234567890ABCDEF/.test(out), out);
  });

  it('masks access keys and secrets in free text', () => {
    const out = redact('aws_access_key_id=AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    assert.ok(!out.includes('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(!out.includes('wJalrXUtnFEMI'));
  });

  it('leaves ordinary text alone', () => {
    assert.equal(redact('Could not stop training job fraud-xgb-3: AccessDenied'), 'Could not stop training job fraud-xgb-3: AccessDenied');
  });
});
