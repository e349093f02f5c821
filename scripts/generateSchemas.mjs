// Generates the JSON Schemas of the spec files (schemas/*.schema.json) from botocore's SageMaker
// service model (data/aws-models/sagemaker/*/service-2.json.gz). The schemas are committed and
// shipped: VS Code's JSON support (and the YAML extension, when installed) uses them for
// validation, hover and completion; the extension validates resolved requests against them too.
// Usage: node scripts/generateSchemas.mjs [--check]   (--check fails when the committed files differ)
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { URL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const modelDir = join(root, 'data', 'aws-models', 'sagemaker');
const outDir = join(root, 'schemas');
const check = process.argv.includes('--check');

const [version] = (await readdir(modelDir)).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)).sort().reverse();
const model = JSON.parse(gunzipSync(await readFile(join(modelDir, version, 'service-2.json.gz'))).toString('utf8'));
const shapes = model.shapes;

/** A value that may hold a placeholder such as `${timestamp}`; checked again once resolved. */
const placeholderPattern = '\\$\\{[A-Za-z][A-Za-z0-9]*(?::[^}]*)?\\}';
/** Maps whose values the SageMaker Python SDK stringifies; spec files may write numbers and booleans. */
const stringifiedMaps = new Set(['HyperParameters', 'EnvironmentMap', 'TrainingEnvironmentMap', 'HyperParameterTrainingJobEnvironmentMap']);
/** String values that are numbers to a data scientist (tuning ranges); numbers are sent as strings. */
const stringifiedScalars = new Set(['ParameterValue']);
const maxDocLength = 1600;

// --- documentation: botocore's HTML to short Markdown -------------------------------------------

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
}

function toMarkdown(html) {
  if (!html) return '';
  let text = html
    .replace(/<code>([\s\S]*?)<\/code>/g, (_, code) => '`' + code.replace(/<[^>]+>/g, '') + '`')
    .replace(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g, (_, href, label) => `[${label.replace(/<[^>]+>/g, '').trim()}](${href})`)
    .replace(/<li>\s*/g, '\n- ')
    .replace(/<\/li>/g, '')
    .replace(/<\/?(ul|ol)>/g, '\n')
    .replace(/<(note|important)>/g, '\n\n')
    .replace(/<\/(note|important)>/g, '\n\n')
    .replace(/<p>/g, '\n\n')
    .replace(/<\/p>/g, '')
    .replace(/<\/?(i|em)>/g, '*')
    .replace(/<\/?(b|strong)>/g, '**')
    .replace(/<[^>]+>/g, '');
  text = decodeEntities(text)
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length > maxDocLength) {
    const cut = text.lastIndexOf('\n\n', maxDocLength);
    text = `${text.slice(0, cut > 200 ? cut : maxDocLength).trim()}\n\n…`;
  }
  return text;
}

