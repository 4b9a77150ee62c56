#!/usr/bin/env bash
# npm test: every check and test pass. Passes that leave a core of a 2-core machine idle run side by side:
#   1. `npm run check` (tsc ∥ eslint: eslint alone runs for most of it) beside the unit and integration
#      tiers (one jest worker; in band);
#   2. the e2e tier alone (two jest workers, CPU-bound);
#   3. the browser tier (in band: one app, one Chromium, about one core) beside the PostgreSQL pass.
# The pass in the foreground prints as it runs; the one beside it writes into a file that is printed as one
# block when it ends, so each pass reads as if it had run alone. A summary names every pass with its
# result and time; the exit code is 0 only when all passed. A failed step stops before the next step.
set -uo pipefail
cd "$(dirname "$0")/.."

summary=()
failed=0
record() { # name, exit code, start second
  summary+=("$(printf '%-22s %s (%d s)' "$1" "$([ "$2" -eq 0 ] && echo ok || echo "FAILED (exit $2)")" $((SECONDS - $3)))")
  [ "$2" -eq 0 ] || failed=1
}
report() {
  echo "== npm test: summary"
  printf '   %s\n' "${summary[@]}"
}
# run NAME...: npm scripts one after the other in the foreground, stopping at the first failure
run() {
  local name started rc
  for name in "$@"; do
    started=$SECONDS
    echo "== npm test: $name"
    npm run -s "$name"
    rc=$?
    record "$name" "$rc" "$started"
    [ "$rc" -eq 0 ] || return 1
  done
}
# beside NAME FOREGROUND...: NAME runs in the background (output kept) while the foreground scripts run
beside() {
  local name=$1 log started pid rc
  shift
  log=$(mktemp -t "netzwerk-$name.XXXXXX")
  started=$SECONDS
  echo "== npm test: $name starts beside $* (its output follows when it ends)"
  npm run -s "$name" >"$log" 2>&1 &
  pid=$!
  run "$@"
  wait "$pid"
  rc=$?
  echo "== npm test: $name (ran beside $*)"
  cat "$log"
  rm -f "$log"
  record "$name" "$rc" "$started"
}
step() {
  "$@"
  if [ "$failed" -ne 0 ]; then
    report
    exit 1
  fi
}

step beside check test:unit test:integration
step run test:e2e
step beside test:browser test:postgres
report
