#!/usr/bin/env bash
# Start-up profile of the release build: where the instructions and the peak memory go up to
# the first screen. Needs valgrind and tmux (Debian: apt-get install valgrind tmux).
#
# Usage (from the repository root, after `cargo build --release`):
#   benches/profile.sh [ARGS...]        e.g. benches/profile.sh --handbook /tmp/big
#
# 1. callgrind: the program in a 100x30 tmux window until its first screen is complete, then q.
#    Instruction counts do not depend on what else the machine is doing, unlike times.
# 2. memory: the same first screen without valgrind; VmHWM and resident kB per mapping.
# 3. dhat: the heap's peak and totals over the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/achilles-handbook
out=${PROFILE_OUT:-$(mktemp -d /tmp/profile.XXXXXX)}
session=profile$$

# Runs "$@" in a 100x30 tmux window, waits for the status line's Top/All (the first screen is
# complete), runs the hook named by $HOOK, then quits with q and waits for the exit.
first_screen() {
    tmux new -d -s "$session" -x 100 -y 30 "$*"
    for _ in $(seq 1 1200); do
        tmux capture-pane -t "$session" -p 2>/dev/null | tail -1 | grep -qE ' (Top|All)' && break
        sleep 0.05
    done
    sleep 0.5
    if [ -n "${HOOK:-}" ]; then "$HOOK"; fi
    tmux send-keys -t "$session" q
    for _ in $(seq 1 600); do tmux has-session -t "$session" 2>/dev/null || return 0; sleep 0.1; done
    tmux kill-session -t "$session"
}

memory() {
    local pid
    pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
    grep -E 'VmHWM|RssAnon|RssFile' "/proc/$pid/status"
    awk '/^[0-9a-f]+-[0-9a-f]+ /{n=$6; if (n=="") n="[anon]"; p=$2}
         /^Rss:/{r[n" "p]+=$2}
         END{for (k in r) if (r[k] > 0) printf "%8d kB  %s\n", r[k], k}' "/proc/$pid/smaps" |
        sort -rn | head -12
}

echo "== callgrind (instructions), $bin $*"
first_screen valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$bin" "$@"
callgrind_annotate --inclusive=yes "$out/callgrind.out" 2>/dev/null |
    grep -E 'PROGRAM TOTALS|achilles_handbook::(main|content::load::load|content::embedded|content::load::parse_chapters|content::clean::clean_line|content::interface::load|search::index::Index::build|terminal::run|view::draw|screen::Screen<W>::show|doc::Doc::build|cli::parse_from)( |$)' |
    head -20

echo "== memory at the first screen"
HOOK=memory first_screen "$bin" "$@"

echo "== dhat (heap)"
first_screen valgrind --tool=dhat --log-file="$out/dhat.log" --dhat-out-file="$out/dhat.out" "$bin" "$@"
grep -E 'Total:|At t-gmax:' "$out/dhat.log" || cat "$out/dhat.log"
echo "(files kept in $out)"
