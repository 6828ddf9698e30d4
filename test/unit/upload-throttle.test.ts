// throttle: the first call runs at once, a burst collapses into one trailing call with the latest arguments.
import * as assert from 'node:assert/strict';
import { throttle } from '../../src/upload/throttle';

describe('upload: throttle', () => {
  it('runs the first call at once and keeps only the latest of a burst', () => {
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 10_000);
    t(1); t(2); t(3);
    assert.deepEqual(calls, [1]);
    t.flush();
    assert.deepEqual(calls, [1, 3]);
    t.flush();
    assert.deepEqual(calls, [1, 3], 'nothing pending after a flush');
  });

  it('cancel drops the pending trailing call', () => {
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 10_000);
    t(1); t(2);
    t.cancel();
    t.flush();
    assert.deepEqual(calls, [1]);
  });

  it('the trailing call fires on its own once the window has passed', async () => {
    const calls: string[] = [];
    const t = throttle((s: string) => calls.push(s), 20);
    t('first'); t('second'); t('last');
    await new Promise<void>(resolve => {
      const check = () => (calls.length === 2 ? resolve() : setTimeout(check, 5));
      check();
    });
    assert.deepEqual(calls, ['first', 'last']);
  });
});
