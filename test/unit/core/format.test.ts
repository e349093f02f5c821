import { strict as assert } from 'node:assert';
import { formatDuration, formatHourly, formatUsd } from '../../../src/core/util/format';

describe('formatting', () => {
  it('shows durations in their two largest units', () => {
    assert.equal(formatDuration(45_000), '45s');
    assert.equal(formatDuration(12 * 60_000 + 5_000), '12m');
    assert.equal(formatDuration(2 * 3_600_000 + 5 * 60_000), '2h 05m');
    assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000), '3d 4h');
    assert.equal(formatDuration(-1), '—');
  });

  it('shows prices with enough digits to tell cheap instances apart', () => {
    assert.equal(formatHourly(0.23), '$0.23/h');
    assert.equal(formatHourly(7.09), '$7.09/h');
    assert.equal(formatUsd(0.0512), '$0.0512');
    assert.equal(formatUsd(0), '$0');
  });
});
