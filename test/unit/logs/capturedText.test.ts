import assert from 'node:assert/strict';
import { decodeCapturedText, displayCapturedText } from '../../../src/core/logs/capturedText';

describe('text as SageMaker captures it', () => {
  it('turns #011 back into a tab, and the other #0NN escapes into the control characters they stand for', () => {
    assert.equal(decodeCapturedText('[3]#011train-auc:0.91#011validation-auc:0.88'), '[3]\ttrain-auc:0.91\tvalidation-auc:0.88');
    assert.equal(decodeCapturedText('a#015b#012c#033[0m#000#037#177'), 'a\rb\nc\u001b[0m\u0000\u001f\u007f');
  });

  it('leaves a # followed by anything but a control-range code as it is', () => {
    for (const text of ['issue #123', '#040 is a space', '#08 not octal', '#9', '##', 'no hash', '#01', '#0111']) {
      const expected = text === '#0111' ? '\t1' : text;
      assert.equal(decodeCapturedText(text), expected, text);
    }
  });

  it('shows a line the way a reader expects: tabs kept, carriage returns as line breaks, styling and invisible controls left out', () => {
    assert.equal(displayCapturedText('epoch#0111#011loss=0.5'), 'epoch\t1\tloss=0.5');
    assert.equal(displayCapturedText('#033[32mINFO#033[0m ready'), 'INFO ready');
    assert.equal(displayCapturedText(' 10%|#033[1m##   | 1/10#015 20%|###  | 2/10#015'), ' 10%|##   | 1/10\n 20%|###  | 2/10');
    assert.equal(displayCapturedText('bell#007 and nul#000 gone, line#015#012end'), 'bell and nul gone, line\nend');
    assert.equal(displayCapturedText('plain text stays'), 'plain text stays');
  });
});
