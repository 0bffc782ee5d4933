#!/usr/bin/env bash
# Builds the demo with the Maven wrapper and runs it until Ctrl-C, saying what it does instead of showing Maven's log
# (which goes to demo/target/demo-build.log):
#
#   demo/run.sh                      # http://127.0.0.1:8080/
#   demo/run.sh --port 9090          # or -Ddemo.port=9090; --token-lifetime N or -Ddemo.token-lifetime=N likewise
#   RCGUARD_SERVER_URL=https://platform.ringcentral.com demo/run.sh
#
# It runs ./mvnw -B -pl demo -am package -DskipTests -Pdemo (any other argument goes to Maven) and prints
#
#   [  0s] Building the demo with the Maven wrapper, then starting it (Maven's log: demo/target/demo-build.log)
#   [  2s] Fetching plugins and libraries from Maven Central (first run only; a few minutes)...
#   [ 22s]   ... still fetching plugins and libraries (412 files so far)
#   [ 71s] building (3/6): Core
#   ...
#   [ 98s] Starting the RingCentral simulator (...)...
#   [ 99s] Starting Jetty on 127.0.0.1:8080 with the demo application (Weld, RESTEasy and the guard)...
#   ...the demo's banner: its users and a curl command per request...
#   [104s] Ready: open http://127.0.0.1:8080/ (Ctrl-C stops it)
#
# and, when it has said nothing for 20 s, what it is still doing ("  ... still building Demo"). The exit code is
# Maven's: 1 for a port in use, 130 after Ctrl-C.
set -uo pipefail
cd "$(dirname "$0")/.."

log=demo/target/demo-build.log
port=8080
maven_args=()
while [ $# -gt 0 ]; do
    case "$1" in
    --port | --token-lifetime)
        if [ $# -lt 2 ]; then
            echo "$1 needs a value" >&2
            exit 2
        fi
        maven_args+=("-Ddemo.${1#--}=$2")
        [ "$1" != --port ] || port="$2"
        shift 2
        ;;
    -Ddemo.port=*)
        port="${1#-Ddemo.port=}"
        maven_args+=("$1")
        shift
        ;;
    *)
        maven_args+=("$1")
        shift
        ;;
    esac
done

started=$SECONDS
say() { printf '[%3ds] %s\n' "$((SECONDS - started))" "$1"; }

# Before a build of minutes, not after it: the demo itself says the same when the port is taken later.
if [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && (: < "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "Port $port is already in use; start with --port N (with Maven: -Ddemo.port=N)" >&2
    exit 1
fi

# Maven's lines, read as they come: a few become progress lines, the demo's own lines pass, all go to the log; when
# nothing was said for 20 s, what it is still doing.
report() {
    trap '' INT # Ctrl-C is for Maven and the demo; this reads on until they have said their last line
    local line pending="" phase="$first_phase" fetched=0 said=$SECONDS demo=0 status
    : > "$log"
    while :; do
        if IFS= read -r -t 5 line; then
            handle "$pending$line"
            pending=""
        else
            status=$?
            if [ "$status" -le 128 ]; then # the end of the output
                [ -z "$pending$line" ] || handle "$pending$line"
                break
            fi
            pending="$pending$line" # 5 s without a whole line
        fi
        if [ -n "$phase" ] && [ $((SECONDS - said)) -ge 20 ]; then
            if [ "$phase" = "fetching plugins and libraries" ]; then
                tell "  ... still $phase ($fetched files so far)"
            else
                tell "  ... still $phase"
            fi
        fi
    done
}

tell() {
    say "$1"
    said=$SECONDS
}

# One line of Maven's output, in report's variables.
handle() {
    local line=$1 building='^\[INFO\] Building (.+) [^ ]+ +\[([0-9]+)/([0-9]+)\]$' name
    printf '%s\n' "$line" >> "$log"
    if [ "$demo" -eq 1 ]; then
        case "$line" in
        "Starting the RingCentral simulator"* | "Using RingCentral "*)
            tell "$line"
            phase="starting the simulator"
            ;;
        "Starting Jetty "*)
            tell "$line"
            phase="starting Jetty and the demo application"
            ;;
        "Ready: "*)
            tell "$line"
            phase=""
            ;;
        *) printf '%s\n' "$line" ;;
        esac
        return
    fi
    case "$line" in
    "[INFO] Downloading from "*)
        if [ "$phase" != "fetching plugins and libraries" ]; then
            tell "Fetching plugins and libraries from Maven Central (first run only; a few minutes)..."
            phase="fetching plugins and libraries"
        fi
        ;;
    "[INFO] Downloaded from "*) fetched=$((fetched + 1)) ;;
    "[INFO] --- exec:"*":java (run-demo) @ rcguard-demo ---")
        demo=1
        phase="starting the demo"
        ;;
    "[INFO] Building "*)
        if [[ "$line" =~ $building ]]; then
            name="${BASH_REMATCH[1]#RingCentral Permission Guard :: }"
            [ "$name" != "RingCentral Permission Guard" ] || name="the parent POM"
            tell "building (${BASH_REMATCH[2]}/${BASH_REMATCH[3]}): $name"
            phase="building $name"
        fi
        ;;
    "[INFO] Scanning for projects...") phase="reading the project" ;;
    "["*) ;;         # the rest of Maven's log
    "WARNING: "*) ;; # the JVM's own warnings about Maven's libraries (newer JDKs)
    *) printf '%s\n' "$line" ;;
    esac
}

mkdir -p demo/target
say "Building the demo with the Maven wrapper, then starting it (Maven's log: $log)"
distribution="$(sed -n 's|^distributionUrl=.*/\(apache-maven-[^/]*\)-bin\.zip$|\1|p' .mvn/wrapper/maven-wrapper.properties)"
first_phase="starting Maven"
if ! ls -d "${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists/$distribution"* > /dev/null 2>&1; then
    say "Fetching ${distribution:-Maven} for the wrapper (first run only)..."
    first_phase="fetching ${distribution:-Maven}"
fi
./mvnw -B -pl demo -am package -DskipTests -Pdemo ${maven_args[@]+"${maven_args[@]}"} 2>&1 | report
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ] && ! grep -q '^Ready: ' "$log"; then
    if [ "$status" -eq 130 ]; then
        say "Stopped before the demo started."
    elif grep -q '^\[ERROR\]' "$log"; then
        say "The build failed. Maven said:"
        grep '^\[ERROR\]' "$log" | head -n 40
        echo "Maven's whole log: $log"
    fi
fi
exit "$status"
