/**
 * Scrubs secrets from text before it is logged or shown: presigned-URL signatures and tokens,
 * access keys, secret keys, session tokens, SSO tokens and client secrets, and the arguments of
 * a failed `credential_process` command. Errors from the SDK can echo URLs, headers and bodies.
 * Only the secret is replaced (by `***`, or a word in angle brackets); the text around it stays.
 */

/** Names whose value is a secret, in any casing, as JSON members, headers, INI keys or form fields. */
const secretNames = [
  'x-amz-security-token',
  'x-amz-sso[_-]bearer[_-]token',
  'aws_session_token',
  'session_?token',
  'aws_secret_access_key',
  'secret_?access_?key',
  'access_?token',
  'refresh_?token',
  'client_?secret',
  'id_?token',
].join('|');

const rules: Array<[RegExp, string]> = [
  // Whole presigned Studio / notebook URLs: never worth keeping.
  [/https:\/\/[^\s"']+\.(?:studio|notebook)\.[a-z0-9-]+\.sagemaker\.aws[^\s"']*/gi, '<presigned URL>'],
  // Query parameters of presigned URLs (SigV4) and of Studio / Jupyter auth URLs.
  [/([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|authToken|token|sig|Signature)=)[^&\s"'<>]+/gi, '$1***'],
  // JSON members, also inside JSON that is itself a string ("accessToken": "..." or \"accessToken\":\"...\").
  [new RegExp(`(\\\\?"(?:${secretNames})\\\\?"\\s*:\\s*\\\\?")((?:[^"\\\\]|\\\\[^"])+)(\\\\?")`, 'gi'), '$1***$3'],
  // Headers, INI keys, form fields and printed objects (x-amz-security-token: ..., aws_session_token = ...,
  // refresh_token=..., sessionToken: '...').
  [new RegExp(`(^|[^A-Za-z0-9_-])((?:${secretNames})[ \\t]*[:=][ \\t]*['"]?)(?!\\*\\*\\*)[^\\s"',;&}]+`, 'gim'), '$1$2***'],
  // Bearer tokens and SigV4 signatures in Authorization headers.
  [/(\bBearer[ \t]+)(?!\*\*\*)[A-Za-z0-9._~+/=-]+/g, '$1***'],
  [/(\bSignature=)[0-9a-f]{64}\b/gi, '$1***'],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '<access key>'],
  // credential_process: `Command failed: /usr/bin/vault-aws --token s3cr3t` keeps only the program.
  [/(Command failed: )("[^"\n]*"|'[^'\n]*'|[^\s]+)[ \t]+[^\n]+/g, '$1$2 <arguments hidden>'],
];

export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement);
  return result;
}
