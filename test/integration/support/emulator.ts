// The local SageMaker-compatible service as a test fixture: started in the extension host's own
// process, with a profile for it in the AWS shared files (the throw-away ones the harness made)
// and the extension's settings pointed at it; everything restored when it stops.
//
// The service runs with strict routing: each AWS service in each region has its own address, and
// the settings are `{region}` templates, so a request the extension sends to the wrong service or
// region is refused as AWS would refuse it, and recorded. A fixture stops with an error naming
// every routing violation it saw (unless `allowRoutingViolations`).
import { readFile, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { startEmulator, type Emulator, type EmulatorOptions, type RoutingViolation } from '../../emulator';
import { updateSettings } from './settings';

export interface EmulatorFixtureOptions extends EmulatorOptions {
  /** Profile written to the AWS shared files and selected in `sagemaker.profile` (default `emulator`). */
  profile?: string;
  /** Region of the profile and of `sagemaker.region` (default: the emulator's first region). */
  region?: string;
  /** A test that sends requests to wrong addresses on purpose checks them itself. */
  allowRoutingViolations?: boolean;
}

/** How every integration test runs the service: one address per service and region. */
export const STRICT_ROUTING: Pick<EmulatorOptions, 'routing' | 'ssoRegions'> = { routing: 'strict', ssoRegions: ['us-east-1'] };

export interface EmulatorFixture {
  readonly emulator: Emulator;
  readonly profile: string;
  readonly region: string;
  /** Restores the settings and the AWS shared files, then stops the service. */
  stop(): Promise<void>;
}

/**
 * The endpoint settings that point the extension at a local service, one `{region}` template per
 * service (in strict routing; the service's one URL otherwise). The keys are the extension's contract.
 */
export function endpointSettings(emulator: Pick<Emulator, 'endpointTemplate'>): Record<string, unknown> {
  const t = (service: Parameters<Emulator['endpointTemplate']>[0]): string => emulator.endpointTemplate(service);
  return {
    'sagemaker.endpointUrl': t('sagemaker'),
    'sagemaker.serviceEndpoints': { sagemakerRuntime: t('runtime'), logs: t('logs'), s3: t('s3'), sts: t('sts'), pricing: t('pricing'), sso: t('sso') },
  };
}

/** Profile, region and endpoint settings for a local service. */
export function emulatorSettings(emulator: Pick<Emulator, 'endpointTemplate'>, profile: string, region: string): Record<string, unknown> {
  return { 'sagemaker.profile': profile, 'sagemaker.region': region, ...endpointSettings(emulator) };
}

/** One line per violation, for assertion messages. */
export function describeViolations(violations: readonly RoutingViolation[]): string {
  return violations.map((v) => `${v.kind}: ${v.method} ${v.path}${v.operation ? ` (${v.operation})` : ''}: ${v.message}`).join('\n');
}

/** Fails naming every request the service saw sent to a wrong address. */
export function assertNoRoutingViolations(emulator: Pick<Emulator, 'routingViolations'>, context = 'the service'): void {
  const violations = emulator.routingViolations();
  if (violations.length > 0) throw new Error(`${context} saw ${violations.length} request(s) sent where AWS would not serve them:\n${describeViolations(violations)}`);
}

function sharedFile(variable: 'AWS_CONFIG_FILE' | 'AWS_SHARED_CREDENTIALS_FILE'): string {
  const file = process.env[variable];
  if (!file) throw new Error(`${variable} is not set: the test harness points it at a throw-away file, so no real AWS file is changed`);
  return file;
}

/** Replaces (or adds) one `[header]` section of an INI file's text. */
export function withIniSection(text: string, header: string, lines: string[]): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    const section = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (section) skipping = section[1]?.trim() === header;
    if (!skipping) kept.push(line);
  }
  const body = kept.join('\n').replace(/\n*$/, '\n');
  return `${body}\n[${header}]\n${lines.join('\n')}\n`;
}

export async function startEmulatorFixture(options: EmulatorFixtureOptions = {}): Promise<EmulatorFixture> {
  const { profile = 'emulator', region: requestedRegion, allowRoutingViolations = false, ...emulatorOptions } = options;
  const configFile = sharedFile('AWS_CONFIG_FILE');
  const credentialsFile = sharedFile('AWS_SHARED_CREDENTIALS_FILE');
  const emulator = await startEmulator({ data: 'demo', ...STRICT_ROUTING, ...emulatorOptions });
  const region = requestedRegion ?? emulator.regions[0] ?? 'us-east-1';

  const previousConfig = await readFile(configFile, 'utf8');
  const previousCredentials = await readFile(credentialsFile, 'utf8');
  const settings = emulatorSettings(emulator, profile, region);
  const previousSettings = Object.fromEntries(Object.keys(settings).map((key) => [key, vscode.workspace.getConfiguration().inspect(key)?.globalValue]));
  try {
    await writeFile(configFile, withIniSection(previousConfig, `profile ${profile}`, [`region = ${region}`]));
    await writeFile(
      credentialsFile,
      withIniSection(previousCredentials, profile, [
        `aws_access_key_id = ${emulator.credentials.accessKeyId}`,
        `aws_secret_access_key = ${emulator.credentials.secretAccessKey}`,
      ]),
    );
    await updateSettings(settings);
  } catch (error) {
    await emulator.stop();
    throw error;
  }

  let stopped = false;
  return {
    emulator,
    profile,
    region,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await updateSettings(previousSettings);
        await writeFile(configFile, previousConfig);
        await writeFile(credentialsFile, previousCredentials);
      } finally {
        await emulator.stop();
      }
      if (!allowRoutingViolations) assertNoRoutingViolations(emulator, 'the local service');
    },
  };
}

/**
 * Mocha hooks for the enclosing `describe`: the service starts before its tests and stops after.
 * Returns an accessor for the running fixture.
 */
export function useEmulator(options: EmulatorFixtureOptions = {}): () => EmulatorFixture {
  let fixture: EmulatorFixture | undefined;
  before(async function () {
    this.timeout(60_000);
    fixture = await startEmulatorFixture(options);
  });
  after(async () => {
    await fixture?.stop();
    fixture = undefined;
  });
  return () => {
    if (!fixture) throw new Error('the emulator fixture is not running (use it inside the tests of the describe that called useEmulator)');
    return fixture;
  };
}
