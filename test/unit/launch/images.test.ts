import * as assert from 'node:assert/strict';
import { compareVersions, processorFor } from '../../../src/core/launch/images';
import { resources } from './support/testBed';

describe('image table (built-in algorithms and framework containers)', () => {
  it('builds the SDK image URI of XGBoost per region, with the China domain', async () => {
    const catalog = await resources.images();
    assert.deepEqual(catalog.uri({ name: 'xgboost', version: '1.7-1' }, 'us-east-1'), { uri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1' });
    const china = catalog.uri({ name: 'xgboost', version: '1.7-1' }, 'cn-north-1');
    assert.ok('uri' in china && china.uri.endsWith('.dkr.ecr.cn-north-1.amazonaws.com.cn/sagemaker-xgboost:1.7-1'), JSON.stringify(china));
  });

  it('defaults to the newest version and picks cpu or gpu tags from the instance type', async () => {
    const catalog = await resources.images();
    const newest = catalog.uri({ name: 'xgboost' }, 'eu-west-1');
    assert.ok('uri' in newest && newest.uri.endsWith(':3.2-0'));
    const gpu = catalog.uri({ name: 'pytorch-training', version: '2.8.0' }, 'us-east-1', 'ml.g5.xlarge');
    const cpu = catalog.uri({ name: 'pytorch-training', version: '2.8' }, 'us-east-1', 'ml.m5.xlarge');
    assert.ok('uri' in gpu && gpu.uri.endsWith('pytorch-training:2.8.0-gpu-py312'), JSON.stringify(gpu));
    assert.ok('uri' in cpu && cpu.uri.endsWith('pytorch-training:2.8.0-cpu-py312'), JSON.stringify(cpu));
  });

  it('says why an image cannot be had', async () => {
    const catalog = await resources.images();
    const unknown = catalog.uri({ name: 'xgboots' }, 'us-east-1');
    assert.ok('error' in unknown && /no image named "xgboots"/.test(unknown.error));
    const version = catalog.uri({ name: 'xgboost', version: '9.9' }, 'us-east-1');
    assert.ok('error' in version && /has no version 9\.9; known: 3\.2-0/.test(version.error));
    const region = catalog.uri({ name: 'lda' }, 'af-south-1');
    assert.ok('error' in region && /not offered in af-south-1/.test(region.error));
  });

  it('recognises its own URIs and finds the serving image of a training image', async () => {
    const catalog = await resources.images();
    const training = catalog.uri({ name: 'pytorch-training', version: '2.8.0', processor: 'cpu' }, 'us-west-2');
    assert.ok('uri' in training);
    assert.deepEqual(catalog.identify(training.uri), { name: 'pytorch-training', version: '2.8.0', processor: 'cpu' });
    const serving = catalog.inferenceImageFor(training.uri, 'us-west-2', 'ml.m5.large');
    assert.match(serving ?? '', /pytorch-inference:2\.6\.0-cpu-py312$/);
    const xgb = catalog.uri({ name: 'xgboost', version: '1.7-1' }, 'us-west-2');
    assert.ok('uri' in xgb);
    assert.equal(catalog.inferenceImageFor(xgb.uri, 'us-west-2'), xgb.uri);
    assert.equal(catalog.isAlgorithmImage(xgb.uri), true);
    assert.equal(catalog.isAlgorithmImage(training.uri), false);
    assert.equal(catalog.identify('123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:latest'), undefined);
  });

  it('orders versions numerically and maps instance families to processors', () => {
    assert.ok(compareVersions('1.10-1', '1.7-1') > 0);
    assert.ok(compareVersions('2.19.0', '2.8.0') > 0);
    assert.equal(processorFor('ml.p4d.24xlarge'), 'gpu');
    assert.equal(processorFor('ml.g6.xlarge'), 'gpu');
    assert.equal(processorFor('ml.m5.xlarge'), 'cpu');
    assert.equal(processorFor(undefined), 'cpu');
  });
});
