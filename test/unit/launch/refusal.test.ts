import * as assert from 'node:assert/strict';
import { refusalMessage } from '../../../src/commands/launch/refusal';
import type { SpecProblem } from '../../../src/core/launch/specDocument';

const problem = (line: number, message: string, severity: SpecProblem['severity'] = 'error'): SpecProblem => ({
  path: [],
  message,
  severity,
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  source: 'schema',
});

describe('refusal of an invalid spec', () => {
  it('names the file once, then the one problem and its line', () => {
    const message = refusalMessage('fraud.training.yaml', [problem(8, '"ml.m5.xlarg" is not a valid ResourceConfig.InstanceType; did you mean "ml.m5.xlarge"?')]);
    assert.equal(message, 'Could not launch fraud.training.yaml: line 9: "ml.m5.xlarg" is not a valid ResourceConfig.InstanceType; did you mean "ml.m5.xlarge"?');
    assert.equal(message.split('fraud.training.yaml').length - 1, 1);
  });

  it('counts several problems without naming the file again, and leaves warnings out', () => {
    const message = refusalMessage('fraud.training.yaml', [problem(2, 'Unknown member Foo.'), problem(5, 'A warning', 'warning'), problem(7, 'Another.')]);
    assert.equal(message, 'Could not launch fraud.training.yaml: 2 problems; the first, on line 3: Unknown member Foo.');
  });
});
