// The local SageMaker-compatible service as a test fixture: started in the extension host's own
// process, with a profile for it in the AWS shared files (the throw-away ones the harness made)
// and the extension's settings pointed at it; everything restored when it stops.
import { readFile, writeFile } from 'node:fs/promises';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { settingsAt, updateSettings } from './settings';

export interface EmulatorFixtureOptions extends EmulatorOptions {
  /** Profile written to the AWS shared files and selected in `sagemaker.profile` (default `emulator`). */
  profile?: string;
  /** Region of the profile and of `sagemaker.region` (default: the emulator's first region). */
  region?: string;
}

export interface EmulatorFixture {
  readonly emulator: Emulator;
  readonly profile: string;
  readonly region: string;
  /** Restores the settings and the AWS shared files, then stops the service. */
  stop(): Promise<void>;
}

/** The settings that point the extension at a local service; the keys are the extension's contract. */
export function emulatorSettings(url: string, profile: string, region: string): Record<string, unknown> {
  return {
    'sagemaker.profile': profile,
    'sagemaker.region': region,
    'sagemaker.endpointUrl': url,
    'sagemaker.serviceEndpoints': { sagemakerRuntime: url, logs: url, s3: url, sts: url, pricing: url },
  };
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
  const { profile = 'emulator', region: requestedRegion, ...emulatorOptions } = options;
  const configFile = sharedFile('AWS_CONFIG_FILE');
  const credentialsFile = sharedFile('AWS_SHARED_CREDENTIALS_FILE');
  const emulator = await startEmulator({ data: 'demo', ...emulatorOptions });
  const region = requestedRegion ?? emulator.regions[0] ?? 'us-east-1';

  const previousConfig = await readFile(configFile, 'utf8');
  const previousCredentials = await readFile(credentialsFile, 'utf8');
  const settings = emulatorSettings(emulator.url, profile, region);
  const previousSettings = await settingsAt(Object.keys(settings));
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
