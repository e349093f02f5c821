import type * as SM from '@aws-sdk/client-sagemaker';
import { AwsError, validationError } from '../core/errors';
import { loadModel, shapeOf, type ServiceModel, type Shape } from '../model/botocore';
import { projectToShape } from '../model/validator';
import type { Collection, Resource } from './collection';
import type { SmHandler } from './common';
import { describeEndpoint } from './hosting';
import { toMs } from './listing';
import type { RegionState } from './state';
import { GONE } from './timeline';
import { describeTrainingJob } from './training';
import { describeTuningJob } from './tuning';
import { compact, ts, type Wire } from './wire';

/**
 * SageMaker `Search` for training jobs, tuning jobs and endpoints: the full record of each
 * resource (its Describe answer in the search record's shape, with its tags), filtered by a
 * SearchExpression (Filters with Equals, NotEquals, GreaterThan(OrEqualTo), LessThan(OrEqualTo),
 * Contains, In, Exists, NotExists; SubExpressions with And/Or), sorted by any property
 * (default LastModifiedTime, Descending), paged with MaxResults and an opaque NextToken that
 * remembers the last record (so resources created between pages do not shift them).
 *
 * Property names are the record's members, dotted for nested ones (`ResourceConfig.InstanceType`),
 * plus `Tags.<key>`, `HyperParameters.<name>` and, for training jobs, `Metrics.<name>` (final
 * metric values). Text comparisons by Contains are case-insensitive, as the List APIs' NameContains.
 */

type Row = Record<string, unknown>;

interface Searchable<T extends Resource> {
  /** The search record member and its botocore shape. */
  member: 'TrainingJob' | 'HyperParameterTuningJob' | 'Endpoint';
  shape: string;
  collection(state: RegionState): Collection<T>;
  visible(item: T, now: number): boolean;
  record(state: RegionState, item: T, now: number): Row;
  /** Properties answered without building the record (filters and sorts of whole lists stay cheap). */
  fast: Record<string, (item: T, now: number) => unknown>;
}

const trainingJobs: Searchable<RegionState['trainingJobs'] extends Collection<infer T> ? T : never> = {
  member: 'TrainingJob',
  shape: 'TrainingJob',
  collection: (state) => state.trainingJobs,
  visible: (job, now) => job.creationTime <= now,
  record: (_state, job, now) => {
    const described = describeTrainingJob(job, now) as Row;
    return { ...described, Tags: job.tags };
  },
  fast: {
    TrainingJobName: (job) => job.name,
    TrainingJobArn: (job) => job.arn,
    TrainingJobStatus: (job, now) => job.timeline.status(now),
    CreationTime: (job) => ts(job.creationTime),
    LastModifiedTime: (job, now) => ts(job.timeline.at(now).at),
  },
};

const tuningJobs: Searchable<RegionState['tuningJobs'] extends Collection<infer T> ? T : never> = {
  member: 'HyperParameterTuningJob',
  shape: 'HyperParameterTuningJobSearchEntity',
  collection: (state) => state.tuningJobs,
  visible: (job, now) => job.creationTime <= now && job.timeline.status(now) !== GONE,
  record: (state, job, now) => ({ ...(describeTuningJob(state, job, now) as Row), Tags: job.tags }),
  fast: {
    HyperParameterTuningJobName: (job) => job.name,
    HyperParameterTuningJobArn: (job) => job.arn,
    HyperParameterTuningJobStatus: (job, now) => job.timeline.status(now),
    CreationTime: (job) => ts(job.creationTime),
  },
};

