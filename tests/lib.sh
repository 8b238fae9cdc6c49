# Shared by the integration tests: a private store, checks, a tmux console.
# Each test sources this, calls its checks and ends with 'finish'.
set -u

: "${KASSA:?KASSA must name the kassa binary (make check sets it)}"
: "${top_srcdir:?}"
export KASSA_DATADIR="${KASSA_DATADIR:-$top_srcdir/data}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/Helsinki

work=$(mktemp -d "${TMPDIR:-/tmp}/kassa-test.XXXXXX")
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
unset KASSA_DB KASSA_CONFIG LANGUAGE
db="$XDG_DATA_HOME/kassa/kassa.db"
passed=0
failed=0
tmux_sock="kassa-test-$$"

cleanup() {
	tmux -L "$tmux_sock" kill-server 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
not_ok() { failed=$((failed + 1)); printf 'not ok - %s\n' "$1"; shift; for l in "$@"; do printf '#   %s\n' "$l"; done; }

# check NAME COMMAND...: the command must succeed.
check() {
	name=$1; shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2" "want: $3"; fi
}

# expect_in NAME HAYSTACK NEEDLE
expect_in() {
	case $2 in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1" "missing: $3" "in: $2" ;;
	esac
}

expect_not_in() {
	case $2 in
	*"$3"*) not_ok "$1" "unexpected: $3" "in: $2" ;;
	*) ok "$1" ;;
	esac
}

# The console in a private tmux server; each start is a new session.
sess=0
console_start() {	# [cols rows [TERM]]
	old=$sess
	sess=$((sess + 1))
	tmux -L "$tmux_sock" -f /dev/null new-session -d -s "kassa$sess" \
	    -x "${1:-100}" -y "${2:-30}" \
	    "sh -c 'echo \$\$ >\"$work/console.pid\"; exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=${3:-screen} KASSA_LOCALEDIR=\"${KASSA_LOCALEDIR:-}\" ${CONSOLE_ENV:-} \"$KASSA\" --db \"$db\"'; echo kassa-exited-\$?; sleep 600"
	# The old session goes after the new one is up, so the server stays.
	if [ "$old" -gt 0 ]; then
		tmux -L "$tmux_sock" kill-session -t "kassa$old" 2>/dev/null || true
	fi
	screen_wait "kassa " || true
	# Log in as the demo's cashier (CONSOLE_USER="" leaves the login).
	if [ -n "${CONSOLE_USER-1}" ]; then
		console_login "${CONSOLE_USER:-1}" "${CONSOLE_PIN:-1111}"
	fi
}
# Log in: the user number, then the PIN.
console_login() {
	screen_wait "User number:" || true
	keys "$1" Enter
	screen_wait "PIN:" || true
	keys "$2" Enter
	screen_wait "Logged in" || true
}
keys() { tmux -L "$tmux_sock" send-keys -t "kassa$sess" "$@"; }
# Type as a person does, slower than a scanner (60 ms a key).
type_slow() {
	printf '%s\n' "$1" | fold -w1 | while IFS= read -r c; do
		tmux -L "$tmux_sock" send-keys -t "kassa$sess" -l "$c"
		sleep 0.06
	done
}
sql() { sqlite3 "$db" "$1"; }
screen() { tmux -L "$tmux_sock" capture-pane -t "kassa$sess" -p -J 2>/dev/null; }
resize() { tmux -L "$tmux_sock" resize-window -t "kassa$sess" -x "$1" -y "$2"; }
# Wait up to 30 s for text on the screen (sanitizer builds on a busy
# machine are slow; a pass takes milliseconds).
screen_wait() {
	i=0
	while [ $i -lt 300 ]; do
		case $(screen) in *"$1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# screen_expect NAME TEXT: wait for it, then count a pass or a failure.
screen_expect() {
	if screen_wait "$2"; then ok "$1"; else not_ok "$1" "screen lacks: $2" "$(screen)"; fi
}
console_pid() { cat "$work/console.pid"; }
# Kill the console with a signal and wait until it is gone.
console_kill() {
	pid=$(console_pid)
	kill "-$1" "$pid"
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# Closing line in the form the CI reader counts.
finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}

# A sale needs an open shift (issue 5): the demo store and a shift opened
# by its cashier (user 1, PIN 1111) with an empty float.
open_shift() {	# [DB]
	echo 1111 | "$KASSA" --db "${1:-$db}" shift open --user 1 --float 0 >/dev/null
}
demo_store() {	# [DB]
	"$KASSA" --db "${1:-$db}" init --demo >/dev/null && open_shift "${1:-$db}"
}
