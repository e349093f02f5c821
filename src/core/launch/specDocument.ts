import type { Document, YamlNode } from '../util/yamlLib';
import { loadYaml, type Yaml } from '../util/loadYaml';
import type { Path } from './placeholders';
import { specKindOf, type SpecKind } from './specKind';

/** A zero-based line/character position, as editors count. */
export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

export interface TextRange {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export type ProblemSeverity = 'error' | 'warning' | 'information';

/** Something wrong (or worth knowing) in a spec, located at `range`. */
export interface SpecProblem {
  readonly path: Path;
  readonly message: string;
  readonly severity: ProblemSeverity;
  readonly range: TextRange;
  /** Who found it: the YAML/JSON parser, the schema, the extension's own checks, or the service. */
  readonly source: 'syntax' | 'schema' | 'spec' | 'service';
  /** Text that fixes the problem when put in place of its range (a "did you mean ..." suggestion). */
  readonly replacement?: string;
}

/** A parsed spec file that can say where each value sits in the text. */
export interface ParsedSpec {
  readonly kind: SpecKind;
  readonly fileName: string;
  readonly text: string;
  /** The document as plain data (undefined when it could not be parsed at all). */
  readonly value: unknown;
  readonly syntaxProblems: readonly SpecProblem[];
  /** Where the value (or its key, with `part: 'key'`) at `path` is; the nearest ancestor when absent. */
  rangeOf(path: Path, part?: 'key' | 'value'): TextRange;
  /** Where the characters `[start, end)` of the string at `path` are, when that can be known. */
  rangeInString(path: Path, start: number, end: number): TextRange;
  /** The path of the innermost value or key at an offset, and whether the offset is on a key. */
  pathAt(offset: number): { path: Path; onKey: boolean };
}

/** Parses YAML or JSON (the YAML parser reads both, with positions). */
export async function parseSpec(text: string, fileName: string, kind = specKindOf(fileName)): Promise<ParsedSpec> {
  if (!kind) throw new Error(`${fileName} is not a spec file (*.training|tuning|deploy.yaml|yml|json).`);
  const yaml = await loadYaml();
  return new YamlSpec(yaml, text, fileName, kind);
}

class YamlSpec implements ParsedSpec {
  readonly value: unknown;
  readonly syntaxProblems: SpecProblem[] = [];
  private readonly document: Document;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly yaml: Yaml,
    readonly text: string,
    readonly fileName: string,
    readonly kind: SpecKind,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.document = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
    for (const error of [...this.document.errors, ...this.document.warnings]) {
      this.syntaxProblems.push({
        path: [],
        message: error.message.split('\n')[0]!,
        severity: this.document.errors.includes(error) ? 'error' : 'warning',
        range: this.range(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1)),
        source: 'syntax',
      });
    }
    let value: unknown;
    try {
      value = this.document.errors.length === 0 ? this.document.toJS({ maxAliasCount: 100 }) : tolerantJs(this.document);
    } catch {
      value = undefined;
    }
    this.value = value;
  }

  rangeOf(path: Path, part: 'key' | 'value' = 'value'): TextRange {
    const { node, key, complete } = this.locate(path);
    // A missing member is reported at the key of the structure that lacks it.
    if (!complete || part === 'key') return key?.range ? this.range(key.range[0], key.range[1]) : this.firstLineOf(node);
    if (this.yaml.isScalar(node) && node.range) return this.range(node.range[0], node.range[1]);
    // A whole structure: its key reads better than a block of many lines.
    return key?.range ? this.range(key.range[0], key.range[1]) : this.firstLineOf(node);
  }

  private firstLineOf(node: YamlNode | undefined): TextRange {
    const start = node?.range?.[0] ?? 0;
    const lineEnd = this.text.indexOf('\n', start);
    const end = Math.min(node?.range?.[1] ?? this.text.length, lineEnd < 0 ? this.text.length : lineEnd);
    return this.range(start, Math.max(end, start + 1));
  }

  rangeInString(path: Path, start: number, end: number): TextRange {
    const found = this.locate(path);
    const node = found.node;
    if (!found.complete || !node || !this.yaml.isScalar(node) || !node.range) return this.rangeOf(path);
    const source = this.text.slice(node.range[0], node.range[1]);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const inner = quoted ? source.slice(1, -1) : source;
    // Only when the source spells the string unchanged (no escapes, no folding) are offsets exact.
    if (inner !== String(node.value)) return this.rangeOf(path);
    const base = node.range[0] + (quoted ? 1 : 0);
    return this.range(base + start, base + end);
  }

  pathAt(offset: number): { path: Path; onKey: boolean } {
    const path: Array<string | number> = [];
    let node: unknown = this.document.contents;
    for (;;) {
      if (this.yaml.isMap(node)) {
        const pair = node.items.find((item) => {
          const keyRange = (item.key as YamlNode | null)?.range;
          const valueRange = (item.value as YamlNode | null)?.range;
          const start = keyRange?.[0] ?? valueRange?.[0];
          const end = valueRange?.[2] ?? keyRange?.[2];
          return start !== undefined && end !== undefined && offset >= start && offset <= end;
        });
        if (!pair) return { path, onKey: false };
        const key = pair.key as YamlNode | null;
        path.push(this.yaml.isScalar(key) ? String(key.value) : '');
        if (key?.range && offset <= key.range[1]) return { path, onKey: true };
        node = pair.value;
      } else if (this.yaml.isSeq(node)) {
        const index = node.items.findIndex((item) => {
          const range = (item as YamlNode | null)?.range;
          return range !== undefined && range !== null && offset >= range[0] && offset <= range[2];
        });
        if (index < 0) return { path, onKey: false };
        path.push(index);
        node = node.items[index];
      } else {
        return { path, onKey: false };
      }
    }
  }

  private locate(path: Path): { node: YamlNode | undefined; key: YamlNode | undefined; complete: boolean } {
    let node = this.document.contents;
    let key: YamlNode | undefined;
    for (const segment of path) {
      if (this.yaml.isMap(node) && typeof segment === 'string') {
        const pair = node.items.find((item) => this.yaml.isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) return { node, key, complete: false };
        key = pair.key as YamlNode;
        node = (pair.value as YamlNode | null) ?? key;
      } else if (this.yaml.isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment] as YamlNode;
        key = undefined;
      } else {
        return { node: node ?? undefined, key, complete: false };
      }
    }
    return { node: node ?? undefined, key, complete: true };
  }

  private position(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.lineStarts[low]! };
  }

  private range(start: number, end: number): TextRange {
    const clampedStart = Math.max(0, Math.min(start, this.text.length));
    return { start: this.position(clampedStart), end: this.position(Math.max(clampedStart, Math.min(end, this.text.length))) };
  }
}

/** Best-effort data from a document with errors (editors still want completion and CodeLens). */
function tolerantJs(document: Document): unknown {
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}
