'use strict';
// mocha's spec reporter plus one closing line `N passed, N failed` that CI reads.
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
      const skipped = s.pending ? `, ${s.pending} skipped` : '';
      console.log(`unit: ${s.passes} passed, ${s.failures} failed${skipped}`);
    });
  }
}
module.exports = SummaryReporter;
