import { CancelledError } from '../util/cancellation';
import type { SpecProblem } from './specDocument';

/** The spec cannot be launched as it is; `problems` say where and why (shown as diagnostics). */
export class SpecInvalidError extends Error {
  override readonly name = 'SpecInvalidError';
  constructor(
    readonly fileName: string,
    readonly problems: readonly SpecProblem[],
  ) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    super(
      errors.length === 1
        ? `${fileName}, line ${errors[0]!.range.start.line + 1}: ${errors[0]!.message}`
        : `${fileName} has ${errors.length} problems; the first, on line ${(errors[0]?.range.start.line ?? 0) + 1}: ${errors[0]?.message ?? ''}`,
    );
  }
}

/** Something the launch made that outlived it (or was cleaned up), in words and as an S3 URI or name. */
export interface LaunchArtifact {
  readonly kind: 'sourcePackage' | 'data' | 'bucket' | 'trainingJob' | 'tuningJob' | 'model' | 'endpointConfig' | 'endpoint';
  readonly name: string;
}

/**
 * A launch stopped by the user. `leftBehind` says exactly what exists because of it (empty when
 * everything half-made was removed); the command wrapper stays silent, the launch command tells.
 */
export class LaunchCancelledError extends CancelledError {
  constructor(readonly leftBehind: readonly LaunchArtifact[]) {
    super(leftBehind.length ? `Cancelled; left behind: ${leftBehind.map((item) => item.name).join(', ')}` : 'Cancelled; nothing was created.');
  }
}
