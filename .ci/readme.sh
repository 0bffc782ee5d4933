#!/usr/bin/env bash
# The README's examples are the project's own code, and its commands are ones CI runs:
#   - a ```java or ```xml block whose first line is a comment naming a file of the repository shows that file: every
#     other non-blank line of the block is a line of the file (spaces around it aside), in the same order; the README
#     may leave lines out, it adds none. Any other java block fails: an example nobody compiles is not shown;
#   - every version the README gives a dev.rcguard artifact is the project's;
#   - every other command the README shows (./mvnw ..., demo/run.sh) is run by .ci/run (or by demo/smoke.sh, which
#     .ci/run runs);
#   - with --curl BASE (the demo running at BASE), every curl command is run against BASE and must answer the status
#     its comment line begins with.
#
#   .ci/readme.sh                          # the static checks, from the repository root
#   .ci/readme.sh --curl http://127.0.0.1:8080
set -uo pipefail
cd "$(dirname "$0")/.."
readme=README.md
failed=0
fail() { echo "FAIL  README.md: $*"; failed=1; }

# Every fenced block as: a line "@@ LANGUAGE LINE_NUMBER", then its lines.
blocks() {
    awk '/^```/ { if (inside) { inside = 0 } else { inside = 1; print "@@ " substr($0, 4) " " NR }; next }
         inside { print }' "$readme"
}

# Whether the lines of file $2 (trimmed, blank ones skipped) hold the lines of file $1 in order.
in_order() {
    awk 'function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
         NR == FNR { if (trim($0) != "") want[++n] = trim($0); next }
         i < n && trim($0) == want[i + 1] { i++ }
         END { if (i < n) { print want[i + 1]; exit 1 } }' "$1" "$2"
}

if [ "${1:-}" = "--curl" ]; then
    base="${2:?the demo base URL}"
    expected=""
    ran=0
    while IFS= read -r line; do
        case "$line" in
            "# "[0-9][0-9][0-9]*) expected="${line:2:3}" ;;
            curl\ *)
                command="${line//http:\/\/127.0.0.1:8080/$base}"
                got=$(eval "$command -s -o /dev/null -w '%{http_code}' --max-time 60")
                if [ "$got" = "$expected" ]; then
                    echo "ok    $got  README: $line"
                else
                    fail "expected $expected, got $got: $line"
                fi
                ran=$((ran + 1))
                expected=""
                ;;
        esac
    done < <(blocks | awk '/^@@ /{ sh = ($2 == "bash" || $2 == "sh") ; next } sh')
    [ "$ran" -gt 0 ] || fail "no curl command found"
    exit "$failed"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
blocks | awk -v dir="$scratch" '/^@@ / { n++; file = dir "/" n "." $2; print $3 > (dir "/" n ".line"); next }
                                { print > file }'
for block in "$scratch"/*.java "$scratch"/*.xml; do
    [ -e "$block" ] || continue
    at=$(cat "${block%.*}.line")
    first=$(head -n 1 "$block")
    source=$(printf '%s\n' "$first" | sed -nE 's@^ *(//|<!--) *([^ ]+\.[a-z]+) *(-->)? *$@\2@p')
    if [ -z "$source" ] || [ ! -f "$source" ]; then
        case "$block" in
            *.java) fail "line $at: a java example that names no file of the repository: $first" ;;
        esac
        continue
    fi
    tail -n +2 "$block" > "$scratch/shown"
    if ! missing=$(in_order "$scratch/shown" "$source"); then
        fail "line $at: not in $source (or not in its order): $missing"
    fi
done

version=$(sed -n '0,/<version>/s@.*<version>\(.*\)</version>.*@\1@p' pom.xml)
while IFS= read -r stated; do
    [ "$stated" = "$version" ] || fail "a dev.rcguard version $stated, the project's is $version"
done < <(grep -A2 '<groupId>dev.rcguard</groupId>' "$readme" | sed -n 's@.*<version>\(.*\)</version>.*@\1@p')

# A command's words as CI runs them: ./mvnw through .ci/run's mvnw function (the same words after "mvnw"), the
# demo's script by demo/smoke.sh (START=(demo/run.sh)); each must be followed by the end of its line, a space, ) or ".
while IFS= read -r command; do
    command="${command%%#*}"
    command="$(printf '%s' "$command" | sed -E 's/[[:space:]]+$//')"
    case "$command" in
        ./mvnw\ *) want="mvnw ${command#./mvnw }" ;;
        *) want="$command" ;;
    esac
    if ! awk -v want="$want" '{ at = index($0, want); rest = substr($0, at + length(want), 1) }
            at && (rest == "" || rest == " " || rest == ")" || rest == "\"") { found = 1 } END { exit !found }' \
            .ci/run demo/smoke.sh; then
        fail "a command CI does not run: $command"
    fi
done < <(blocks | awk '/^@@ /{ sh = ($2 == "bash" || $2 == "sh"); next } sh && !/^#/ && !/^curl / && NF')

[ "$failed" -eq 0 ] && echo "README.md: every example is the project's code, every command one CI runs"
exit "$failed"
