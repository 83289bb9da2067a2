// Prints the plain closing line CI reads, "Tests: N passed, N failed, N skipped", as the very last
// line of the run: jest's own summary is written after the reporters' onRunComplete, so ours waits
// for process exit (stdout to a pipe or file is synchronous on Linux, so nothing is lost).
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stdout.write(`\n${line}`));
  }
}
module.exports = SummaryReporter;
