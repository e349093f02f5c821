import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { adviseOnError, classifyAwsError } from '../../../src/core/aws/errors';
import { AwsSession } from '../../../src/core/aws/session';
import { listDomains } from '../../../src/core/resources/domains';
import { startEmulator, type Emulator } from '../../emulator';
import { enterAwsHome, type AwsHome } from '../support/awsHome';

/** What reached one address: method, path and query, headers and body, as sent. */
interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface RecordingServer {
  readonly url: string;
  readonly received: Recorded[];
  close(): Promise<void>;
}

/** A promise's outcome, so that what was sent can be checked before whether it succeeded. */
async function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/** Everything a request carried, as one string, to look for a secret in. */
const everything = (request: Recorded): string => `${request.method} ${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;

/**
 * A server that records every request and answers it with `answer`, or forwards it unchanged
 * (Host header included, so signatures still verify) to `forwardTo`.
 */
async function recordingServer(options: { forwardTo?: string; answer?: (request: Recorded) => { status: number; body: unknown } }): Promise<RecordingServer> {
  const received: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: body.toString('utf8') };
      received.push(recorded);
      if (options.answer) {
        const { status, body: answer } = options.answer(recorded);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        return;
      }
      const target = new URL(options.forwardTo!);
      const forwarded = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', () => res.writeHead(502).end());
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Where the credential chain sends each secret. The SSO portal is the local service
 * (AWS_ENDPOINT_URL_SSO); the STS override is a separate address that records what reaches it
 * and forwards it to the local service; SSO-OIDC token refreshes go to a third address
 * (AWS_ENDPOINT_URL_SSO_OIDC). Real SDK clients, real HTTP; only the files and environment are the test's.
 */
describe('credential chain: where secrets go, and what a failure shows', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let sts: RecordingServer;
  let home: string;
  let awsHome: AwsHome;
  const startUrl = 'https://corp.awsapps.com/start';
  let sessionCounter = 0;

  before(async () => {
    emulator = await startEmulator({ data: 'demo' });
    sts = await recordingServer({ forwardTo: emulator.url });
  });

  after(async () => {
    await sts.close();
    await emulator.stop();
  });

  beforeEach(async () => {
    sts.received.length = 0;
    awsHome = await enterAwsHome('smc-routing-');
    home = awsHome.home;
    process.env.AWS_ENDPOINT_URL_SSO = emulator.url;
  });

  afterEach(() => awsHome.leave());

  /** An sso_session profile working in us-west-2 whose IAM Identity Center is in eu-central-1; a session name unique per test. */
  const writeSsoProfile = async (): Promise<string> => {
    const session = `corp-${++sessionCounter}-${Date.now()}`;
    await writeFile(
      join(home, '.aws', 'config'),
      [
        '[profile ml]',
        `sso_session = ${session}`,
        `sso_account_id = ${emulator.accountId}`,
        'sso_role_name = DataScientist',
        'region = us-west-2',
        `[sso-session ${session}]`,
        `sso_start_url = ${startUrl}`,
        'sso_region = eu-central-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    await writeFile(join(home, '.aws', 'credentials'), '');
    return session;
  };

  const writeToken = async (session: string, token: Record<string, string>): Promise<void> => {
    const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);
    await writeFile(file, JSON.stringify({ region: 'eu-central-1', startUrl, ...token }));
  };

  const signIn = async (): Promise<AwsSession> => {
    const session = new AwsSession({ userAgent: 'sagemaker-companion/test', home, maxAttempts: 1 });
    await session.update({ profile: 'ml', endpointUrl: emulator.url, serviceEndpoints: { sts: sts.url, s3: emulator.url } });
    return session;
  };

  it('signs in with an SSO profile while STS is overridden, and the bearer token never reaches the STS address', async () => {
    const session = await writeSsoProfile();
    const accessToken = `sso-access-${session}`;
    emulator.sso.registerToken(accessToken, { accountId: emulator.accountId, roleName: 'DataScientist' });
    await writeToken(session, { accessToken, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });

    const s = await signIn();
    try {
      const identity = await settled(s.identity());
      for (const r of sts.received) {
        assert.ok(!everything(r).includes(accessToken), `the SSO access token reached the STS address: ${r.method} ${r.url}`);
        assert.equal(r.headers['x-amz-sso_bearer_token'], undefined);
        assert.ok(!r.url.includes('/federation/credentials'), 'the SSO portal call went to the STS address');
      }
      assert.match(identity.value?.arn ?? String(identity.error), /^arn:aws:sts::\d{12}:assumed-role\/AWSReservedSSO_DataScientist_[0-9a-f]{16}\/sso-user$/);
      // The override is in use for STS itself: GetCallerIdentity went there, and nothing else.
      assert.deepEqual(sts.received.map((r) => /Action=(\w+)/.exec(r.body)?.[1]), ['GetCallerIdentity']);
    } finally {
      s.dispose();
    }
  });

  it('refreshes an expired sso_session token at SSO-OIDC, never sending the refresh token or client secret to the STS address', async () => {
    const session = await writeSsoProfile();
    const refreshToken = `refresh-${session}-secret`;
    const clientSecret = `client-secret-${session}`;
    const refreshedToken = `refreshed-access-${session}`;
    const oidc = await recordingServer({
      answer: (r) =>
        r.method === 'POST' && r.url === '/token'
          ? { status: 200, body: { accessToken: refreshedToken, expiresIn: 3600, refreshToken: `${refreshToken}-2`, tokenType: 'Bearer' } }
          : { status: 400, body: { error: 'invalid_request' } },
    });
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = oidc.url;
    emulator.sso.registerToken(refreshedToken, { accountId: emulator.accountId, roleName: 'DataScientist' });
    await writeToken(session, {
      accessToken: `expired-access-${session}`,
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      refreshToken,
      clientId: `client-id-${session}`,
      clientSecret,
      registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });

    const s = await signIn();
    try {
      const identity = await settled(s.identity());
      for (const r of sts.received) {
        const text = everything(r);
        for (const secret of [refreshToken, clientSecret, refreshedToken, `expired-access-${session}`]) {
          assert.ok(!text.includes(secret), `a secret of the SSO session reached the STS address: ${r.method} ${r.url}`);
        }
      }
      assert.match(identity.value?.arn ?? String(identity.error), /AWSReservedSSO_DataScientist_/);
      // The refresh went to SSO-OIDC, with the secrets it needs; STS got GetCallerIdentity only.
      assert.equal(oidc.received.length, 1);
      const createToken = JSON.parse(oidc.received[0]!.body) as Record<string, string>;
      assert.deepEqual([createToken.grantType, createToken.refreshToken, createToken.clientSecret], ['refresh_token', refreshToken, clientSecret]);
      assert.deepEqual(sts.received.map((r) => /Action=(\w+)/.exec(r.body)?.[1]), ['GetCallerIdentity']);
    } finally {
      s.dispose();
      await oidc.close();
    }
  });

  it('assumes the role of a role_arn profile through the STS override', async () => {
    await writeFile(
      join(home, '.aws', 'config'),
      `[profile base]\nregion = us-east-1\n[profile ml]\nrole_arn = arn:aws:iam::${emulator.accountId}:role/MLPlatform\nsource_profile = base\n`,
    );
    await writeFile(
      join(home, '.aws', 'credentials'),
      `[base]\naws_access_key_id = ${emulator.credentials.accessKeyId}\naws_secret_access_key = ${emulator.credentials.secretAccessKey}\n`,
    );
    const s = await signIn();
    try {
      assert.match((await s.identity()).arn, /:assumed-role\/MLPlatform\//);
      assert.deepEqual(
        sts.received.map((r) => /Action=(\w+)/.exec(r.body)?.[1]),
        ['AssumeRole', 'GetCallerIdentity'],
      );
    } finally {
      s.dispose();
    }
  });

  it('shows a failed credential_process with its program and reason, never its arguments', async () => {
    const secret = 'hvs.CAESIJ-process-secret';
    await writeFile(
      join(home, '.aws', 'config'),
      `[profile ml]\ncredential_process = /bin/sh -c "echo vault: permission denied >&2; exit 3" sh --token=${secret}\n`,
    );
    await writeFile(join(home, '.aws', 'credentials'), '');
    const s = await signIn();
    try {
      const failure = await settled(s.identity());
      const classified = classifyAwsError(failure.error);
      assert.equal(classified.kind, 'noCredentials');
      assert.equal(classified.message, 'Command failed: /bin/sh <arguments hidden>\nvault: permission denied\n');
      const advice = adviseOnError(classified, { profile: 'ml', region: 'us-west-2' });
      assert.equal(advice.reason, 'the credential_process of profile "ml" failed: Command failed: /bin/sh <arguments hidden>\nvault: permission denied\n');
      assert.ok(!JSON.stringify(advice).includes(secret));
      assert.deepEqual(sts.received, [], 'nothing was sent without credentials');
    } finally {
      s.dispose();
    }
  });
});

/**
 * The same against the local service in strict routing: every service and region at its own
 * address, SSO and SSO-OIDC only in eu-central-1, secrets sent elsewhere recorded as violations.
 * The profile works in us-west-2; its IAM Identity Center is in eu-central-1.
 */
describe('credential chain under strict routing', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let home: string;
  let awsHome: AwsHome;
  const startUrl = 'https://corp.awsapps.com/start';
  let counter = 0;

  before(async () => {
    emulator = await startEmulator({ data: 'demo', routing: 'strict', ssoRegions: ['eu-central-1'] });
  });
  after(() => emulator.stop());

  beforeEach(async () => {
    emulator.reset();
    awsHome = await enterAwsHome('smc-strict-');
    home = awsHome.home;
  });

  afterEach(() => awsHome.leave());

  const writeProfile = async (): Promise<string> => {
    const session = `strict-${++counter}-${Date.now()}`;
    await writeFile(
      join(home, '.aws', 'config'),
      `[profile ml]\nsso_session = ${session}\nsso_account_id = ${emulator.accountId}\nsso_role_name = DataScientist\nregion = us-west-2\n` +
        `[sso-session ${session}]\nsso_start_url = ${startUrl}\nsso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n`,
    );
    return session;
  };
  const cacheFile = (session: string): string => join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`);

  const signIn = async (): Promise<AwsSession> => {
    const session = new AwsSession({ userAgent: 'sagemaker-companion/test', home, maxAttempts: 1 });
    await session.update({
      profile: 'ml',
      endpointUrl: emulator.endpointTemplate('sagemaker'),
      serviceEndpoints: { sts: emulator.endpointTemplate('sts'), s3: emulator.endpointTemplate('s3'), sso: emulator.endpointTemplate('sso') },
    });
    return session;
  };

  it('signs in at the SSO portal of sso_region through the sso setting and lists in the views region, with no routing violation', async () => {
    const session = await writeProfile();
    const token = `strict-access-${session}`;
    emulator.sso.registerToken(token, { accountId: emulator.accountId, roleName: 'DataScientist' });
    await writeFile(cacheFile(session), JSON.stringify({ accessToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'eu-central-1', startUrl }));
    const s = await signIn();
    try {
      const identity = await settled(s.identity());
      const domains = await settled(listDomains(s.clients, 'us-west-2'));
      assert.deepEqual(emulator.routingViolations(), []);
      assert.match(identity.value?.arn ?? String(identity.error), /AWSReservedSSO_DataScientist_/);
      assert.ok(domains.value, String(domains.error));
    } finally {
      s.dispose();
    }
  });

  it('refreshes an expired sso_session token at SSO-OIDC of sso_region (AWS_ENDPOINT_URL_SSO_OIDC), with no routing violation', async () => {
    const session = await writeProfile();
    const refreshToken = `strict-refresh-${session}`;
    emulator.sso.registerRefreshToken(refreshToken, { accountId: emulator.accountId, roleName: 'DataScientist', clientId: 'cid', clientSecret: 'csecret' });
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = emulator.endpointFor('oidc', 'eu-central-1');
    await writeFile(
      cacheFile(session),
      JSON.stringify({
        accessToken: 'expired',
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
        refreshToken,
        clientId: 'cid',
        clientSecret: 'csecret',
        registrationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        region: 'eu-central-1',
        startUrl,
      }),
    );
    const s = await signIn();
    try {
      const identity = await settled(s.identity());
      assert.deepEqual(emulator.routingViolations(), []);
      assert.match(identity.value?.arn ?? String(identity.error), /AWSReservedSSO_DataScientist_/);
    } finally {
      s.dispose();
    }
  });
});
