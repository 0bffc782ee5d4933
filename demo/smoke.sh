#!/usr/bin/env bash
# Smoke test of the demo, as a newcomer runs it: starts it exactly as the README says (demo/run.sh, from the
# repository root), captures what it prints, times it to its ready line, checks that what it printed is progress and
# the demo's own lines (not Maven's log), runs the documented curl cases (and the sign-in at /session with a cookie
# jar), checks status, key headers and body fields, and stops it with the signal Ctrl-C sends. Exit code 0 when every
# check passed.
#
#   demo/smoke.sh                 # port 8080, as the README
#   DEMO_PORT=18080 demo/smoke.sh # another port (README: demo/run.sh --port N)
#   DEMO_START_TIMEOUT=900 ...    # seconds to wait for the build and start (default 600)
#   DEMO_READY_SECONDS_FILE=f ... # also write the seconds to the ready line into f
set -uo pipefail

cd "$(dirname "$0")/.."
PORT="${DEMO_PORT:-8080}"
BASE="http://127.0.0.1:${PORT}"
TIMEOUT="${DEMO_START_TIMEOUT:-600}"
LOG="$(mktemp -t rcguard-demo-smoke.XXXXXX.log)"
JAR="$(mktemp -t rcguard-demo-cookies.XXXXXX.txt)"
FAILED=0
DEMO_PID=""

READY="Ready: open $BASE/ (Ctrl-C stops it)"
START=(demo/run.sh)
if [ -n "${DEMO_PORT:-}" ]; then
    START+=(--port "$PORT")
fi

stop_demo() {
    [ -n "$DEMO_PID" ] || return 0
    if kill -0 "$DEMO_PID" 2>/dev/null; then
        echo "Stopping the demo (SIGINT, as Ctrl-C)"
        kill -INT -- "-$DEMO_PID" 2>/dev/null
        for _ in $(seq 1 60); do
            kill -0 "$DEMO_PID" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$DEMO_PID" 2>/dev/null; then
            echo "FAIL: the demo did not stop within 60 s of SIGINT"
            kill -KILL -- "-$DEMO_PID" 2>/dev/null
            FAILED=1
        fi
    fi
    wait "$DEMO_PID" 2>/dev/null
    DEMO_PID=""
}

finish() {
    stop_demo
    rm -f "$JAR"
    if ! grep -qx "Demo stopped." "$LOG"; then
        echo "FAIL: no 'Demo stopped.' line: the shutdown hook did not run"
        FAILED=1
    fi
    if curl -s -o /dev/null --max-time 2 "$BASE/"; then
        echo "FAIL: something still answers on $BASE after the stop"
        FAILED=1
    fi
    if [ "$FAILED" -ne 0 ]; then
        echo "---- demo output ($LOG) ----"
        tail -n 80 "$LOG"
        echo "SMOKE TEST FAILED"
        exit 1
    fi
    echo "SMOKE TEST PASSED"
    rm -f "$LOG"
}
trap finish EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    echo "FAIL: port $PORT is already answering before the demo started (set DEMO_PORT)"
    FAILED=1
    exit 1
fi

echo "Starting: ${START[*]}"
launched=$SECONDS
set -m # own process group, and SIGINT not ignored in this background job: it gets Ctrl-C's signal like a terminal
"${START[@]}" >"$LOG" 2>&1 &
DEMO_PID=$!
set +m

started=0
for _ in $(seq 1 "$TIMEOUT"); do
    if grep -qF "$READY" "$LOG"; then
        started=1
        break
    fi
    if ! kill -0 "$DEMO_PID" 2>/dev/null; then
        break
    fi
    sleep 1
done
if [ "$started" -ne 1 ]; then
    echo "FAIL: the demo did not print '$READY' within ${TIMEOUT} s"
    FAILED=1
    exit 1
fi
ready_seconds=$((SECONDS - launched))
echo "Demo is up at $BASE: ready ${ready_seconds} s after '${START[*]}' started"
if [ -n "${DEMO_READY_SECONDS_FILE:-}" ]; then
    echo "$ready_seconds" >"$DEMO_READY_SECONDS_FILE"
fi

# What it printed up to its ready line: run.sh's progress lines ("[ 12s] ..."), then the demo's own (its steps, the
# guard's start-up lines, the banner); none of Maven's log, and the steps in their order.
printed="$(awk -v ready="$READY" '{ print } index($0, ready) { exit }' "$LOG")"
progress="$(printf '%s\n' "$printed" | grep -E '^\[ *[0-9]+s\] ')"
echo "What it printed ($(printf '%s\n' "$printed" | wc -l) lines up to the ready line; its progress lines):"
printf '%s\n' "$progress" | sed 's/^/    | /'
noise="$(printf '%s\n' "$printed" | grep -E '^\[(INFO|WARNING|ERROR|DEBUG)\]|Download(ing|ed) from|BUILD (SUCCESS|FAILURE)|^WARNING: |^-{20,}')"
if [ -n "$noise" ]; then
    echo "FAIL: Maven's log among the printed lines:"
    printf '%s\n' "$noise" | head -n 10 | sed 's/^/    /'
    FAILED=1
