import type * as SM from '@aws-sdk/client-sagemaker';
import { validationError } from '../core/errors';
import type { Resource } from './collection';
import type { SmHandler } from './common';
import type { RegionState } from './state';
import { compact, type Wire } from './wire';

type In<T> = Wire<T>;
const MAX_TAGS = 50;

function resourceByArn(state: RegionState, arn: string): Resource {
  const r = state.byArn.get(arn) ?? state.byArn.get(arn.toLowerCase());
  if (!r) throw validationError(`Resource ${arn} not found.`);
  return r;
}

const AddTags: SmHandler = ({ state }, input) => {
  const i = input as In<SM.AddTagsInput>;
  const r = resourceByArn(state, i.ResourceArn);
  const merged = new Map(r.tags.map((t) => [t.Key, t.Value]));
  for (const t of i.Tags) merged.set(t.Key, t.Value);
  if (merged.size > MAX_TAGS) throw validationError(`Exceeds the maximum number of tags (${MAX_TAGS}) allowed on a resource.`);
  r.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  return { Tags: i.Tags } satisfies Wire<SM.AddTagsOutput>;
};

const ListTags: SmHandler = ({ state }, input) => {
  const i = input as In<SM.ListTagsInput>;
  const r = resourceByArn(state, i.ResourceArn);
  const start = i.NextToken ? Number(Buffer.from(i.NextToken, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw validationError('The provided pagination token is invalid.');
  const max = i.MaxResults ?? 50;
  const page = r.tags.slice(start, start + max);
  const next = start + max < r.tags.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
  return compact({ Tags: page, NextToken: next }) satisfies Wire<SM.ListTagsOutput>;
};

const DeleteTags: SmHandler = ({ state }, input) => {
  const i = input as In<SM.DeleteTagsInput>;
  const r = resourceByArn(state, i.ResourceArn);
  const drop = new Set(i.TagKeys);
  r.tags = r.tags.filter((t) => !drop.has(t.Key));
  return {};
};

export const tagHandlers: Record<string, SmHandler> = { AddTags, ListTags, DeleteTags };