function firstSentence(markdown) {
  const plain = markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/[`*]/g, '').split('\n')[0] ?? '';
  const match = /^(.+?[.!?])(\s|$)/.exec(plain);
  return (match ? match[1] : plain).slice(0, 300);
}

function documented(schema, html) {
  const markdown = toMarkdown(html);
  if (!markdown) return schema;
  return { ...schema, description: firstSentence(markdown), markdownDescription: markdown };
}

// --- patterns: Java regular expressions to ECMAScript ---------------------------------------------

const posixClasses = { Alnum: 'A-Za-z0-9', Print: '\\x20-\\x7E', Alpha: 'A-Za-z', Digit: '0-9' };

function translatePattern(pattern) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      const posix = /^p\{(\w+)\}/.exec(pattern.slice(i + 1));
      if (posix && posixClasses[posix[1]]) {
        out += inClass ? posixClasses[posix[1]] : `[${posixClasses[posix[1]]}]`;
        i += posix[0].length;
        continue;
      }
      if (next === 'A') { out += '^'; i++; continue; }
      if (next === 'z' || next === 'Z') { out += '$'; i++; continue; }
      if (next === '-') { out += inClass ? '\\-' : '-'; i++; continue; }
      out += c + next;
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out;
}

/** botocore patterns must match the whole value (Java `matches`); JSON Schema patterns search. */
function wholeValuePattern(pattern) {
  for (const candidate of [pattern, translatePattern(pattern)]) {
    const anchored = `^(?:${candidate})$`;
    try {
      new RegExp(anchored, 'u');
      return anchored;
    } catch {
      // try the next form
    }
  }
  return undefined;
}

// --- shapes to schemas ------------------------------------------------------------------------------

/** Strings with constraints accept a placeholder instead; the resolved value is checked again. */
function stringSchema(shape) {
  if (shape.enum) return { type: 'string', enum: shape.enum };
  const constraints = {};
  if (shape.min !== undefined && shape.min > 0) constraints.minLength = shape.min;
  if (shape.max !== undefined) constraints.maxLength = shape.max;
  const pattern = shape.pattern === undefined ? undefined : wholeValuePattern(shape.pattern);
  if (pattern && pattern !== '^(?:.*)$' && pattern !== '^(?:[\\S\\s]*)$') constraints.pattern = pattern;
  if (Object.keys(constraints).length === 0) return { type: 'string' };
  return { type: 'string', anyOf: [constraints, { pattern: placeholderPattern }] };
}

function numberRange(shape, schema) {
  if (shape.min !== undefined) schema.minimum = shape.min;
  if (shape.max !== undefined) schema.maximum = shape.max;
  return schema;
}

class SchemaBuilder {
  constructor(overrides = {}) {
    this.definitions = {};
    /** Per structure shape: required members to drop, extra properties to add. */
    this.overrides = overrides;
  }

  /** The schema of a member or list item: primitives inline, structures by reference. */
  schemaFor(shapeName) {
    const shape = shapes[shapeName];
    switch (shape.type) {
      case 'structure':
        this.define(shapeName);
        return { $ref: `#/definitions/${shapeName}` };
      case 'list': {
        const schema = { type: 'array', items: this.schemaFor(shape.member.shape) };
        if (shape.min !== undefined && shape.min > 0) schema.minItems = shape.min;
        if (shape.max !== undefined) schema.maxItems = shape.max;
        return schema;
      }
      case 'map': {
        const value = stringifiedMaps.has(shapeName)
          ? { anyOf: [this.schemaFor(shape.value.shape), { type: 'number' }, { type: 'boolean' }] }
          : this.schemaFor(shape.value.shape);
        const schema = { type: 'object', additionalProperties: value };
        const key = shapes[shape.key.shape];
        const keySchema = stringSchema(key);
        if (keySchema.anyOf) schema.propertyNames = keySchema.anyOf[0];
        if (shape.max !== undefined) schema.maxProperties = shape.max;
        if (stringifiedMaps.has(shapeName)) schema['x-stringify'] = true;
        return schema;
      }
      case 'string':
        if (stringifiedScalars.has(shapeName)) return { anyOf: [stringSchema(shape), { type: 'number' }], 'x-stringify': true };
        return stringSchema(shape);
      case 'integer':
      case 'long':
        return numberRange(shape, { type: 'integer' });
      case 'float':
      case 'double':
        return numberRange(shape, { type: 'number' });
      case 'boolean':
        return { type: 'boolean' };
      case 'timestamp':
        return { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'number' }] };
      case 'blob':
        return { type: 'string' };
      default:
        throw new Error(`Unhandled shape type ${shape.type} (${shapeName})`);
    }
  }

  define(shapeName) {
    if (this.definitions[shapeName]) return;
    const shape = shapes[shapeName];
    const override = this.overrides[shapeName] ?? {};
    const schema = { type: 'object', properties: {}, additionalProperties: false };
    this.definitions[shapeName] = schema; // placed first: recursive shapes refer back to it
    for (const [member, ref] of Object.entries(shape.members)) {
      const inner = this.schemaFor(ref.shape);
      const withDoc = inner.$ref ? { allOf: [inner] } : inner;
      schema.properties[member] = documented(withDoc, ref.documentation ?? shapes[ref.shape].documentation);
    }
    Object.assign(schema.properties, override.properties ?? {});
    const required = (shape.required ?? []).filter((name) => !(override.optional ?? []).includes(name));
    if (required.length) schema.required = required;
    const doc = toMarkdown(shape.documentation);
    if (doc) {
      schema.description = firstSentence(doc);
      schema.markdownDescription = doc;
    }
  }
}