const endpoints: Searchable<RegionState['endpoints'] extends Collection<infer T> ? T : never> = {
  member: 'Endpoint',
  shape: 'Endpoint',
  collection: (state) => state.endpoints,
  visible: (endpoint, now) => endpoint.creationTime <= now && endpoint.timeline.status(now) !== GONE,
  record: (state, endpoint, now) => ({ ...(describeEndpoint(state, endpoint, now) as Row), Tags: endpoint.tags }),
  fast: {
    EndpointName: (endpoint) => endpoint.name,
    EndpointArn: (endpoint) => endpoint.arn,
    EndpointStatus: (endpoint, now) => endpoint.timeline.status(now),
    CreationTime: (endpoint) => ts(endpoint.creationTime),
    LastModifiedTime: (endpoint, now) => ts(Math.max(endpoint.lastModifiedTime, endpoint.timeline.at(now).at)),
  },
};

const SEARCHABLE: Record<string, Searchable<Resource>> = {
  TrainingJob: trainingJobs as unknown as Searchable<Resource>,
  HyperParameterTuningJob: tuningJobs as unknown as Searchable<Resource>,
  Endpoint: endpoints as unknown as Searchable<Resource>,
};

// ---------------------------------------------------------------- properties

type PropertyType = 'text' | 'number' | 'timestamp' | 'boolean';

/** The type of a property path in the record's shape; undefined when the record has no such property. */
function propertyType(model: ServiceModel, rootShape: string, path: string): PropertyType | undefined {
  const parts = path.split('.');
  if (parts[0] === 'Tags') return parts.length === 2 ? 'text' : undefined;
  if (parts[0] === 'Metrics') return rootShape === 'TrainingJob' && parts.length === 2 ? 'number' : undefined;
  let shape: Shape = shapeOf(model, rootShape);
  for (let i = 0; i < parts.length; i++) {
    while (shape.type === 'list') shape = shapeOf(model, shape.member!.shape);
    if (shape.type === 'map') {
      shape = shapeOf(model, shape.value!.shape);
      continue;
    }
    const member = shape.type === 'structure' ? shape.members?.[parts[i]!] : undefined;
    if (!member) return undefined;
    shape = shapeOf(model, member.shape);
  }
  while (shape.type === 'list') shape = shapeOf(model, shape.member!.shape);
  switch (shape.type) {
    case 'string':
      return 'text';
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'timestamp':
      return 'timestamp';
    case 'boolean':
      return 'boolean';
    default:
      return undefined;
  }
}

/** Every value a path reaches (lists fan out), as the record holds them. */
function valuesAt(record: Row, path: string): unknown[] {
  const parts = path.split('.');
  if (parts[0] === 'Tags') {
    return ((record.Tags as Array<{ Key: string; Value: string }> | undefined) ?? []).filter((tag) => tag.Key === parts[1]).map((tag) => tag.Value);
  }
  if (parts[0] === 'Metrics') {
    return ((record.FinalMetricDataList as Array<{ MetricName?: string; Value?: number }> | undefined) ?? [])
      .filter((metric) => metric.MetricName === parts[1])
      .map((metric) => metric.Value);
  }
  let current: unknown[] = [record];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const value of current) {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item && typeof item === 'object' && part in item) next.push((item as Row)[part]);
      }
    }
    current = next;
  }
  return current.flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value])).filter((value) => value !== undefined && value !== null);
}

// ---------------------------------------------------------------- expressions

type Filter = Wire<SM.Filter>;
type Expression = Wire<SM.SearchExpression>;

interface Compiled {
  test(get: (path: string) => unknown[]): boolean;
  paths: string[];
}

const NUMERIC_OPERATORS = new Set(['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo']);

function parseValue(type: PropertyType, value: string, name: string): string | number | boolean {
  if (type === 'number') {
    const n = Number(value);
    if (!Number.isFinite(n)) throw validationError(`Value '${value}' for property ${name} is not a number.`);
    return n;
  }
  if (type === 'timestamp') {
    const ms = /^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : toMs(value);
    if (ms === undefined || !Number.isFinite(ms)) throw validationError(`Value '${value}' for property ${name} is not a valid timestamp.`);
    return ms / 1000;
  }
  if (type === 'boolean') {
    if (value !== 'true' && value !== 'false') throw validationError(`Value '${value}' for property ${name} is not a boolean.`);
    return value === 'true';
  }
  return value;
}

