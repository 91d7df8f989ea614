#!/usr/bin/env bash
# Takes the README's screenshots: the handbook in a real xterm on a virtual X display, on a
# black and on a white background, at 80x24 and 100x30. Keys reach the program through tmux
# (status line off) running inside the xterm. Needs Xvfb, xterm, tmux and ImageMagick
# (Debian: apt-get install xvfb xterm tmux imagemagick); writes docs/*.png.
#
#   docs/screenshots.sh [path/to/achilles-handbook]
set -euo pipefail

cd "$(dirname "$0")/.."
bin=${1:-target/release/achilles-handbook}
if [[ ! -x $bin ]]; then
    cargo build --release
fi
for tool in Xvfb xterm tmux import convert; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xvfb xterm tmux imagemagick)" >&2; exit 1; }
done

work=$(mktemp -d)
display=:$((200 + $$ % 500))
Xvfb "$display" -screen 0 1400x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
socket=shots-$$
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do [[ -S /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
export DISPLAY=$display
printf 'set -g status off\nset -g default-terminal xterm\n' >"$work/tmux.conf"

# Waits (up to 10 s) until the pane shows $1.
wait_for() {
    for _ in $(seq 100); do
        tmux -L "$socket" capture-pane -p -t shot 2>/dev/null | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    echo "timed out waiting for: $1" >&2
    tmux -L "$socket" capture-pane -p -t shot >&2 || true
    return 1
}

# shot NAME SHADE COLSxROWS TEXT-TO-WAIT-FOR [KEYS...]
shot() {
    local name=$1 shade=$2 size=$3 ready=$4
    shift 4
    local fg=black bg=white
    [[ $shade == dark ]] && { fg=white; bg=black; }
    xterm -fa 'DejaVu Sans Mono' -fs 11 -fg "$fg" -bg "$bg" -geometry "$size+0+0" \
        -e tmux -L "$socket" -f "$work/tmux.conf" new-session -s shot \
        "$bin" --background "$shade" &
    local xterm=$!
    wait_for "1 Overview"
    for key in "$@"; do
        tmux -L "$socket" send-keys -t shot "$key"
    done
    wait_for "$ready"
    # The pane has the frame; give xterm a moment to paint it, then take the window.
    sleep 0.5
    local id
    id=$(xwininfo -root -tree | awk '/"xterm"/ { print $1; exit }')
    import -window "$id" "$work/$name.png"
    convert "$work/$name.png" -colors 32 -strip "docs/$name.png"
    tmux -L "$socket" kill-server
    wait "$xterm" 2>/dev/null || true
    echo "docs/$name.png"
}

shot overview-dark-80x24 dark 80x24 "KEY POINTS"
shot overview-light-80x24 light 80x24 "KEY POINTS"
shot rupture-dark-100x30 dark 100x30 "What it feels like" 3
shot contact-light-100x40 light 100x40 "Point your phone" 7 c