// --- the extension's additions ----------------------------------------------------------------------

const sourceBlock = {
  type: 'object',
  description: 'Script mode: a local folder packed into sourcedir.tar.gz, uploaded to S3, and run with the entry point.',
  markdownDescription:
    'Script mode, as the SageMaker Python SDK does it: the folder `Directory` (relative to this spec file) is packed into ' +
    '`sourcedir.tar.gz` (honouring `.gitignore` files and `Exclude`; secrets such as `.env`, `.aws/`, `*.pem` are never included), ' +
    'uploaded to S3 (default `s3://${defaultBucket}/<job name>/source/<launch id>/sourcedir.tar.gz`), and passed to the container through ' +
    'the `sagemaker_program` and `sagemaker_submit_directory` hyperparameters.',
  properties: {
    Directory: { type: 'string', minLength: 1, description: 'The folder with the training code, relative to this spec file.' },
    EntryPoint: { type: 'string', minLength: 1, description: 'The script to run, relative to Directory (e.g. train.py).' },
    Exclude: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'More .gitignore-style patterns to leave out of the package (e.g. data/, *.ipynb).',
    },
    S3Uri: {
      type: 'string',
      pattern: '^s3://[^/]+/.+',
      description: 'Where to upload sourcedir.tar.gz (an s3:// key ending in .tar.gz, or a prefix ending in /). Default: s3://${defaultBucket}/<job name>/source/<launch id>/sourcedir.tar.gz (a prefix gets the same layout under it).',
    },
  },
  required: ['Directory', 'EntryPoint'],
  additionalProperties: false,
};

const localPath = {
  type: 'string',
  minLength: 1,
  description: 'A local folder (relative to this spec file) uploaded to this channel\'s S3Uri prefix before the job starts; unchanged files are skipped.',
};

const schemaProperty = { type: 'string', description: 'The JSON Schema of this file (for editors).' };

const placeholderDoc =
  'Strings may hold placeholders resolved at launch: `${timestamp}` (yyyy-mm-dd-HH-MM-SS-mmm, the same for the whole launch), ' +
  '`${region}`, `${account}`, `${defaultBucket}` (sagemaker-<region>-<account>), `${role}` (the setting sagemaker.launch.executionRoleArn), ' +
  '`${image:<algorithm>[:<version>]}` (the built-in or framework image for the region, e.g. `${image:xgboost:1.7-1}`).';

function specSchema({ id, title, description, rootShape, overrides, extraProperties = {} }) {
  const builder = new SchemaBuilder(overrides);
  builder.define(rootShape);
  const root = builder.definitions[rootShape];
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: id,
    title,
    description,
    markdownDescription: `${description}\n\n${placeholderDoc}`,
    'x-botocore': { service: 'sagemaker', apiVersion: version, shape: rootShape },
    type: 'object',
    properties: { $schema: schemaProperty, ...root.properties, ...extraProperties },
    required: root.required,
    additionalProperties: false,
    definitions: builder.definitions,
  };
}

const channelOverride = { Channel: { properties: { LocalPath: localPath } } };

const training = specSchema({
  id: 'sagemaker-companion/training.schema.json',
  title: 'SageMaker training job spec',
  description: 'A CreateTrainingJob request (the shape of `aws sagemaker create-training-job --cli-input-yaml`), plus a Source block for script mode.',
  rootShape: 'CreateTrainingJobRequest',
  overrides: channelOverride,
  extraProperties: { Source: sourceBlock },
});

