/**
 * Starts the local SageMaker-compatible service from the command line:
 *   npm run emulator -- --port 4566 --data demo [--regions us-east-1,eu-west-1] [--speed 60] [--latency 50] [--seed 7] [--strict-routing [--sso-regions r1,r2]] [--json]
 * Prints the endpoint, the dummy credentials and ready-to-paste environment lines; with --json the
 * first line is one JSON object for scripts. Ctrl+C (SIGINT) or SIGTERM stops it.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './emulator';
import { ADDRESS_SERVICE_NAMES } from './http/routing';
import type { SeedData } from './world';

const USAGE = 'usage: npm run emulator -- [--port PORT] [--data demo|scale|empty] [--regions a,b] [--speed N] [--latency MS] [--seed N] [--validate] [--strict-routing [--sso-regions a,b]] [--json]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      data: { type: 'string', default: 'demo' },
      regions: { type: 'string' },
      speed: { type: 'string', default: '1' },
      latency: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      validate: { type: 'boolean', default: false },
      'strict-routing': { type: 'boolean', default: false },
      'sso-regions': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const data = values.data as SeedData;
  if (!['demo', 'scale', 'empty'].includes(data)) throw new Error(`--data must be demo, scale or empty\n${USAGE}`);
  const strict = values['strict-routing'];
  if (values['sso-regions'] !== undefined && !strict) throw new Error(`--sso-regions needs --strict-routing\n${USAGE}`);
  const ssoRegions = values['sso-regions']?.split(',').map((r) => r.trim()).filter(Boolean);
  const numbers = { port: Number(values.port), speed: Number(values.speed), latency: Number(values.latency), seed: Number(values.seed) };
  for (const [k, v] of Object.entries(numbers)) if (!Number.isFinite(v) || v < 0) throw new Error(`--${k} must be a number >= 0\n${USAGE}`);
  const emulator = await startEmulator({
    port: numbers.port,
    data,
    regions: values.regions?.split(',').map((r) => r.trim()).filter(Boolean),
    clockSpeed: numbers.speed,
    latencyMs: numbers.latency,
    seed: numbers.seed,
    validateResponses: values.validate,
    routing: strict ? 'strict' : 'shared',
    ssoRegions,
  });
  const { accessKeyId, secretAccessKey } = emulator.credentials;
  const region = emulator.regions[0] ?? 'us-east-1';
  if (values.json) {
    console.log(JSON.stringify({ url: emulator.url, accessKeyId, secretAccessKey, accountId: emulator.accountId, regions: emulator.regions, controlUrl: `${emulator.url}/_emulator`, routing: emulator.routing }));
  }
  console.log(`Local SageMaker-compatible service listening on ${emulator.url}`);
  console.log(`  data: ${emulator.data}   regions: ${emulator.regions.join(', ')}   account: ${emulator.accountId}   clock speed: ${numbers.speed}x`);
  console.log(`  control API: ${emulator.url}/_emulator/info`);
  console.log('');
  if (emulator.routing === 'strict') {
    console.log(`Strict routing: each service and region at its own address (SSO and SSO-OIDC in ${emulator.ssoRegions.join(', ')}):`);
    for (const service of ADDRESS_SERVICE_NAMES) console.log(`  ${service.padEnd(10)} ${emulator.endpointTemplate(service)}`);
    console.log(`  requests sent elsewhere: ${emulator.url}/_emulator/routing/violations`);
    console.log('');
  }
  console.log('Environment for the AWS SDKs, the AWS CLI and boto3 (paste into a shell):');
  if (emulator.routing === 'strict') {
    console.log(`  export AWS_ENDPOINT_URL_SAGEMAKER=${emulator.endpointFor('sagemaker', region)}`);
    console.log(`  export AWS_ENDPOINT_URL_S3=${emulator.endpointFor('s3', region)}`);
    console.log(`  export AWS_ENDPOINT_URL_STS=${emulator.endpointFor('sts', region)}`);
  } else console.log(`  export AWS_ENDPOINT_URL=${emulator.url}`);
  console.log(`  export AWS_ACCESS_KEY_ID=${accessKeyId}`);
  console.log(`  export AWS_SECRET_ACCESS_KEY=${secretAccessKey}`);
  console.log(`  export AWS_REGION=${region}`);
  console.log('');
  console.log('Example:');
  console.log(`  aws --endpoint-url ${emulator.endpointFor('sagemaker', region)} --region ${region} sagemaker list-training-jobs --max-items 5`);
  console.log('');
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
