#!/bin/sh
# Support over SSH: 'kassa status' in text and JSON on a new store, with an
# open basket while the console runs, a receipt waiting, parked baskets and
# unresolved payments, an unreadable basket, damaged and missing databases;
# and the console watched read-only in tmux, as kassa-console.service runs
# it, with the keys typed there kept from the cashier.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (./quickstart installs it)"; exit 1; }

# The value after a label of the text form: "Open basket:    none" -> none.
field() { sed -n "s/^ *$1: *//p" "$work/out"; }
# status [ARGS]: run it, stdout in $work/out, stderr in $work/err, rc in $rc.
status() { "$KASSA" "$@" >"$work/out" 2>"$work/err"; rc=$?; }
# json PYTHON: assertions on the JSON in $work/out, as d.
json() {
	check "$1" python3 -c "import json, os, sys
d = json.load(open(sys.argv[1]))
$2" "$work/out" "$dbreal" "$schema" "$version"
}

version=$("$KASSA" --version); version=${version#kassa }
expect_in "--help lists status" "$("$KASSA" --help)" "status [--format text|json]"

# No database: what to do, and nothing that looks like a report.
status status
expect_eq "no database: exit 1" "$rc" 1
expect_in "no database: says how to make one" "$(cat "$work/err")" "kassa init"
expect_eq "no database: nothing on stdout" "$(cat "$work/out")" ""
status status --format json
expect_eq "no database, JSON: exit 1" "$rc" 1
expect_in "no database, JSON: says how to make one" "$(cat "$work/err")" "kassa init"

demo_store
dbreal=$(realpath "$db")
schema=$(sqlite3 "$db" "PRAGMA user_version")

status status --format xml
expect_eq "an unknown format: exit 2" "$rc" 2
expect_in "an unknown format: usage" "$(cat "$work/err")" "usage: kassa status [--format text|json]"
status status now
expect_eq "an operand: exit 2" "$rc" 2

# A new store, in text.
before=$(cksum <"$db")
status status
expect_eq "new store: exit 0" "$rc" 0
expect_eq "new store: nothing on stderr" "$(cat "$work/err")" ""
expect_eq "status changes nothing in the file" "$(cksum <"$db")" "$before"
expect_in "text: the version first" "$(head -n 1 "$work/out")" "kassa $version on "
expect_eq "text: the database" "$(field Database)" "$dbreal"
expect_eq "text: its size" "$(field size)" "$(stat -c %s "$db") bytes"
expect_eq "text: quick_check" "$(field check)" "ok"
expect_eq "text: the schema version" "$(field 'schema version')" "$schema"
expect_eq "text: the till" "$(field Till)" "1"
expect_eq "text: no open basket" "$(field 'Open basket')" "none"
expect_eq "text: no parked baskets" "$(field 'Parked baskets')" "0"
expect_eq "text: no receipts waiting" "$(field 'Receipts waiting')" "0"
expect_eq "text: no printer" "$(field Printer)" "none configured"
expect_eq "text: no unresolved payments" "$(field 'Unresolved payments')" "0"
expect_not_in "text: no warning" "$(cat "$work/out")" "***"
printf '[printer]\nuri = file:%s/printer.out\n' "$work" >"$work/printer.conf"
status --config "$work/printer.conf" status
expect_eq "text: the printer and what it says" "$(field Printer)" "file:$work/printer.out, unknown"
status --config "$work/printer.conf" status --format json
json "JSON: the printer" '
assert d["printer"]["uri"].startswith("file:") and d["printer"]["state"] == "unknown", d'
status status
expect_eq "text: fits 80 columns" "$(awk 'length > 80' "$work/out")" ""
expect_eq "text: plain, no escapes or colours" \
    "$(LC_ALL=C tr -d '\n -~' <"$work/out" | od -An -c)" ""

# The same in JSON: the keys, in order, and their values.
status status --format json
expect_eq "JSON: exit 0" "$rc" 0
json "JSON: a new store" '
assert list(d) == ["version", "database", "till", "open_basket",
    "parked_baskets", "receipts_waiting", "printer",
    "unresolved_payments"], list(d)
assert d["version"] == sys.argv[4], d
assert d["database"] == {"path": sys.argv[2],
    "size_bytes": os.path.getsize(sys.argv[2]), "quick_check": "ok",
    "schema_version": int(sys.argv[3])}, d
assert d["till"] == {"id": 1, "name": "1"}, d
assert d["open_basket"] is None, d
assert d["parked_baskets"] == 0 and d["receipts_waiting"] == 0, d
assert d["printer"] is None and d["unresolved_payments"] == 0, d'

# An open basket, read while the console has it open (and its WAL).
console_start 100 30
keys 6449818992727 Enter '2*6479602783736' Enter
screen_expect "the console has a basket of two lines" "TOTAL  5,63 €"
status status
expect_eq "open basket: exit 0" "$rc" 0
expect_eq "text: the open basket" "$(field 'Open basket')" "2 lines, total 5,63 €"
expect_in "text: the WAL is counted" "$(field size)" "of them in the WAL)"
status status --format json
json "JSON: the open basket, and the size with the WAL" '
assert d["open_basket"] == {"lines": 2, "total": 563}, d
wal = os.path.getsize(sys.argv[2] + "-wal")
assert wal > 0, wal
assert d["database"]["size_bytes"] == os.path.getsize(sys.argv[2]) + wal, d'
keys Delete
screen_expect "a line voided" "TOTAL  1,25 €"
status status --format json
json "JSON: a voided line is not counted" '
assert d["open_basket"] == {"lines": 1, "total": 125}, d'
status status
expect_eq "text: one line" "$(field 'Open basket')" "1 line, total 1,25 €"

# Paid: the basket is gone. The receipt is held (L, print later), so no
# background delivery takes it before it is released and counted here.
keys F9 l Enter
screen_expect "the sale is paid" "Receipt 1 saved"
keys C-q
screen_expect "the console quits" "kassa-exited-0"
sleep 0.3
sqlite3 "$db" "UPDATE outbox SET state = 'waiting'"
status status --format json
json "JSON: a paid sale leaves no basket; a waiting receipt is counted" '
assert d["open_basket"] is None, d
assert d["receipts_waiting"] == 1, d'
sqlite3 "$db" "UPDATE outbox SET state = 'done'"
status status --format json
json "JSON: a delivered receipt no longer waits" '
assert d["receipts_waiting"] == 0, d'

# Parked baskets and payment attempts, of this till and of another.
at="'2026-11-23 12:00:00'"
sqlite3 "$db" "INSERT INTO till (id, name) VALUES (2, 'Back');
INSERT INTO parked_basket (till_id, data, label, parked_at) VALUES
    (1, 'x', 'A', $at), (1, 'x', 'B', $at), (2, 'x', 'C', $at);
INSERT INTO payment_attempt (till_id, basket_id, method, amount, state,
    created_at) VALUES (1, 'p1', 'card', 500, 'pending', $at),
    (1, 'p2', 'card', 700, 'unknown', $at),
    (1, 'p3', 'card', 300, 'approved', $at),
    (1, 'p4', 'card', 300, 'declined', $at),
    (2, 'p5', 'card', 100, 'pending', $at)"
status status
expect_eq "unresolved payments: still exit 0" "$rc" 0
expect_eq "text: parked baskets of this till" "$(field 'Parked baskets')" "2"
expect_eq "text: unresolved payments, marked" "$(field 'Unresolved payments')" "2   <-- see above"
warn=$(grep -n '^\*\*\* 2 payment attempts on this till are unresolved' "$work/out" | cut -d: -f1)
dbline=$(grep -n '^Database:' "$work/out" | cut -d: -f1)
[ -n "$warn" ] && [ "$warn" -lt "$dbline" ] && ok "text: the unresolved payments come first" ||
    not_ok "text: the unresolved payments come first" "$(cat "$work/out")"
expect_eq "text: still fits 80 columns" "$(awk 'length > 80' "$work/out")" ""
status status --format json
json "JSON: parked and unresolved, this till only" '
assert d["parked_baskets"] == 2 and d["unresolved_payments"] == 2, d'
printf '[till]\nid = 2\nname = Back\n' >"$work/till2.conf"
status --config "$work/till2.conf" status --format json
json "JSON: the configured till decides" '
assert d["till"] == {"id": 2, "name": "Back"}, d
assert d["parked_baskets"] == 1 and d["unresolved_payments"] == 1, d'
status --config "$work/till2.conf" status
expect_eq "text: a till with a name" "$(field Till)" "2 (Back)"
expect_in "text: one attempt" "$(cat "$work/out")" "*** 1 payment attempt on this till is unresolved"
printf '[till]\nid = 3\n' >"$work/till3.conf"
status --config "$work/till3.conf" status
expect_eq "text: a till the database does not know" "$(field Till)" "3, not yet in the database"
sqlite3 "$db" "UPDATE payment_attempt SET state = 'declined'"

# A basket that cannot be read is reported, not skipped.
sqlite3 "$db" "INSERT INTO open_basket (till_id, data, updated_at)
    VALUES (1, 'kassa-basket 0' || char(10), $at)"
status status
expect_eq "an unreadable basket: exit 1" "$rc" 1
expect_not_in "text: the basket is there" "$(field 'Open basket')" "none"
[ -s "$work/err" ] && ok "an unreadable basket: the reason on stderr" ||
    not_ok "an unreadable basket: the reason on stderr"
status status --format json
json "JSON: an unreadable basket" '
b = d["open_basket"]
assert b["lines"] is None and b["total"] is None and b["error"], d'
sqlite3 "$db" "DELETE FROM open_basket"

# Damaged files. A table's root page zeroed: the file opens, the check fails.
cp "$db" "$work/damaged.db"
page=$(sqlite3 "$db" "PRAGMA page_size")
root=$(sqlite3 "$db" "SELECT rootpage FROM sqlite_schema WHERE name = 'item'")
python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek((int(sys.argv[3]) - 1) * int(sys.argv[2]))
    f.write(bytes(int(sys.argv[2])))' "$work/damaged.db" "$page" "$root"
status --db "$work/damaged.db" status
expect_eq "a damaged table: exit 1" "$rc" 1
expect_in "a damaged table: says so" "$(cat "$work/err")" "the database check found problems in $work/damaged.db"
expect_in "a damaged table: the problems in the report" "$(cat "$work/out")" "Page $root:"
expect_in "a damaged table: a warning first" "$(sed -n 3p "$work/out")" "*** The database check found problems"
status --db "$work/damaged.db" status --format json
json "JSON: a damaged table" '
assert d["database"]["quick_check"] not in ("", "ok"), d
assert d["open_basket"] is None and d["unresolved_payments"] == 0, d'
# Not a database at all.
python3 -c 'import random, sys
r = random.Random(1)
open(sys.argv[1], "wb").write(bytes(r.getrandbits(8) for _ in range(65536)))' "$work/random.db"
status --db "$work/random.db" status
expect_eq "random bytes: exit 1" "$rc" 1
expect_in "random bytes: names the file and the trouble" "$(cat "$work/err")" \
    "cannot open the database $work/random.db: database error: file is not a database"
expect_eq "random bytes: nothing on stdout" "$(cat "$work/out")" ""
# Cut short, as a full disk or a bad copy leaves it.
head -c 8192 "$db" >"$work/short.db"
status --db "$work/short.db" status
expect_eq "a truncated copy: exit 1" "$rc" 1
expect_in "a truncated copy: names the file" "$(cat "$work/err")" "$work/short.db"

# Watching the cashier's screen. tty1 is a pane of lib.sh's tmux server
# running the ExecStart of kassa-console.service (with this build's kassa
# and data, and a private socket); support is another pane, narrower than
# the console needs, attached read-only as kassa(1) says.
ro_sock="kassa-watch-$$"
# tmux leaves its socket behind when the server exits.
trap 'tmux -L "$ro_sock" kill-server 2>/dev/null
rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$ro_sock"; cleanup' EXIT
sed -n 's/^ExecStart=//p' "$top_srcdir/data/kassa-console.service.in" | sed \
    -e "s|^/usr/bin/tmux |tmux |" -e "s| -L kassa | -L $ro_sock |" \
    -e "s|@bindir@|$(dirname "$KASSA")|g" -e "s|@pkgdatadir@|$top_srcdir/data|g" \
    >"$work/execstart"
# tty1 DB: (re)start the unit's command on tty1 with KASSA_DB=DB.
tty1() {
	tmux -L "$tmux_sock" kill-session -t tty1 2>/dev/null
	tmux -L "$tmux_sock" -f /dev/null new-session -d -s tty1 -x 100 -y 30 \
	    "env -u TMUX KASSA_DB=\"$1\" sh \"$work/execstart\"; echo tty1-left-\$?; sleep 600"
}
on_tty1() { tmux -L "$tmux_sock" capture-pane -t tty1 -p; }
on_support() { tmux -L "$tmux_sock" capture-pane -t support -p; }
type_tty1() { tmux -L "$tmux_sock" send-keys -t tty1 "$@"; }
type_support() { tmux -L "$tmux_sock" send-keys -t support "$@"; }
# wait_for SCREEN TEXT: up to 10 s for TEXT on on_tty1 or on_support.
wait_for() {
	i=0
	until $1 | grep -qF "$2" || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}

# kassa fails to start: its message stays until Enter.
tty1 "$work/none.db"
wait_for on_tty1 "Press Enter"
expect_in "unit: a failing kassa's message stays" "$(on_tty1)" "there is no database at $work/none.db"
expect_in "unit: and says what to do" "$(on_tty1)" "kassa has stopped (see above). Press Enter to start it again."
type_tty1 Enter
wait_for on_tty1 "tty1-left-"
expect_in "unit: Enter ends it, for systemd to start again" "$(on_tty1)" "tty1-left-0"

demo_store "$work/watch.db"
tty1 "$work/watch.db"
wait_for on_tty1 "User number:"
expect_in "unit: the console on tty1 asks for a login" "$(on_tty1)" "User number:"
type_tty1 1 Enter
wait_for on_tty1 "PIN:"
type_tty1 1111 Enter
wait_for on_tty1 "Code:"
expect_in "unit: the cashier logged in" "$(on_tty1)" "Code:"
expect_eq "unit: in the tmux session kassa" \
    "$(tmux -L "$ro_sock" list-sessions -F '#{session_name}')" "kassa"
expect_eq "unit: with no status line" \
    "$(tmux -L "$ro_sock" show-options -gv status)" "off"
type_tty1 6479602783736 Enter
wait_for on_tty1 "TOTAL  2,19 €"
expect_in "unit: the cashier's keys reach the console" "$(on_tty1)" "Ruisleipä 500 g"
type_tty1 F9
wait_for on_tty1 "TO PAY"
expect_in "unit: F9 passes through tmux" "$(on_tty1)" "TO PAY  2,20 €"
type_tty1 Escape
wait_for on_tty1 "TOTAL  2,19 €"
expect_in "unit: and Esc" "$(on_tty1)" "TOTAL  2,19 €"
type_tty1 C-b c
type_tty1 C-b '"'
sleep 0.5
expect_eq "unit: the cashier cannot open a shell through tmux" \
    "$(tmux -L "$ro_sock" list-panes -s -t kassa | wc -l)" 1
# On a busy machine tmux may pass a Ctrl-B of those tries on to kassa,
# where it opens the sale-discount question (^B): Esc closes it, as a
# cashier would.
type_tty1 Escape
sleep 0.2
type_tty1 Escape
wait_for on_tty1 "Code:"

tmux -L "$tmux_sock" -f /dev/null new-session -d -s support -x 70 -y 40 \
    "env -u TMUX tmux -L \"$ro_sock\" attach -r -t kassa; echo support-left-\$?; sleep 600"
wait_for on_support "Ruisleipä"
expect_in "support sees the cashier's screen" "$(on_support)" "Ruisleipä 500 g"
expect_not_in "a narrow viewer does not shrink the cashier's screen" \
    "$(on_tty1)" "Terminal too small"
type_support 6449818992727 Enter
type_support C-q
type_support C-b c
type_support C-b :
type_support kill-server Enter
sleep 1
type_tty1 6449818992727 Enter
wait_for on_tty1 "TOTAL  3,44 €"
sleep 0.3
expect_in "the cashier's next scan counts" "$(on_tty1)" "TOTAL  3,44 €"
expect_eq "support's keys do not reach the console" \
    "$(on_tty1 | grep -c Kevytmaito)" 1
expect_eq "support opened no window" \
    "$(tmux -L "$ro_sock" list-windows -t kassa | wc -l)" 1
wait_for on_support "Kevytmaito"
expect_in "support sees what the cashier does" "$(on_support)" "Kevytmaito 1 l"
type_support C-b d
wait_for on_support "support-left-"
expect_in "Ctrl-B d leaves the view" "$(on_support)" "support-left-0"

# Ctrl-B d on tty1 detaches; the unit's command, started again, attaches.
type_tty1 C-b d
wait_for on_tty1 "tty1-left-"
expect_in "unit: Ctrl-B d on tty1 detaches" "$(on_tty1)" "tty1-left-0"
tty1 "$work/watch.db"
wait_for on_tty1 "TOTAL  3,44 €"
expect_in "unit: started again, it shows the same sale" "$(on_tty1)" "TOTAL  3,44 €"
type_tty1 C-q
wait_for on_tty1 "tty1-left-"
expect_in "unit: Ctrl-Q ends the session, for systemd to start again" "$(on_tty1)" "tty1-left-0"
tmux -L "$ro_sock" has-session 2>/dev/null && not_ok "unit: the tmux server ends with it" ||
    ok "unit: the tmux server ends with it"

finish
