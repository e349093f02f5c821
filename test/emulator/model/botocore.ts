import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../core/projectRoot';

export type ShapeType =
  | 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double'
  | 'boolean' | 'timestamp' | 'blob';

export interface MemberRef {
  shape: string;
  location?: string;
  locationName?: string;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  exception?: boolean;
}

export interface Operation {
  name: string;
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: Record<string, unknown>;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

/** The botocore model folders under data/aws-models, by the service names used here. */
export type ModelName = 'sagemaker' | 'logs' | 'pricing' | 'sts' | 'sagemaker-runtime';

const cache = new Map<ModelName, ServiceModel>();

/** Loads (once) botocore's service-2.json.gz for a service. */
export function loadModel(name: ModelName): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    const dir = dataPath('aws-models', name);
    const version = readdirSync(dir).sort().at(-1);
    if (!version) throw new Error(`No botocore model version under ${dir}`);
    const raw = gunzipSync(readFileSync(`${dir}/${version}/service-2.json.gz`)).toString('utf8');
    model = JSON.parse(raw) as ServiceModel;
    cache.set(name, model);
  }
  return model;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`Unknown shape ${name}`);
  return shape;
}
