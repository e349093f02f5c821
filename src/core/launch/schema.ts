import type { Path } from './placeholders';

/**
 * The subset of JSON Schema (draft-07) that scripts/generateSchemas.mjs emits for spec files,
 * validated here so that the extension checks specs exactly as editors do.
 */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  /** A map whose number and boolean values are sent as strings (hyperparameters, environment). */
  readonly 'x-stringify'?: boolean;
}

export interface SchemaProblem {
  readonly path: Path;
  readonly message: string;
  /** Report at the key (unknown member) rather than the value. */
  readonly atKey?: boolean;
  /** The closest valid text ("did you mean ..."), to put in place of the key or the value. */
  readonly suggestion?: string;
}

/** Plain words for the formats users meet most; others show the pattern itself. */
const knownPatterns: Array<[RegExp, string]> = [
  [/^\^\(\?:\[a-zA-Z0-9\]\(-\*\[a-zA-Z0-9\]\)/, 'use letters, digits and hyphens, starting and ending with a letter or digit'],
  [/^\^\(\?:arn:aws\[a-z\\-\]\*:iam::/, 'expected an IAM role ARN such as arn:aws:iam::123456789012:role/SageMakerRole'],
  [/^\^\(\?:\(https\|s3\):\/\//, 'expected an s3:// URI'],
];

function describePattern(pattern: string): string {
  return knownPatterns.find(([test]) => test.test(pattern))?.[1] ?? `expected the format ${pattern}`;
}

export class SchemaValidator {
  private readonly patterns = new Map<string, RegExp | null>();

  constructor(readonly root: JsonSchema) {}

  validate(value: unknown): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    this.check(this.root, value, [], problems);
    return problems;
  }

  /** The schema that applies at `path` (references and allOf merged), for hover and completion. */
  schemaAt(path: Path): JsonSchema | undefined {
    let schema: JsonSchema | undefined = this.resolve(this.root);
    for (const segment of path) {
      if (!schema) return undefined;
      if (typeof segment === 'number') schema = schema.items ? this.resolve(schema.items) : undefined;
      else if (schema.properties?.[segment]) schema = this.resolve(schema.properties[segment]);
      else if (typeof schema.additionalProperties === 'object') schema = this.resolve(schema.additionalProperties);
      else return undefined;
    }
    return schema;
  }

  /** Follows `$ref` and merges `allOf` parts, keeping the outer description. */
  resolve(schema: JsonSchema): JsonSchema {
    let current = schema;
    if (current.$ref) current = { ...this.definition(current.$ref), ...withoutRef(current) };
    if (current.allOf) {
      const merged = current.allOf.map((part) => this.resolve(part)).reduce<JsonSchema>((all, part) => ({ ...all, ...part }), {});
      const { allOf: _allOf, ...outer } = current;
      current = { ...merged, ...outer };
    }
    return current;
  }

  private definition(ref: string): JsonSchema {
    const name = ref.replace(/^#\/definitions\//, '');
    const found = this.root.definitions?.[name];
    if (!found) throw new Error(`The spec schema refers to a missing definition ${ref}.`);
    return found;
  }

  private check(rawSchema: JsonSchema, value: unknown, path: Path, out: SchemaProblem[]): void {
    const schema = this.resolve(rawSchema);
    const at = (message: string, atKey = false): void => {
      out.push({ path, message, atKey });
    };
    if (value === null || value === undefined) {
      at(`${label(path)} has no value`);
      return;
    }
    if (schema.type && !hasType(value, schema.type)) {
      at(`${label(path)} must be ${typeNoun(schema.type)}, not ${describeType(value)}`);
      return;
    }
    if (schema.anyOf) {
      const attempts = schema.anyOf.map((option) => {
        const inner: SchemaProblem[] = [];
        this.check(option, value, path, inner);
        return inner;
      });
      if (!attempts.some((inner) => inner.length === 0)) out.push(...attempts[0]!);
    }
    if (schema.enum && !schema.enum.includes(value)) {
      const options = schema.enum.map(String);
      const suggestion = typeof value === 'string' ? closest(value, options) : undefined;
      out.push({
        path,
        message:
          `${quote(value)} is not a valid ${label(path)}` +
          (suggestion ? `; did you mean ${quote(suggestion)}?` : `; valid: ${options.slice(0, 12).join(', ')}${options.length > 12 ? ', …' : ''}`),
        atKey: false,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    if (typeof value === 'string') this.checkString(schema, value, path, at);
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) at(`${label(path)} must be at least ${schema.minimum}`);
      if (schema.maximum !== undefined && value > schema.maximum) at(`${label(path)} must be at most ${schema.maximum}`);
    }
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) at(`${label(path)} needs at least ${schema.minItems} item(s)`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) at(`${label(path)} takes at most ${schema.maxItems} items`);
      if (schema.items) value.forEach((item, index) => this.check(schema.items!, item, [...path, index], out));
    }
    if (isRecord(value) && (schema.type === 'object' || schema.properties)) this.checkObject(schema, value, path, out, at);
  }

  private checkString(schema: JsonSchema, value: string, path: Path, at: (message: string) => void): void {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      at(value.length === 0 ? `${label(path)} must not be empty` : `${label(path)} must be at least ${schema.minLength} characters`);
      if (value.length === 0) return;
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
      at(`${label(path)} is ${value.length} characters long; at most ${schema.maxLength} are allowed`);
    }
    if (schema.pattern !== undefined) {
      const regex = this.compile(schema.pattern);
      if (regex && !regex.test(value)) {
        at(`${quote(value)} is not a valid ${label(path)}: ${describePattern(schema.pattern)}`);
      }
    }
  }

  private checkObject(schema: JsonSchema, value: Record<string, unknown>, path: Path, out: SchemaProblem[], at: (message: string) => void): void {
    const properties = schema.properties ?? {};
    const keys = Object.keys(value);
    for (const required of schema.required ?? []) {
      if (!(required in value)) at(`${path.length ? label(path) : 'The spec'} is missing the required member ${required}`);
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) at(`${label(path)} needs at least ${schema.minProperties} member(s)`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
      at(`${label(path)} takes at most ${schema.maxProperties} member(s)${schema.maxProperties === 1 ? `: choose one of ${keys.join(', ')}` : ''}`);
    }
    for (const key of keys) {
      const child = [...path, key];
      const memberSchema = properties[key];
      if (memberSchema) {
        this.check(memberSchema, value[key], child, out);
      } else if (typeof schema.additionalProperties === 'object') {
        if (schema.propertyNames) this.checkString(this.resolve(schema.propertyNames), key, child, (message) => out.push({ path: child, message, atKey: true }));
        this.check(schema.additionalProperties, value[key], child, out);
      } else if (schema.additionalProperties === false) {
        const suggestion = closest(key, Object.keys(properties));
        out.push({
          path: child,
          message: `Unknown member ${key}${path.length ? ` in ${label(path)}` : ''}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
          atKey: true,
          ...(suggestion ? { suggestion } : {}),
        });
      }
    }
  }

  private compile(pattern: string): RegExp | null {
    let regex = this.patterns.get(pattern);
    if (regex === undefined) {
      try {
        regex = new RegExp(pattern, 'u');
      } catch {
        regex = null;
      }
      this.patterns.set(pattern, regex);
    }
    return regex;
  }
}

function withoutRef(schema: JsonSchema): JsonSchema {
  const { $ref: _ref, ...rest } = schema;
  return rest;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function typeNoun(type: NonNullable<JsonSchema['type']>): string {
  return { object: 'a mapping', array: 'a list', string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false' }[type];
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** `InputDataConfig[0].ChannelName`, or the member name alone at the top. */
export function label(path: Path): string {
  if (path.length === 0) return 'the spec';
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment), '');
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `"${text.length > 80 ? `${text.slice(0, 77)}…` : text}"`;
}

/** The option nearest to a mistyped word (case slips, a letter or two), if any is near. */
export function closest(word: string, options: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = options.find((option) => option.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const option of options) {
    if (Math.abs(option.length - word.length) >= bestDistance) continue;
    const distance = editDistance(lower, option.toLowerCase());
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
