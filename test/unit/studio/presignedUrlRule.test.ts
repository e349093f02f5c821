import { strict as assert } from 'node:assert';
import { checkPresignedUrl, UntrustedPresignedUrlError } from '../../../src/core/resources/presignedUrls';

/** Which presigned sign-in URLs the extension hands to the browser, and what it says when it refuses. */
describe('presigned URL rule', () => {
  const opened = [
    'https://d-abc123.studio.us-east-1.sagemaker.aws/auth?token=eyJ.secret',
    'https://fraud-nb.notebook.eu-west-1.sagemaker.aws?authToken=abc&view=lab',
    'https://d-abc123.studio.cn-north-1.sagemaker.amazonaws.com.cn/auth?token=x',
    'https://sagemaker.us-gov-west-1.amazonaws.com/x?token=y',
    'HTTPS://D-ABC.STUDIO.US-EAST-1.SAGEMAKER.AWS/auth?token=x',
  ];
  for (const url of opened) {
    it(`opens ${new URL(url).host}`, () => {
      assert.equal(checkPresignedUrl(url), url);
    });
  }

  const refused: Array<[url: string, message: string]> = [
    ['http://d-abc123.studio.us-east-1.sagemaker.aws/auth?token=s3cret', 'SageMaker returned a sign-in URL to http://d-abc123.studio.us-east-1.sagemaker.aws, which is not an https address of AWS; it was not opened.'],
    ['https://sagemaker.aws.evil.example/auth?token=s3cret', 'SageMaker returned a sign-in URL to https://sagemaker.aws.evil.example, which is not an https address of AWS; it was not opened.'],
    ['https://evilsagemaker.aws/auth?token=s3cret', 'SageMaker returned a sign-in URL to https://evilsagemaker.aws, which is not an https address of AWS; it was not opened.'],
    ['https://user:pw@d-1.studio.us-east-1.sagemaker.aws/auth?token=s3cret', 'SageMaker returned a sign-in URL to https://d-1.studio.us-east-1.sagemaker.aws, which is not an https address of AWS; it was not opened.'],
    ['file:///etc/passwd?token=s3cret', 'SageMaker returned a sign-in URL to file://, which is not an https address of AWS; it was not opened.'],
    ['javascript:alert(1)//s3cret', 'SageMaker returned a sign-in URL to javascript://, which is not an https address of AWS; it was not opened.'],
    ['not a url s3cret', 'SageMaker returned a sign-in URL that is not a valid URL; it was not opened.'],
  ];
  for (const [url, message] of refused) {
    it(`refuses ${url.split('?')[0]} and says where it pointed, not the URL`, () => {
      assert.throws(() => checkPresignedUrl(url), (error: unknown) => {
        assert.ok(error instanceof UntrustedPresignedUrlError);
        assert.equal(error.message, message);
        assert.ok(!error.message.includes('s3cret'));
        return true;
      });
    });
  }

  it('opens an address of the configured endpoint (trusted setup), and only of that endpoint', () => {
    const endpoint = 'http://127.0.0.1:4566';
    assert.equal(checkPresignedUrl('http://127.0.0.1:4566/studio/d-1/auth?token=x', endpoint), 'http://127.0.0.1:4566/studio/d-1/auth?token=x');
    assert.equal(checkPresignedUrl('http://127.0.0.1:4566/x', 'http://127.0.0.1:4566/aws/sagemaker/{region}'), 'http://127.0.0.1:4566/x');
    assert.throws(
      () => checkPresignedUrl('http://127.0.0.1:9999/auth?token=x', endpoint),
      { message: 'SageMaker returned a sign-in URL to http://127.0.0.1:9999, which is not an https address of AWS or of the configured endpoint; it was not opened.' },
    );
    assert.throws(() => checkPresignedUrl('https://127.0.0.1:4566/auth?token=x', endpoint), UntrustedPresignedUrlError, 'the scheme must match too');
  });
});
