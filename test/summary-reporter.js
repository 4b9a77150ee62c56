// Prints one plain closing line that any CI can read: "jest: N passed, N failed, N skipped (S s)".
// Written at process exit so that it stands after jest's own summary.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const seconds = Math.round((Date.now() - results.startTime) / 1000);
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped (${seconds} s)\n`;
    process.on('exit', () => process.stdout.write(line));
  }
}
