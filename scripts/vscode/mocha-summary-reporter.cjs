// A mocha reporter for scripts/test-all.mjs: prints what `spec` prints, and writes the run's counts as JSON
// to the file named by `--reporter-option summary=FILE`, so the caller knows how many tests really ran.
//   mocha --config .mocharc.json --reporter scripts/vscode/mocha-summary-reporter.cjs --reporter-option summary=out/unit-summary.json
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const mocha = require('mocha');

const Spec = (mocha.reporters || mocha.default.reporters).Spec;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = options && options.reporterOption && options.reporterOption.summary;
    runner.once('end', () => {
      const stats = runner.stats || {};
      const summary = {
        passed: stats.passes || 0,
        failed: stats.failures || 0,
        skipped: stats.pending || 0,
        tests: stats.tests || 0,
        durationMs: stats.duration || 0,
      };
      if (file) {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(path.resolve(file), JSON.stringify(summary, null, 2) + '\n');
      }
    });
  }
}

module.exports = SummaryReporter;
