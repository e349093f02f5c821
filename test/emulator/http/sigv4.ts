import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What a request's SigV4 authorization (header or presigned query) says. */
export interface SigV4Auth {
  kind: 'header' | 'query';
  accessKeyId: string;
  /** YYYYMMDD of the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** YYYYMMDDTHHMMSSZ the request was signed at. */
  amzDate: string;
  sessionToken?: string;
  /** Presigned URLs: seconds the signature stays valid. */
  expires?: number;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const headerRe = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;

/** Reads the credential scope, or `undefined` for an unsigned request, or `'malformed'`. */
export function parseSigV4(req: IncomingMessage, query: URLSearchParams): SigV4Auth | 'malformed' | undefined {
  const header = req.headers.authorization;
  if (header) {
    const m = headerRe.exec(header);
    if (!m) return 'malformed';
    const scope = m[1]!.split('/');
    if (scope.length !== 5 || scope[4] !== 'aws4_request') return 'malformed';
    const amzDate = headerValue(req, 'x-amz-date') ?? toAmzDate(headerValue(req, 'date'));
    if (!amzDate) return 'malformed';
    return {
      kind: 'header',
      accessKeyId: scope[0]!,
      date: scope[1]!,
      region: scope[2]!,
      service: scope[3]!,
      signedHeaders: m[2]!.split(';'),
      signature: m[3]!,
      amzDate,
      sessionToken: headerValue(req, 'x-amz-security-token'),
    };
  }
  const credential = query.get('X-Amz-Credential');
  if (credential) {
    const scope = credential.split('/');
    const signature = query.get('X-Amz-Signature');
    const amzDate = query.get('X-Amz-Date');
    const signed = query.get('X-Amz-SignedHeaders');
    if (scope.length !== 5 || !signature || !amzDate || !signed || query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'malformed';
    return {
      kind: 'query',
      accessKeyId: scope[0]!,
      date: scope[1]!,
      region: scope[2]!,
      service: scope[3]!,
      signedHeaders: signed.split(';'),
      signature,
      amzDate,
      sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
      expires: Number(query.get('X-Amz-Expires') ?? '604800'),
    };
  }
  return undefined;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function toAmzDate(httpDate: string | undefined): string | undefined {
  if (!httpDate) return undefined;
  const t = Date.parse(httpDate);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function amzDateToMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ (and `/` in paths). */
export function uriEncode(text: string, keepSlash = false): string {
  const encoded = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function canonicalQuery(rawQuery: string, dropSignature: boolean): string {
  if (!rawQuery) return '';
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (dropSignature && key === 'X-Amz-Signature') continue;
    pairs.push([uriEncode(key), uriEncode(value)]);
  }
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** The path as the AWS SDKs canonicalize it for every service but S3: dot segments removed, encoded again. */
function normalizedDoubleEncoded(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const path = `/${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return uriEncode(path, true);
}

function canonicalHeaders(req: IncomingMessage, signedHeaders: string[]): string {
  const values = new Map<string, string[]>();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const list = values.get(name) ?? [];
    list.push(raw[i + 1]!.trim().replace(/\s+/g, ' '));
    values.set(name, list);
  }
  return signedHeaders.map((h) => `${h}:${(values.get(h) ?? []).join(',')}\n`).join('');
}

const keyCache = new Map<string, Buffer>();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = keyCache.get(cacheKey);
  if (!key) {
    const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(cacheKey, key);
  }
  return key;
}

export const scopeOf = (auth: SigV4Auth): string => `${auth.date}/${auth.region}/${auth.service}/aws4_request`;

export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Checks the signature. `payloadHash` is the hex SHA-256 of the body, or the value of
 * `x-amz-content-sha256` (S3: `UNSIGNED-PAYLOAD`, `STREAMING-...`). Each plausible way clients
 * build the canonical path is tried, so only a wrong key or a changed request fails.
 */
export function verifySigV4(req: IncomingMessage, auth: SigV4Auth, rawPath: string, rawQuery: string, payloadHash: string, secret: string): boolean {
  const key = signingKey(secret, auth.date, auth.region, auth.service);
  const headers = canonicalHeaders(req, auth.signedHeaders);
  const query = canonicalQuery(rawQuery, auth.kind === 'query');
  const paths = auth.service === 's3'
    ? [rawPath || '/', uriEncode(safeDecode(rawPath), true) || '/']
    : [normalizedDoubleEncoded(rawPath), rawPath || '/'];
  for (const path of new Set(paths)) {
    const canonical = [req.method ?? 'GET', path, query, headers, auth.signedHeaders.join(';'), payloadHash].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', auth.amzDate, scopeOf(auth), createHash('sha256').update(canonical).digest('hex')].join('\n');
    if (sameHex(hmacHex(key, toSign), auth.signature)) return true;
  }
  return false;
}
