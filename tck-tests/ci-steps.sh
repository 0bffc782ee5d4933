#!/usr/bin/env bash
# The TCK's CI steps: the suite on embedded Jetty, on WildFly and on Payara Micro, each server downloaded from Maven
# Central and unpacked under tck-tests/target/servers by the build. While the servers run, a watcher checks that no
# Java process listens on anything but loopback. Run from the repository root: bash tck-tests/ci-steps.sh
set -euo pipefail

MVN="${MVN:-mvn}"
# clean between profiles: the embedded profile's Arquillian extension (test classes) must not linger into the others.
MVN_ARGS=(-B -ntp -pl tck-tests)

# Prints every listening TCP socket of a java process bound to something other than loopback.
non_loopback_java_listeners() {
    ss -ltnpH 2>/dev/null | grep '"java"' | awk '{print $4}' \
        | grep -vE '^(127\.[0-9.]+|\[::1\]|\[::ffff:127\.[0-9.]+\]):[0-9]+$' || true
}

# Runs "$@" while sampling the listening sockets every 2 s; fails if any java socket left loopback.
with_loopback_watch() {
    local found
    found="$(mktemp)"
    (
        while true; do
            non_loopback_java_listeners >> "$found"
            sleep 2
        done
    ) &
    local watcher=$!
    local status=0
    "$@" || status=$?
    kill "$watcher" 2>/dev/null || true
    wait "$watcher" 2>/dev/null || true
    if [[ -s "$found" ]]; then
        echo "FAIL: a server listened beyond 127.0.0.1:" >&2
        sort -u "$found" >&2
        status=1
    else
        echo "loopback check: no java process listened beyond 127.0.0.1"
    fi
    rm -f "$found"
    return "$status"
}

command -v ss > /dev/null || { echo "ss (iproute2) is needed for the loopback check" >&2; exit 1; }

echo "== TCK: the modules it deploys, installed once (their own tests run in the main build)"
"$MVN" -B -ntp -pl tck-tests -am install -DskipTests

echo "== TCK on embedded Jetty 12 (default profile)"
"$MVN" "${MVN_ARGS[@]}" clean verify

echo "== TCK on WildFly"
with_loopback_watch "$MVN" "${MVN_ARGS[@]}" clean verify -Pwildfly

echo "== TCK on Payara Micro"
with_loopback_watch "$MVN" "${MVN_ARGS[@]}" clean verify -Ppayara
