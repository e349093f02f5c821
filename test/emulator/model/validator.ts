import { type ServiceModel, type Shape, shapeOf } from './botocore';
import { javaPattern } from './javaRegex';
import { SDK_NEWER_MEMBERS, SDK_OPTIONAL_MEMBERS } from './sdkOverlay';

export interface ValidationProblem {
  /** Coral-style path: first letters lower-cased, list items as `name.1.member`. */
  path: string;
  message: string;
  value: unknown;
}

export interface ValidateOptions {
  /** Inputs accept ISO strings for timestamps; outputs must be epoch seconds. */
  mode: 'input' | 'output';
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Renders a value the way Coral's messages do: `'text'`, `'12'`, `null`, `'[a, b]'`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return `'${renderInner(value)}'`;
}

function renderInner(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderInner).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${renderInner(v)}`).join(', ')}}`;
  }
  return String(value);
}

/**
 * Checks a value against a botocore shape: required members, JSON types, unknown members, enums,
 * patterns, lengths and ranges. Returns every problem found (empty when valid).
 */
export function validateShape(model: ServiceModel, shapeName: string, value: unknown, options: ValidateOptions): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  check(model, shapeOf(model, shapeName), value, '', problems, options, shapeName);
  return problems;
}

function join(path: string, member: string): string {
  return path ? `${path}.${lowerFirst(member)}` : lowerFirst(member);
}

function check(model: ServiceModel, shape: Shape, value: unknown, path: string, out: ValidationProblem[], options: ValidateOptions, name = ''): void {
  const fail = (message: string): void => {
    out.push({ path, message, value });
  };
  switch (shape.type) {
    case 'structure': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('Member must be a structure');
      const record = value as Record<string, unknown>;
      const members = shape.members ?? {};
      const newer = options.mode === 'input' ? (SDK_NEWER_MEMBERS[name] ?? []) : [];
      const optional = options.mode === 'input' ? (SDK_OPTIONAL_MEMBERS[name] ?? []) : [];
      for (const required of shape.required ?? []) {
        if (optional.includes(required)) continue;
        if (record[required] === undefined || record[required] === null) {
          out.push({ path: join(path, required), message: 'Member must not be null', value: null });
        }
      }
      for (const [key, memberValue] of Object.entries(record)) {
        const member = members[key];
        if (!member) {
          if (!newer.includes(key)) out.push({ path: join(path, key), message: 'Member is not defined in the shape', value: memberValue });
          continue;
        }
        if (memberValue === null || memberValue === undefined) continue;
        check(model, shapeOf(model, member.shape), memberValue, join(path, key), out, options, member.shape);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('Member must be a list');
      checkLength(shape, value.length, fail);
      const memberShape = shapeOf(model, shape.member!.shape);
      if (memberShape.type === 'structure' || memberShape.type === 'list' || memberShape.type === 'map') {
        value.forEach((item, i) => check(model, memberShape, item, `${path}.${i + 1}.member`, out, options, shape.member!.shape));
      } else {
        const inner: ValidationProblem[] = [];
        value.forEach((item, i) => check(model, memberShape, item, `${path}.${i + 1}.member`, inner, options));
        if (inner.length) fail(`Member must satisfy constraint: [${[...new Set(inner.map((p) => p.message))].join(', ')}]`);
      }
      return;
    }
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('Member must be a map');
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(shape, entries.length, fail);
      const keyShape = shapeOf(model, shape.key!.shape);
      const valueShape = shapeOf(model, shape.value!.shape);
      const keyProblems: ValidationProblem[] = [];
      const valueProblems: ValidationProblem[] = [];
      for (const [k, v] of entries) {
        check(model, keyShape, k, path, keyProblems, options);
        if (valueShape.type === 'structure' || valueShape.type === 'list' || valueShape.type === 'map') {
          check(model, valueShape, v, `${path}.${k}`, out, options, shape.value!.shape);
        } else {
          check(model, valueShape, v, path, valueProblems, options);
        }
      }
      if (keyProblems.length) fail(`Map keys must satisfy constraint: [${[...new Set(keyProblems.map((p) => p.message))].join(', ')}]`);
      if (valueProblems.length) fail(`Map value must satisfy constraint: [${[...new Set(valueProblems.map((p) => p.message))].join(', ')}]`);
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return fail('Member must be of type string');
      if (shape.enum && !shape.enum.includes(value)) return fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      checkLength(shape, [...value].length, fail);
      if (shape.pattern !== undefined) {
        const re = javaPattern(shape.pattern);
        if (re && !re.test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      }
      return;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(`Member must be of type ${shape.type}`);
      checkRange(shape, value, fail);
      return;
    }
    case 'float':
    case 'double': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`Member must be of type ${shape.type}`);
      checkRange(shape, value, fail);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be of type boolean');
      return;
    case 'timestamp': {
      if (typeof value === 'number') {
        // Epoch seconds; a value in milliseconds would land tens of thousands of years ahead.
        if (options.mode === 'output' && (value < 0 || value > 1e11)) fail('Member must be a timestamp in epoch seconds');
        return;
      }
      if (options.mode === 'input' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return;
      fail('Member must be of type timestamp');
      return;
    }
    case 'blob':
      if (typeof value !== 'string') fail('Member must be of type blob (base64 text)');
      return;
  }
}

function checkLength(shape: Shape, length: number, fail: (m: string) => void): void {
  if (shape.min !== undefined && length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
}

function checkRange(shape: Shape, value: number, fail: (m: string) => void): void {
  if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
}

/** `1 validation error detected: Value 'x' at 'a.b' failed to satisfy constraint: ...; Value ...` */
export function formatProblems(problems: readonly ValidationProblem[]): string {
  const n = problems.length;
  const parts = problems.map((p) => `Value ${describeValue(p.value)} at '${p.path}' failed to satisfy constraint: ${p.message}`);
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}

/**
 * Keeps only the members a shape defines, recursively: Describe answers echo the stored Create
 * request through this so that no request-only member (Tags, ...) leaks into a response.
 */
export function projectToShape(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = shapeOf(model, shapeName);
  if (value === null || value === undefined) return value;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(shape.members ?? {})) {
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined) out[key] = projectToShape(model, member.shape, v);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => projectToShape(model, shape.member!.shape, v)) : value;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = projectToShape(model, shape.value!.shape, v);
      return out;
    }
    default:
      return value;
  }
}
