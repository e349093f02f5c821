import { strict as assert } from 'node:assert';
import { connectionLabel, endpointFor, resolveConnection } from '../../../src/core/aws/connection';
import { buildSharedConfig } from '../../../src/core/aws/sharedConfig';

const shared = buildSharedConfig(
  '[default]\nregion = eu-central-1\n[profile ml]\nregion = eu-west-1\n[profile noregion]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n',
  '',
  { configPath: 'c', credentialsPath: 'k' },
);

describe('connection resolution', () => {
  it('prefers the profile setting over AWS_PROFILE', () => {
    const c = resolveConnection({ profile: 'ml' }, { AWS_PROFILE: 'other' }, shared);
    assert.equal(c.profile, 'ml');
    assert.equal(c.profileSource, 'setting');
  });

  it('falls back to AWS_PROFILE, then the default chain', () => {
    assert.equal(resolveConnection({}, { AWS_PROFILE: 'ml' }, shared).profileSource, 'AWS_PROFILE');
    const c = resolveConnection({}, {}, shared);
    assert.equal(c.profile, undefined);
    assert.equal(c.profileSource, 'default');
  });

  it('takes the region from the setting, then the profile, then AWS_REGION, then us-east-1', () => {
    assert.deepEqual(pick(resolveConnection({ profile: 'ml', region: 'ap-south-1' }, { AWS_REGION: 'sa-east-1' }, shared)), ['ap-south-1', 'setting']);
    assert.deepEqual(pick(resolveConnection({ profile: 'ml' }, { AWS_REGION: 'sa-east-1' }, shared)), ['eu-west-1', 'profile']);
    assert.deepEqual(pick(resolveConnection({ profile: 'noregion' }, { AWS_REGION: 'sa-east-1' }, shared)), ['sa-east-1', 'AWS_REGION']);
    assert.deepEqual(pick(resolveConnection({ profile: 'noregion' }, {}, shared)), ['us-east-1', 'default']);
    // The default chain uses the default profile's region.
    assert.deepEqual(pick(resolveConnection({}, {}, shared)), ['eu-central-1', 'profile']);
  });

  it('keeps valid endpoint overrides and reports invalid ones', () => {
    const c = resolveConnection(
      { endpointUrl: 'http://127.0.0.1:4566/', serviceEndpoints: { s3: 'ftp://nope', logs: 'https://logs.vpce.example' } },
      {},
      shared,
    );
    assert.deepEqual(c.endpoints, { sagemaker: 'http://127.0.0.1:4566', logs: 'https://logs.vpce.example' });
    assert.equal(c.settingProblems.length, 1);
    assert.match(c.settingProblems[0]!, /sagemaker\.serviceEndpoints\.s3/);
  });

  it('resolves a {region} placeholder per region, for every service including sso', () => {
    const c = resolveConnection(
      {
        region: 'eu-west-1',
        endpointUrl: 'https://vpce-0abc.api.sagemaker.{region}.vpce.amazonaws.com/',
        serviceEndpoints: { s3: 'http://127.0.0.1:4566/aws/s3/{region}', sso: 'http://127.0.0.1:4566/aws/sso/{region}', logs: 'https://logs.example/{Region}' },
      },
      {},
      shared,
    );
    assert.equal(endpointFor(c, 'sagemaker', 'ap-south-1'), 'https://vpce-0abc.api.sagemaker.ap-south-1.vpce.amazonaws.com');
    assert.equal(endpointFor(c, 's3', 'us-east-1'), 'http://127.0.0.1:4566/aws/s3/us-east-1');
    assert.equal(endpointFor(c, 'sso', 'eu-central-1'), 'http://127.0.0.1:4566/aws/sso/eu-central-1');
    assert.equal(endpointFor(c, 'pricing', 'us-east-1'), undefined, 'no override: the SDK resolves it');
    assert.equal(endpointFor(c, 'logs', 'us-east-1'), undefined);
    assert.deepEqual(c.settingProblems, ['sagemaker.serviceEndpoints.logs "https://logs.example/{Region}" holds a placeholder other than {region}; it is ignored.']);
    assert.equal(connectionLabel(c), 'default · eu-west-1 · vpce-0abc.api.sagemaker.eu-west-1.vpce.amazonaws.com');
  });

  it('reports a region setting that is not a region code and ignores it', () => {
    const c = resolveConnection({ profile: 'ml', region: 'Ireland' }, {}, shared);
    assert.equal(c.region, 'eu-west-1');
    assert.match(c.settingProblems[0]!, /not a region code/);
  });

  it('labels the connection with profile, region and redirected endpoint host', () => {
    assert.equal(connectionLabel(resolveConnection({ profile: 'ml' }, {}, shared)), 'ml · eu-west-1');
    assert.equal(connectionLabel(resolveConnection({ endpointUrl: 'http://127.0.0.1:4566' }, {}, shared)), 'default · eu-central-1 · 127.0.0.1:4566');
  });
});

function pick(c: { region: string; regionSource: string }): [string, string] {
  return [c.region, c.regionSource];
}
