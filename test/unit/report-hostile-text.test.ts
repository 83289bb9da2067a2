import { formatRunReport } from '../../src/cli/output.js';
import type { RunReport } from '../../src/core/check.js';

/**
 * Malformed provider answers are tested for every HTTP provider in
 * test/conformance/malformed-answers.suite.ts; here, what the report makes of hostile text.
 */
const RECORD_NAME = 'home.example.com';
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe('the run report prints a hostile provider or source text on one line', () => {
  it('escapes control characters and terminal sequences, and cuts an endless reason', () => {
    const report: RunReport = {
      version: '0.0.0',
      started: new Date(0).toISOString(),
      durationMs: 5,
      exitCode: 4,
      dryRun: false,
      force: false,
      warnings: [],
      detection: [{ family: 'ipv4', answers: [], error: 'no IPv4 source answered: x: "\u001b[2J\r\nowned"', elapsedMs: 1 }],
      records: [
        { provider: 'p', name: RECORD_NAME, type: 'A', action: 'failed', old: null, new: null, error: `Example refused (1000 \u001b]0;title\u0007\nsecond line ${'x'.repeat(5000)})`, errorKind: 'config' },
      ],
      summary: { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 1 },
      providerRequests: 1,
    };
    const lines = formatRunReport(report).split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect({ line: line.slice(0, 80), control: CONTROL.test(line) }).toEqual({ line: line.slice(0, 80), control: false });
      expect(line.length).toBeLessThan(700);
    }
    expect(lines[0]).toContain('\\u001b[2J\\r\\nowned');
    expect(lines[1]).toContain('\\u001b]0;title\\u0007\\nsecond line');
  });
});
