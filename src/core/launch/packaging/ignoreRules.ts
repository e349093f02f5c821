/**
 * `.gitignore` semantics, for leaving files out of source packages: comments, `!` negation,
 * trailing `/` for folders only, patterns with a slash anchored to their file's folder, `*`, `?`,
 * `[…]` and `**`. The last matching rule wins; a folder left out is not entered at all.
 */
export interface IgnoreRule {
  readonly pattern: string;
  readonly negate: boolean;
  readonly directoryOnly: boolean;
  /** Folder of the ignore file, relative to the match root ('' for the root), with a trailing slash. */
  readonly base: string;
  readonly regex: RegExp;
}

export function parseIgnoreFile(text: string, base = '', options: { ignoreCase?: boolean } = {}): IgnoreRule[] {
  const prefix = base && !base.endsWith('/') ? `${base}/` : base;
  const rules: IgnoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const rule = parseIgnoreLine(rawLine, prefix, options);
    if (rule) rules.push(rule);
  }
  return rules;
}

export function parseIgnoreLine(rawLine: string, base = '', options: { ignoreCase?: boolean } = {}): IgnoreRule | undefined {
  // Trailing spaces are ignored unless escaped with a backslash.
  let line = rawLine.replace(/(?<!\\)\s+$/, '');
  if (!line || line.startsWith('#')) return undefined;
  let negate = false;
  if (line.startsWith('!')) {
    negate = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
    line = line.slice(1);
  }
  let directoryOnly = false;
  if (line.endsWith('/')) {
    directoryOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (!line) return undefined;
  const anchored = line.includes('/');
  const body = globToRegex(line.replace(/^\//, ''));
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`, options.ignoreCase ? 'i' : '');
  return { pattern: rawLine.trim(), negate, directoryOnly, base, regex };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === glob.length) out += '.*';
        else {
          out += '(?:.*/)?';
          i++; // the slash after ** is part of the group
        }
        i++;
        continue;
      }
      out += '[^/]*';
      i++;
      continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let inside = glob.slice(i + 1, close);
      if (inside.startsWith('!')) inside = `^${inside.slice(1)}`;
      out += `[${inside.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]!);
      i++;
    } else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}

/**
 * Whether `path` (relative to the match root, `/`-separated) is left out by `rules`:
 * the last rule that matches decides. Undefined when no rule speaks about it.
 */
export function ignoredBy(rules: readonly IgnoreRule[], path: string, isDirectory: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.base && !path.startsWith(rule.base)) continue;
    const relative = rule.base ? path.slice(rule.base.length) : path;
    if (rule.regex.test(relative)) verdict = !rule.negate;
  }
  return verdict;
}
