/**
 * botocore's patterns are Java regular expressions, matched against the whole value. Most work
 * unchanged in JavaScript with the `u` flag; this translates the few Java-only constructs found
 * in the models (`\p{Alnum}`, `\p{Print}`, `\A`, `\z`, escapes JavaScript's `u` mode rejects)
 * and caches the result.
 */
const cache = new Map<string, RegExp | null>();

const posixClasses: Record<string, string> = { Alnum: 'A-Za-z0-9', Print: '\\x20-\\x7E', Alpha: 'A-Za-z', Digit: '0-9' };
/** Characters that may be escaped in `u` mode; any other escaped punctuation loses its backslash. */
const syntaxChars = new Set('^$\\.*+?()[]{}|/-'.split(''));

function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      const posix = /^p\{(\w+)\}/.exec(pattern.slice(i + 1));
      if (posix && posixClasses[posix[1]!]) {
        const body = posixClasses[posix[1]!]!;
        out += inClass ? body : `[${body}]`;
        i += posix[0].length;
        continue;
      }
      if (next === 'A') { out += '^'; i++; continue; }
      if (next === 'z' || next === 'Z') { out += '$'; i++; continue; }
      if (next === '-' ) { out += inClass ? '\\-' : '-'; i++; continue; }
      if (!/[A-Za-z0-9]/.test(next) && !syntaxChars.has(next)) { out += next; i++; continue; }
      out += c + next;
      i++;
      continue;
    }
    if (c === '[' ) inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

function tryCompile(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch {
    return null;
  }
}

/** The compiled whole-value matcher, or null when the pattern cannot be expressed in JavaScript. */
export function javaPattern(pattern: string): RegExp | null {
  if (cache.has(pattern)) return cache.get(pattern) ?? null;
  let re = tryCompile(pattern, 'u');
  if (!re) {
    const translated = translate(pattern);
    re = tryCompile(translated, 'u') ?? tryCompile(translated, '') ?? tryCompile(pattern, '');
  }
  cache.set(pattern, re);
  return re;
}
