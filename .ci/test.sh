#!/usr/bin/env bash
# npm test: every check and test pass, one after the other, except the last two: the browser pass runs
# in band (one Chromium, one app: about one core) and so does not fill a 2-core machine, so it runs beside
# the PostgreSQL pass (measured: browser ≈ 1.0 core; the two passes together take about as long as the
# PostgreSQL pass and half of the browser pass instead of the sum). The PostgreSQL pass prints as it runs;
# the browser pass writes into a file that is printed as one block when it ends, so each pass reads as
# if it had run alone. The summary names every phase with its result; the exit code is 0 only when all
# passed. The phases before the last two stop at the first failure, as before.
set -uo pipefail
cd "$(dirname "$0")/.."

summary=()
phase() {
  local name=$1 started=$SECONDS rc
  shift
  echo "== npm test: $name"
  "$@"
  rc=$?
  summary+=("$(printf '%-36s %s (%d s)' "$name" "$([ "$rc" -eq 0 ] && echo ok || echo "FAILED (exit $rc)")" $((SECONDS - started)))")
  return "$rc"
}
report() {
  echo "== npm test: summary"
  printf '   %s\n' "${summary[@]}"
}

for step in check test:unit test:integration test:e2e; do
  if ! phase "$step" npm run -s "$step"; then
    report
    exit 1
  fi
done

browser_log=$(mktemp -t netzwerk-browser-pass.XXXXXX)
browser_started=$SECONDS
echo "== npm test: test:browser starts beside test:postgres (its output follows when it ends: $browser_log)"
npm run -s test:browser >"$browser_log" 2>&1 &
browser_pid=$!

phase test:postgres npm run -s test:postgres
postgres_rc=$?

wait "$browser_pid"
browser_rc=$?
echo "== npm test: test:browser (run beside test:postgres)"
cat "$browser_log"
rm -f "$browser_log"
summary+=("$(printf '%-36s %s (%d s)' 'test:browser (beside test:postgres)' "$([ "$browser_rc" -eq 0 ] && echo ok || echo "FAILED (exit $browser_rc)")" $((SECONDS - browser_started)))")

report
[ "$postgres_rc" -eq 0 ] && [ "$browser_rc" -eq 0 ]