function compileFilter(model: ServiceModel, rootShape: string, filter: Filter, counter: { contains: number }): Compiled {
  const name = filter.Name ?? '';
  const operator = filter.Operator ?? 'Equals';
  const type = propertyType(model, rootShape, name);
  if (!type) throw validationError(`Invalid property name: ${name} is not a searchable property of ${rootShape}.`);
  const needsValue = operator !== 'Exists' && operator !== 'NotExists';
  if (needsValue && (filter.Value === undefined || filter.Value === '')) throw validationError(`A value is required for the ${operator} operator on ${name}.`);
  if (NUMERIC_OPERATORS.has(operator) && (type === 'text' || type === 'boolean')) {
    throw validationError(`The ${operator} operator is not supported for the ${type} property ${name}.`);
  }
  if ((operator === 'Contains' || operator === 'In') && type !== 'text') {
    throw validationError(`The ${operator} operator is only supported for text properties; ${name} is not text.`);
  }
  if (operator === 'Contains' && ++counter.contains > 1) throw validationError("'CONTAINS' operator usage limit of 1 exceeded.");
  const paths = [name];
  switch (operator) {
    case 'Exists':
      return { paths, test: (get) => get(name).length > 0 };
    case 'NotExists':
      return { paths, test: (get) => get(name).length === 0 };
    case 'In': {
      const options = new Set(filter.Value!.split(',').map((v) => v.trim()));
      return { paths, test: (get) => get(name).some((v) => options.has(String(v))) };
    }
    case 'Contains': {
      const needle = filter.Value!.toLowerCase();
      return { paths, test: (get) => get(name).some((v) => String(v).toLowerCase().includes(needle)) };
    }
    default: {
      const expected = parseValue(type, filter.Value!, name);
      const compare = (v: unknown): number | undefined => {
        if (typeof expected === 'number') return typeof v === 'number' ? v - expected : undefined;
        return String(v) === String(expected) ? 0 : String(v) < String(expected) ? -1 : 1;
      };
      const ok: Record<string, (c: number) => boolean> = {
        Equals: (c) => c === 0,
        NotEquals: (c) => c !== 0,
        GreaterThan: (c) => c > 0,
        GreaterThanOrEqualTo: (c) => c >= 0,
        LessThan: (c) => c < 0,
        LessThanOrEqualTo: (c) => c <= 0,
      };
      const check = ok[operator];
      if (!check) throw validationError(`Unknown operator ${operator}.`);
      if (operator === 'NotEquals') return { paths, test: (get) => get(name).every((v) => compare(v) !== 0) };
      return {
        paths,
        test: (get) =>
          get(name).some((v) => {
            const c = compare(v);
            return c !== undefined && check(c);
          }),
      };
    }
  }
}

function compileExpression(model: ServiceModel, rootShape: string, expression: Expression, counter: { contains: number; elements: number }): Compiled {
  const filters = expression.Filters ?? [];
  const subs = expression.SubExpressions ?? [];
  if (expression.NestedFilters && expression.NestedFilters.length > 0) {
    throw validationError('NestedFilters are not supported by this local service.');
  }
  if (filters.length === 0 && subs.length === 0) {
    throw validationError('A SearchExpression must contain at least one subexpression, filter, or nested filter.');
  }
  counter.elements += filters.length + subs.length;
  if (counter.elements > 50) throw validationError('A SearchExpression can contain at most 50 filters, nested filters and subexpressions in all.');
  const parts = [
    ...filters.map((filter) => compileFilter(model, rootShape, filter, counter)),
    ...subs.map((sub) => compileExpression(model, rootShape, sub, counter)),
  ];
  const or = expression.Operator === 'Or';
  return {
    paths: parts.flatMap((part) => part.paths),
    test: (get) => (or ? parts.some((part) => part.test(get)) : parts.every((part) => part.test(get))),
  };
}

