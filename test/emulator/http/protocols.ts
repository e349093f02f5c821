import type { ServerResponse } from 'node:http';
import { AwsError } from '../core/errors';

/** How a service speaks: awsJson1_1, restJson1, awsQuery (XML answers) or S3's REST-XML. */
export type Protocol = 'json' | 'restJson' | 'query' | 's3';

export type StandardError =
  | 'unknownKey' | 'badSignature' | 'expiredToken' | 'disabledRegion' | 'signatureExpired' | 'throttle'
  | 'serverError500' | 'serverError503' | 'missingAuth' | 'unknownOperation' | 'serialization';

const SIGNATURE_TEXT =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const TOKEN_INVALID = 'The security token included in the request is invalid';

/** The error each service answers for the same failure, in its own words. */
export function standardError(kind: StandardError, protocol: Protocol, detail = ''): AwsError {
  const s3 = protocol === 's3';
  const query = protocol === 'query';
  switch (kind) {
    case 'unknownKey':
    case 'disabledRegion':
      if (s3) return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
      if (query) return new AwsError('InvalidClientTokenId', `${TOKEN_INVALID}.`, 403);
      return new AwsError('UnrecognizedClientException', kind === 'disabledRegion' ? TOKEN_INVALID : `${TOKEN_INVALID}.`, protocol === 'restJson' ? 403 : 400);
    case 'badSignature':
      if (s3) return new AwsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);
      if (query) return new AwsError('SignatureDoesNotMatch', SIGNATURE_TEXT, 403);
      return new AwsError('InvalidSignatureException', SIGNATURE_TEXT, protocol === 'restJson' ? 403 : 400);
    case 'expiredToken':
      if (s3) return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
      if (query) return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', 400);
      return new AwsError('ExpiredTokenException', 'The security token included in the request is expired', protocol === 'restJson' ? 403 : 400);
    case 'signatureExpired':
      if (s3) return new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403);
      if (query) return new AwsError('SignatureDoesNotMatch', `Signature expired: ${detail}`, 403);
      return new AwsError('InvalidSignatureException', `Signature expired: ${detail}`, protocol === 'restJson' ? 403 : 400);
    case 'throttle':
      if (s3) return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
      if (query) return new AwsError('Throttling', 'Rate exceeded', 400);
      return new AwsError('ThrottlingException', 'Rate exceeded', 400);
    case 'serverError500':
      if (s3) return new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500);
      return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    case 'serverError503':
      if (s3) return new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503);
      return new AwsError('ServiceUnavailable', 'Service is unavailable. Please try again later.', 503);
    case 'missingAuth':
      if (s3) return new AwsError('AccessDenied', 'Access Denied', 403);
      if (query) return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
    case 'unknownOperation':
      if (s3) return new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501);
      if (query) return new AwsError('InvalidAction', `Could not find operation ${detail} for version 2011-06-15`, 400);
      return new AwsError('UnknownOperationException', detail ? `Unknown operation ${detail}` : 'Unknown operation', protocol === 'restJson' ? 404 : 400);
    case 'serialization':
      if (s3) return new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
      return new AwsError('SerializationException', detail || 'Unable to parse the request body', 400);
  }
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export function errorBody(err: AwsError, protocol: Protocol, requestId: string): { contentType: string; body: string } {
  switch (protocol) {
    case 'json':
      return { contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: err.code, message: err.message, ...err.extra }) };
    case 'restJson':
      return { contentType: 'application/json', body: JSON.stringify({ ErrorCode: err.code, Message: err.message, ...err.extra }) };
    case 'query':
      return {
        contentType: 'text/xml',
        body:
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${err.status >= 500 ? 'Receiver' : 'Sender'}</Type>\n` +
          `    <Code>${xmlEscape(err.code)}</Code>\n    <Message>${xmlEscape(err.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`,
      };
    case 's3': {
      const extra = Object.entries(err.extra).map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`).join('');
      return {
        contentType: 'application/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${Buffer.from(requestId).toString('base64')}</HostId></Error>`,
      };
    }
  }
}

/** Writes an error the way the protocol does (headers carry the code too, for HEAD requests). */
export function sendError(res: ServerResponse, method: string | undefined, err: AwsError, protocol: Protocol, requestId: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { contentType, body } = errorBody(err, protocol, requestId);
  res.statusCode = err.status;
  res.setHeader('content-type', contentType);
  if (protocol === 'json' || protocol === 'restJson') res.setHeader('x-amzn-errortype', err.code);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}
