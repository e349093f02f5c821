/**
 * Scrubs secrets from text before it is logged or shown: presigned-URL signatures and tokens,
 * access keys, secret keys and session tokens. Errors from the SDK can echo URLs and headers.
 */
const rules: Array<[RegExp, string]> = [
  // Query parameters of presigned URLs (SigV4) and of Studio / Jupyter auth URLs.
  [/([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|authToken|token|sig|Signature)=)[^&\s"']+/gi, '$1***'],
  // Whole presigned Studio / notebook URLs: never worth keeping.
  [/https:\/\/[^\s"']+\.(?:studio|notebook)\.[a-z0-9-]+\.sagemaker\.aws[^\s"']*/gi, '<presigned URL>'],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '<access key>'],
  [/((?:aws_)?secret_?access_?key["'\s:=]+)[A-Za-z0-9/+=]{20,}/gi, '$1***'],
  [/((?:aws_)?session_?token["'\s:=]+)[A-Za-z0-9/+=]{20,}/gi, '$1***'],
];

export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of rules) result = result.replace(pattern, replacement);
  return result;
}