const tuning = specSchema({
  id: 'sagemaker-companion/tuning.schema.json',
  title: 'SageMaker hyperparameter tuning job spec',
  description:
    'A CreateHyperParameterTuningJob request (the shape of `aws sagemaker create-hyper-parameter-tuning-job --cli-input-yaml`), plus a Source block for script mode.',
  rootShape: 'CreateHyperParameterTuningJobRequest',
  overrides: channelOverride,
  extraProperties: { Source: sourceBlock },
});

function deploySchema() {
  const builder = new SchemaBuilder({
    // Filled in from each other and from the trained model when left out.
    CreateModelInput: { optional: ['ModelName'] },
    CreateEndpointConfigInput: { optional: ['EndpointConfigName'] },
    CreateEndpointInput: { optional: ['EndpointConfigName'] },
    ProductionVariant: { optional: ['VariantName'] },
  });
  builder.define('CreateModelInput');
  builder.define('CreateEndpointConfigInput');
  builder.define('CreateEndpointInput');
  const description =
    'A deployment: the CreateModel, CreateEndpointConfig and CreateEndpoint inputs. Names left out are generated; ' +
    'the endpoint config uses the model and the endpoint uses the config. An existing endpoint is updated (UpdateEndpoint).';
  const from = {
    type: 'object',
    description: 'The trained model to deploy; its artifacts fill Model.PrimaryContainer.ModelDataUrl (and the image when left out).',
    markdownDescription:
      'The trained model to deploy. Its artifacts fill `Model.PrimaryContainer.ModelDataUrl`, and its training image (or the matching ' +
      'inference image for framework containers) fills `Model.PrimaryContainer.Image` when left out. Give exactly one member; ' +
      '`ModelName` serves an existing model instead (no Model section).',
    properties: {
      TrainingJobName: { type: 'string', minLength: 1, description: 'A completed training job.' },
      TuningJobName: { type: 'string', minLength: 1, description: 'A completed tuning job: its best training job is deployed.' },
      LatestTrainingJob: { type: 'string', minLength: 1, description: 'The newest completed training job whose name starts with this base name.' },
      LatestTuningJob: { type: 'string', minLength: 1, description: 'The best training job of the newest completed tuning job whose name starts with this base name.' },
      ModelName: { type: 'string', minLength: 1, description: 'An existing model: only the endpoint config and the endpoint are created (leave Model out).' },
    },
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
  };
  const ref = (name, doc) => ({ allOf: [{ $ref: `#/definitions/${name}` }], description: doc, markdownDescription: doc });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'sagemaker-companion/deploy.schema.json',
    title: 'SageMaker deployment spec',
    description,
    markdownDescription: `${description}\n\n${placeholderDoc}`,
    'x-botocore': { service: 'sagemaker', apiVersion: version, shape: 'CreateModelInput, CreateEndpointConfigInput, CreateEndpointInput' },
    type: 'object',
    properties: {
      $schema: schemaProperty,
      From: from,
      Model: ref('CreateModelInput', 'The CreateModel input (the model to serve).'),
      EndpointConfig: ref('CreateEndpointConfigInput', 'The CreateEndpointConfig input (instances or serverless capacity).'),
      Endpoint: ref('CreateEndpointInput', 'The CreateEndpoint input; an existing endpoint of this name is updated.'),
    },
    required: ['EndpointConfig', 'Endpoint'],
    additionalProperties: false,
    definitions: builder.definitions,
  };
}

const outputs = {
  'training.schema.json': training,
  'tuning.schema.json': tuning,
  'deploy.schema.json': deploySchema(),
};

await mkdir(outDir, { recursive: true });
let stale = 0;
for (const [name, schema] of Object.entries(outputs)) {
  const text = `${JSON.stringify(schema, null, 1)}\n`;
  const path = join(outDir, name);
  if (check) {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current !== text) {
      console.error(`${name} is out of date: run node scripts/generateSchemas.mjs`);
      stale++;
    }
  } else {
    await writeFile(path, text);
    console.log(`${name}: ${Object.keys(schema.definitions).length} definitions, ${(text.length / 1024).toFixed(0)} KiB`);
  }
}
process.exit(stale ? 1 : 0);