fi
before_demo="$(printf '%s\n' "$printed" | sed -n '/Starting the RingCentral simulator/q;p')"
stray="$(printf '%s\n' "$before_demo" | grep -vE '^\[ *[0-9]+s\] ')"
if [ -n "$stray" ]; then
    echo "FAIL: before the demo's first step, lines that are not progress lines:"
    printf '%s\n' "$stray" | head -n 10 | sed 's/^/    /'
    FAILED=1
fi
previous=0
for step in "Building the demo with the Maven wrapper" "building \(([0-9]+)/\1\): Demo$" \
    "Starting the RingCentral simulator" "Starting Jetty on 127\.0\.0\.1:$PORT " "Ready: open "; do
    at=$(printf '%s\n' "$progress" | grep -nE "^\[ *[0-9]+s\] $step" | head -n 1 | cut -d: -f1)
    if [ -z "$at" ] || [ "$at" -le "$previous" ]; then
        echo "FAIL: the progress line '$step' is missing or out of order"
        FAILED=1
    else
        previous=$at
    fi
done
if ! printf '%s\n' "$printed" | grep -qF "Open:        $BASE/"; then
    echo "FAIL: the banner does not show $BASE/"
    FAILED=1
fi
if [ "$FAILED" -eq 0 ]; then
    echo "ok         it said what it was doing: progress lines in order, the banner, no Maven log"
fi

# check TITLE STATUS [EXPECTED TEXT ...] -- CURL ARGUMENTS
check() {
    local title=$1 status=$2
    shift 2
    local expected=()
    while [ "$1" != "--" ]; do
        expected+=("$1")
        shift
    done
    shift
    local answer got
    answer=$(curl -sS -i --max-time 60 "$@" 2>&1)
    got=$(printf '%s\n' "$answer" | head -n 1 | awk '{print $2}')
    local ok=1
    if [ "$got" != "$status" ]; then
        ok=0
    fi
    for text in "${expected[@]}"; do
        if ! printf '%s\n' "$answer" | grep -qF -- "$text"; then
            ok=0
            echo "    missing: $text"
        fi
    done
    if [ "$ok" -eq 1 ]; then
        echo "ok    $status  $title"
    else
        echo "FAIL  $title: expected $status, got ${got:-no answer}"
        printf '%s\n' "$answer" | sed 's/^/    /'
        FAILED=1
    fi
}

total() {
    curl -sS --max-time 30 "$BASE/demo/counters" | grep -o '"total":[0-9]*' | cut -d: -f2
}

SMS='{"to":"+15550100","text":"Hello from the demo"}'
JSON='Content-Type: application/json'
PROBLEM='Content-Type: application/problem+json'

check "JAX-RS: alice reads her messages" 200 '"subject":"Lunch at noon?"' -- \
    -H "Authorization: Bearer alice-token" "$BASE/api/messages"
check "JAX-RS: bob lacks ReadMessages" 403 "$PROBLEM" '"type":"urn:rcguard:permission-denied"' \
    '"permission":"ReadMessages"' '"code":"InsufficientPermissions"' -- \
    -H "Authorization: Bearer bob-token" "$BASE/api/messages"
check "CDI service: the Mailbox bean refuses bob too" 403 "$PROBLEM" '"permission":"ReadMessages"' \
    '"code":"InsufficientPermissions"' -- \
    -H "Authorization: Bearer bob-token" "$BASE/api/messages/unread-count"
check "Feature: alice sends an SMS" 200 '"status":"Queued"' -- \
    -X POST -H "Authorization: Bearer alice-token" -H "$JSON" -d "$SMS" "$BASE/api/sms"
check "Feature: carol's service plan has no SMSSending" 403 "$PROBLEM" '"feature":"SMSSending"' \
    '"code":"ServicePlanLimitation"' -- \
    -X POST -H "Authorization: Bearer carol-token" -H "$JSON" -d "$SMS" "$BASE/api/sms"
check "Admin: alice reads bob's call log" 200 '"extensionId":"400100200302"' -- \
    -H "Authorization: Bearer alice-token" "$BASE/api/extensions/400100200302/call-log"
check "Admin: bob may not read alice's call log" 403 "$PROBLEM" '"permission":"ReadCallLog"' -- \
    -H "Authorization: Bearer bob-token" "$BASE/api/extensions/400100200301/call-log"
check "web.xml filter: alice gets the call-volume report" 200 '"inbound":128' -- \
    -H "Authorization: Bearer alice-token" "$BASE/reports/call-volume"
