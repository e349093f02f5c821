import type { SpecProblem } from '../../core/launch/specDocument';

/** The notification of a refused launch: the file named once, then the problem or how many there are. */
export function refusalMessage(fileName: string, problems: readonly SpecProblem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const first = errors[0];
  if (!first) return `Could not launch ${fileName}.`;
  const line = first.range.start.line + 1;
  // One full stop at the end, none after a question ("did you mean ...?").
  const message = /[.?!]$/.test(first.message) ? first.message : `${first.message}.`;
  return errors.length === 1
    ? `Could not launch ${fileName}: line ${line}: ${message}`
    : `Could not launch ${fileName}: ${errors.length} problems; the first, on line ${line}: ${message}`;
}
