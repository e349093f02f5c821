import { adviseOnError, classifyAwsError, type ErrorAdvice, type ClassifiedError } from '../../core/aws/errors';
import { endpointFor, type Connection } from '../../core/aws/connection';
import { md, type NodePresentation } from './presentation';
import { contextValue } from './contextValues';

export interface Failure {
  readonly action: string;
  readonly error: ClassifiedError;
  readonly advice: ErrorAdvice;
}

/** Classifies an error thrown while doing `action` ("list the apps of ana") on this connection. */
export function describeFailure(action: string, error: unknown, connection: Connection): Failure {
  const classified = classifyAwsError(error);
  return {
    action,
    error: classified,
    advice: adviseOnError(classified, { profile: connection.profile, region: connection.region, endpoint: endpointFor(connection, 'sagemaker', connection.region) }),
  };
}

/** "Could not list the apps of ana: access denied (AccessDeniedException): …" */
export function failureMessage(failure: Failure): string {
  return `Could not ${failure.action}: ${failure.advice.reason}.${failure.advice.hint ? ` ${failure.advice.hint}` : ''}`;
}

/** An error row in a tree: short label, the whole story in the tooltip, a click retries. */
export function presentFailure(failure: Failure): NodePresentation {
  const short = failure.error.kind === 'accessDenied' ? 'access denied' : failure.advice.reason.split(':')[0]!;
  const tooltip = [
    `**Could not ${md(failure.action)}**`,
    '',
    md(failure.advice.reason),
    ...(failure.advice.hint ? ['', md(failure.advice.hint)] : []),
    ...(failure.error.requestId ? ['', `Request id: ${md(failure.error.requestId)}`] : []),
    '',
    'Click to retry.',
  ].join('\n');
  return {
    label: `Could not ${failure.action}`,
    description: short,
    icon: { id: 'error', color: 'errorForeground' },
    tooltip,
    contextValue: contextValue('error', failure.error.kind, ...failure.advice.remedies),
    collapsible: 'none',
    command: { id: 'sagemaker.retryNode', title: 'Retry' },
  };
}
