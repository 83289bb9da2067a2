#!/usr/bin/env bash
# `npm run test:all`: every lane, as CI runs it (.ci/run calls this after installing what the tests
# need). On top of `npm test` (the README's command, run unchanged): the random-kill crash sweep and
# the config fuzzer at full size, the single executables (built from Node 24 binaries fetched once from the npm registry
# into .cache/node/), the CLI end-to-end tests under that Node 24, and the real-time lock lane
# (test/long/, about two minutes, mostly waiting). Each run prints "Tests: N passed, N failed,
# N skipped"; the closing line adds them up.
set -uo pipefail
cd "$(dirname "$0")/.."

summaries=$(mktemp)
run_and_keep() { # shows the command's output and keeps it for the summary; returns its status
  "$@" 2>&1 | tee -a "$summaries"
  return "${PIPESTATUS[0]}"
}
jest() {
  node --experimental-vm-modules --disable-warning=ExperimentalWarning node_modules/jest/bin/jest.js "$@"
}
status=0

# The real-time lane runs meanwhile from a copy of the build: the lanes below rebuild dist/, which
# must not change under its running CLI.
npm run build --silent || exit 1
long_dir=$(mktemp -d)
long_log=$(mktemp)
cp -r package.json bin dist tasks test "$long_dir"/
ln -s "$PWD/node_modules" "$long_dir/node_modules"
( cd "$long_dir" && node --experimental-vm-modules --disable-warning=ExperimentalWarning node_modules/jest/bin/jest.js \
    --testPathIgnorePatterns=/node_modules/ -- dist/test/long ) >"$long_log" 2>&1 &
long_pid=$!

run_and_keep npm test || status=1
echo "--- full lane: crash sweep and config fuzzing at full size (200 random kills, 3,350 configs, other seeds) and the single executables ---"
DDNS_CRASH_RUNS=200 DDNS_CRASH_SEED=20261203 DDNS_FUZZ_SCALE=1 DDNS_FUZZ_SEED=20261204 run_and_keep jest --testPathIgnorePatterns=/node_modules/ -- \
  dist/test/faults/crash.test.js dist/test/faults/fuzz-config.test.js dist/test/integration/single-executable.test.js || status=1
echo "--- Node 24: the CLI end-to-end tests ---"
run_and_keep npm run test:node24 --silent -- dist/test/integration || status=1
echo "--- npm run test:long (real-time lock lane, ran alongside) ---"
wait "$long_pid" || status=1
tee -a "$summaries" <"$long_log"
rm -rf "$long_dir" "$long_log"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter((l) => /^Tests: \d+ passed, \d+ failed, \d+ skipped$/.test(l));
  const [passed, failed, skipped] = [0, 1, 2].map((i) => lines.reduce((sum, l) => sum + Number(l.match(/\d+/g)[i]), 0));
  const runs = lines.length === 4 ? " (npm test; full crash sweep + single executables; Node 24 CLI tests; real-time lock lane)" : " (" + lines.length + " of 4 test runs reported)";
  console.log("Tests: " + passed + " passed, " + failed + " failed, " + skipped + " skipped" + runs);
  process.exit(lines.length === 4 && failed === 0 ? 0 : 1);
' "$summaries" || status=1
rm -f "$summaries"
exit $status
