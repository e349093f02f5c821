// Lines from the workbench, the server and the extension host that are expected offline and say
// nothing about the extension under test.
const NOISE = [
  /ENOTFOUND (open-vsx\.org|marketplace|update\.code\.visualstudio\.com|github\.com|api\.github\.com|default\.exp-tas\.com)/i,
  /net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED)/,
  /Failed to load resource/,
  /github.*(auth|session)/i,
  /\[(Chat|chat)\b|\bChat(Service|Agent|Session)|Copilot|copilot|AgentHost|languageModel|McpServer/,
  /AccountPolicyGate/,
  /\[Service Worker\]/,
  /Creating a socket|Resolving connection token|Resolved connection token|reconnection-grace-time/,
  /Updating additional builtin extensions cache/,
  /web worker extension host is started/,
  /allow-scripts and allow-same-origin/,
  /Dialog requested during smoke test/,
  /punycode.*deprecated|DEP0040|DeprecationWarning/,
  /ExperimentalWarning/,
];
const STACK_FRAME = /^\s*at .+:\d+:\d+\)?$/;

/** For the relayed console of the extension host, where stack frames of failures matter. */
export function isNoise(line) {
  return NOISE.some((pattern) => pattern.test(line));
}

/** For the workbench's and the server's own logs, whose stack frames are VS Code internals. */
export function isWorkbenchNoise(line) {
  return STACK_FRAME.test(line) || isNoise(line);
}
