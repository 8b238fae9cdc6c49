#!/bin/sh
# Two processes on one database: the console sells while other processes
# run the day's report, the catalog export, a receipt and the status in a
# loop. No sale may fail with "database is locked" and no report may fail.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
demo_store
console_start 100 30

sales=24
codes="6449818992727 6479602783736 64368641 6435825811434 6443219911226"

# Receipt 1 first, so that 'receipt show 1' has something to show.
keys 6449818992727 Enter
screen_expect "the first item is on the sale" "Items 1"
keys F9
screen_expect "the payment screen" "Cash given"
keys Enter
screen_expect "receipt 1 is saved" "Paid. Receipt 1 is saved"

# The readers: two loops of every command that reads the sales, as fast
# as they go, until the selling is over. Each run that fails is logged.
stop="$work/stop"
reader() {	# NAME
	n=0
	while [ ! -e "$stop" ]; do
		for cmd in "report z --format json" "catalog export" \
		    "receipt show 1" "status"; do
			# shellcheck disable=SC2086
			if ! out=$("$KASSA" $cmd 2>&1 >/dev/null); then
				printf '%s: kassa %s failed: %s\n' "$1" "$cmd" \
				    "$out" >>"$work/failures"
			fi
			n=$((n + 1))
		done
	done
	echo "$n" >"$work/runs.$1"
}
: >"$work/failures"
reader a &
pid_a=$!
reader b &
pid_b=$!

# The console sells meanwhile: each sale two or three scans, paid in cash.
# (not $i: screen_wait counts with it)
no=2
while [ $no -le $sales ]; do
	set -- $codes
	shift $((no % 3))
	keys "$1" Enter
	keys "$2" Enter
	[ $((no % 2)) -eq 0 ] && keys "$3" Enter
	keys F9
	if ! screen_wait "Cash given"; then
		not_ok "sale $no reaches the payment screen" "$(screen)"
		break
	fi
	keys Enter
	if screen_wait "Paid. Receipt $no is saved"; then
		ok "sale $no is saved while reports run"
	else
		not_ok "sale $no is saved while reports run" "$(screen)"
		break
	fi
	no=$((no + 1))
done
touch "$stop"
wait "$pid_a" "$pid_b"

expect_not_in "no sale met a locked database" "$(screen)" "locked"
expect_not_in "no sale failed to save" "$(screen)" "Could not save"
expect_eq "every sale is in the database" \
    "$(sql "SELECT count(*) || ' ' || max(receipt_no) FROM sale")" "$sales $sales"
expect_eq "no report, export, receipt or status run failed" \
    "$(cat "$work/failures")" ""
runs=$(($(cat "$work/runs.a") + $(cat "$work/runs.b")))
# The readers really ran beside the selling, many times.
if [ "$runs" -ge 40 ]; then
	ok "the readers ran $runs commands beside the console"
else
	not_ok "the readers ran beside the console" "only $runs runs"
fi
# And the day's report counts every sale the console made.
expect_in "the report sees every sale" \
    "$("$KASSA" report z --format json)" "\"receipts\": $sales"

keys C-q
finish
