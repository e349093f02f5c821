import { AwsError } from '../core/errors';
import { type Accounts, type Identity } from '../core/accounts';
import { hash32 } from '../core/random';
import { xmlEscape } from '../http/protocols';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function respond(action: string, result: string, requestId: string): string {
  return `<${action}Response xmlns="${NS}">\n  <${action}Result>\n${result}  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

const tag = (name: string, value: string, indent = '    '): string => `${indent}<${name}>${xmlEscape(value)}</${name}>\n`;

/** STS (awsQuery): who the caller is, and temporary credentials for `role_arn` profiles. */
export function handleSts(action: string, params: URLSearchParams, caller: Identity, accounts: Accounts, requestId: string): string {
  switch (action) {
    case 'GetCallerIdentity':
      return respond(action, tag('Arn', caller.arn) + tag('UserId', caller.userId) + tag('Account', caller.accountId), requestId);
    case 'AssumeRole': {
      const roleArn = params.get('RoleArn') ?? '';
      const session = params.get('RoleSessionName') ?? '';
      const m = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn);
      if (!m) throw new AwsError('ValidationError', `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+`, 400);
      if (!/^[\w+=,.@-]{2,64}$/.test(session)) throw new AwsError('ValidationError', `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`, 400);
      const duration = Number(params.get('DurationSeconds') ?? 3600);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
        throw new AwsError('ValidationError', `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`, 400);
      }
      const [, accountId, roleName] = m;
      const roleId = `AROA${hash32(roleArn).toString(36).toUpperCase().padStart(8, 'Q')}LOCALROLE`.slice(0, 21);
      const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`;
      const issued = accounts.issueTemporary(accountId!, arn, `${roleId}:${session}`, duration);
      const credentials =
        '    <Credentials>\n' + tag('AccessKeyId', issued.accessKeyId, '      ') + tag('SecretAccessKey', issued.secretAccessKey, '      ') +
        tag('SessionToken', issued.sessionToken!, '      ') + tag('Expiration', new Date(issued.expiresAt!).toISOString(), '      ') + '    </Credentials>\n';
      const user = `    <AssumedRoleUser>\n${tag('AssumedRoleId', issued.userId, '      ')}${tag('Arn', arn, '      ')}    </AssumedRoleUser>\n`;
      return respond(action, credentials + user, requestId);
    }
    default:
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400);
  }
}
