/**
 * SageMaker's log capture (rsyslog with control-character escaping) writes each control
 * character a job prints as `#` and three octal digits: a tab becomes `#011`, a carriage return
 * `#015`, an ANSI escape `#033`. CloudWatch holds that text; these functions give back what the
 * job printed.
 *
 * Only the control range is decoded (`#000` to `#037`, and `#177`): a `#` followed by other
 * digits ("issue #123") is text, as the capture never writes it for anything else. A job that
 * prints a literal `#011` reads as a tab here; the capture leaves no way to tell the two apart.
 */

const escaped = /#(0[0-3][0-7]|177)/g;

/** The captured text with each `#0NN` escape turned back into the character it stands for. */
export function decodeCapturedText(message: string): string {
  if (!message.includes('#')) return message;
  return message.replace(escaped, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** ANSI escape sequences (colours, cursor moves): they style a terminal, and draw nothing. */
// eslint-disable-next-line no-control-regex
const ansiSequence = /\u001b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const invisibleControls = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const anyControl = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * A captured line as a reader should see it in a text view: escapes decoded, tabs and line
 * breaks kept, a carriage return (a progress bar redrawing itself) shown as a line break, ANSI
 * styling and the other control characters (which draw nothing) left out.
 */
export function displayCapturedText(message: string): string {
  const decoded = decodeCapturedText(message);
  if (!anyControl.test(decoded)) return decoded;
  return decoded
    .replace(ansiSequence, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .replace(invisibleControls, '');
}