check "web.xml filter: dave's token has expired" 401 "$PROBLEM" \
    'WWW-Authenticate: Bearer realm="RingCentral", error="invalid_token"' '"code":"OAU-128"' -- \
    -H "Authorization: Bearer dave-expired-token" "$BASE/reports/call-volume"

before=$(total)
check "No token at all" 401 "$PROBLEM" 'WWW-Authenticate: Bearer realm="RingCentral"' \
    '"type":"urn:rcguard:unauthenticated"' -- "$BASE/api/messages"
after=$(total)
if [ -n "$before" ] && [ "$before" = "$after" ] && [ "$before" -gt 0 ]; then
    echo "ok         no token: RingCentral was not asked (simulator calls stay at $after)"
else
    echo "FAIL  simulator call counter: before '$before', after '$after' (expected equal and positive)"
    FAILED=1
fi

# the ten requests above, as the application's PermissionCheckListener counted them: all live below the budgets
check "The live numbers after the ten requests" 200 'Content-Type: application/json' 'Cache-Control: no-store' \
    '{"application":"/","checks":10,"outcomes":{"granted":4,"denied":4,"unauthenticated":2,"unavailable":0}' \
    '"wouldRefuse":0,"calls":{"needed":11,"made":11,"saved":0,"reusedDecisions":0,"refusedForBudget":0}' \
    '"latencyMs":{"checks":10,"p50":' '"upstreamMs":{"calls":11,"mean":' -- "$BASE/demo/numbers"

check "The page at /" 200 '<script src="app.js"></script>' -- "$BASE/"
check "The rate-limit economy, for alice" 200 'Content-Type: application/json' '"user":"alice"' \
    '"rateLimitedAnswers":0' '"Light":{"ringCentral":{"limit":50,' -- "$BASE/demo/economy?user=alice"
check "The rate-limit economy: no such demo user" 400 'Content-Type: application/problem+json' \
    '"detail":"No such demo user; one of: alice, bob, carol, dave"' -- "$BASE/demo/economy?user=zed"

# The application at /session: alice signs in with RingCentral (the simulator) and the cookie jar keeps her session
check "Sign-in: /session/login redirects to RingCentral's sign-in" 302 "/restapi/oauth/authorize?response_type=code" \
    "code_challenge_method=S256" "login_hint=alice" "Path=/session; HttpOnly; SameSite=Lax" -- \
    -c "$JAR" -b "$JAR" "$BASE/session/login?user=alice"
signed_in=$(curl -sS -L --max-time 60 -c "$JAR" -b "$JAR" -o /dev/null \
    -w '%{http_code} %{num_redirects} %{url_effective}' "$BASE/session/login?user=alice")
if [ "$signed_in" = "200 3 $BASE/#login" ]; then
    echo "ok    200  Sign-in: alice, through RingCentral's sign-in and the callback, back at the page"
else
    echo "FAIL  Sign-in: expected '200 3 $BASE/#login' (status, redirects, final URL), got '$signed_in'"
    FAILED=1
fi
session_pages() {
    local when=$1
    check "Session, $when: JAX-RS page" 200 '"subject":"Lunch at noon?"' -- -b "$JAR" "$BASE/session/api/messages"
    check "Session, $when: CDI-intercepted page" 200 '{"unread":2}' -- \
        -b "$JAR" "$BASE/session/api/messages/unread-count"
    check "Session, $when: web.xml-filtered page" 200 '"inbound":128' -- \
        -b "$JAR" "$BASE/session/reports/call-volume"
}
session_pages "signed in"
check "Session: the state, no token" 200 '"signedIn":true' '"user":"alice"' '"refreshesInThisSession":0' \
    '"codeExchanges":1' -- -b "$JAR" "$BASE/session/demo/session"
check "Session: expire the access token now" 200 '"expired":true' -- -X POST -b "$JAR" "$BASE/session/demo/expire"
session_pages "after the expiry"
check "Session: the guard refreshed it once" 200 '"refreshesInThisSession":1' '"guardRefreshes":1' \
    '"refreshCalls":1' '"expired":false' -- -b "$JAR" "$BASE/session/demo/session"
check "Session: sign out" 303 'Location: /#login' -- -X POST -b "$JAR" -c "$JAR" "$BASE/session/logout"
check "Session, signed out: JAX-RS page" 401 "$PROBLEM" 'WWW-Authenticate: Bearer realm="RingCentral"' \
    '"type":"urn:rcguard:unauthenticated"' -- -b "$JAR" "$BASE/session/api/messages"
check "Session, signed out: web.xml-filtered page" 401 "$PROBLEM" 'WWW-Authenticate: Bearer realm="RingCentral"' -- \
    -b "$JAR" "$BASE/session/reports/call-volume"

# The root README's curl commands, exactly as it shows them, each answering the status its comment gives
bash .ci/readme.sh --curl "$BASE" || FAILED=1