// ---------------------------------------------------------------- paging

interface Cursor {
  s: string;
  o: string;
  /** Sort value and key of the last record returned. */
  v: string | number | null;
  k: string;
}

const encode = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64');

function decode(token: string, sortBy: string, order: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Cursor;
    if (cursor.s === sortBy && cursor.o === order && typeof cursor.k === 'string') return cursor;
  } catch {
    // fall through
  }
  throw validationError('The provided pagination token is invalid.');
}

type SortValue = string | number | null;

function sortValueOf(values: unknown[]): SortValue {
  const first = values[0];
  if (first === undefined || first === null) return null;
  if (typeof first === 'number') return first;
  if (typeof first === 'boolean') return Number(first);
  return typeof first === 'string' ? first : JSON.stringify(first);
}

/** Ascending order of (value, key); records without the property sort last in either order. */
function compareEntries(a: { v: SortValue; k: string }, b: { v: SortValue; k: string }, descending: boolean): number {
  if (a.v === null || b.v === null) {
    if (a.v === b.v) return a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return a.v === null ? 1 : -1;
  }
  const base = a.v < b.v ? -1 : a.v > b.v ? 1 : a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
  return descending ? -base : base;
}

const Search: SmHandler = ({ state, now }, input) => {
  const request = input as Wire<SM.SearchRequest>;
  const searchable = SEARCHABLE[request.Resource ?? ''];
  if (!searchable) {
    throw new AwsError('ValidationException', `Search for resource ${request.Resource} is not implemented by this local service (TrainingJob, HyperParameterTuningJob and Endpoint are).`);
  }
  const model = loadModel('sagemaker');
  const sortBy = request.SortBy ?? 'LastModifiedTime';
  const order = request.SortOrder ?? 'Descending';
  if (!propertyType(model, searchable.shape, sortBy)) throw validationError(`Invalid SortBy property: ${sortBy} is not a property of ${searchable.shape}.`);
  const max = request.MaxResults ?? 10;
  const cursor = request.NextToken ? decode(request.NextToken, sortBy, order) : undefined;
  const expression = request.SearchExpression ? compileExpression(model, searchable.shape, request.SearchExpression, { contains: 0, elements: 0 }) : undefined;

  // Records are built only when a filter or the sort needs more than the cheap properties.
  const entries: Array<{ item: Resource; v: SortValue; k: string; record?: Row }> = [];
  for (const item of searchable.collection(state).byCreationTime()) {
    if (!searchable.visible(item, now)) continue;
    const built: { record?: Row } = {};
    const get = (path: string): unknown[] => {
      const fast = searchable.fast[path];
      if (fast) return [fast(item, now)];
      built.record ??= searchable.record(state, item, now);
      return valuesAt(built.record, path);
    };
    if (expression && !expression.test(get)) continue;
    entries.push({ item, v: sortValueOf(get(sortBy)), k: item.key, record: built.record });
  }
  const descending = order === 'Descending';
  entries.sort((a, b) => compareEntries(a, b, descending));
  let start = 0;
  if (cursor) {
    const last = { v: cursor.v, k: cursor.k };
    while (start < entries.length && compareEntries(entries[start]!, last, descending) <= 0) start++;
  }
  const page = entries.slice(start, start + max);
  const more = start + max < entries.length;
  const results = page.map((entry) => {
    const record = entry.record ?? searchable.record(state, entry.item, now);
    return { [searchable.member]: compact(projectToShape(model, searchable.shape, record) as Row) };
  });
  const lastEntry = page[page.length - 1];
  return compact({
    Results: results as Wire<SM.SearchRecord>[],
    NextToken: more && lastEntry ? encode({ s: sortBy, o: order, v: lastEntry.v, k: lastEntry.k }) : undefined,
    TotalHits: { Value: entries.length, Relation: 'EqualTo' },
  }) satisfies Wire<SM.SearchResponse>;
};

export const searchHandlers: Record<string, SmHandler> = { Search };
