#!/bin/sh
# kassa printer test and status against a file and a network printer: a
# TCP sink on 127.0.0.1 (tests/printer-sink.py) that keeps the bytes and
# answers DLE EOT with the status the test scripts.
. "$top_srcdir/tests/lib.sh"

decode() { "$ESCPOS_DECODE" "$@"; }
sink_pid=
sink_start() {	# DIR [--mode close]
	mkdir -p "$1"
	rm -f "$1/port"
	python3 "$top_srcdir/tests/printer-sink.py" "$@" &
	sink_pid=$!
	i=0
	while [ ! -s "$1/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	port=$(cat "$1/port")
}
sink_stop() {
	[ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null
	sink_pid=
}
trap 'sink_stop; cleanup' EXIT

demo_store

# file: the bytes decode to the test receipt.
out=$("$KASSA" printer test "file:$work/out.bin" --profile epson-tm-t88)
expect_in "test to a file says where" "$out" "printed the test receipt to file:$work/out.bin (Epson TM-T88 / TM-T20"
text=$(decode epson-tm-t88 "$work/out.bin")
expect_in "the store's name from the database" "$text" "Kauppa"
expect_in "the letters and the euro sign survive CP858" "$text" "ä ö å Ä Ö Å € 12,50"
expect_in "the ruler is one line of 42 columns" "$text" "123456789012345678901234567890123456789012
ä"
expect_in "the total, double size" "$text" "TOTAL         12,50 €"
expect_in "a barcode" "$text" "[CODE128 KASSA-TEST]"
expect_in "a QR code" "$text" "[QR KASSA-TEST]"
expect_in "CP858 selected, one ESC @, a partial cut" "$text" "[inits 1 codepage 19 cut 1 kick 0]"

# A second test appends; 58 mm uses 32 columns and has no cutter.
"$KASSA" printer test "file:$work/58.bin" --profile generic-58mm >/dev/null
text=$(decode generic-58mm "$work/58.bin")
expect_in "58 mm: 32 columns" "$text" "12345678901234567890123456789012
ä ö å"
expect_in "58 mm: no cut" "$text" "cut 0"

# The configured printer and profile.
mkdir -p "$XDG_CONFIG_HOME/kassa"
printf '[printer]\nuri = file:%s/conf.bin\nprofile = generic-58mm\n' "$work" \
    >"$XDG_CONFIG_HOME/kassa/kassa.conf"
out=$("$KASSA" printer test)
expect_in "without a URI: [printer] uri and profile" "$out" "file:$work/conf.bin (Generic ESC/POS 58 mm"
check "and the bytes decode" decode generic-58mm "$work/conf.bin"
"$KASSA" printer status >"$work/st" 2>&1; rc=$?
expect_eq "a file cannot tell: exit 1" "$rc" 1
expect_in "a file cannot tell: unknown" "$(cat "$work/st")" "status: unknown"
rm "$XDG_CONFIG_HOME/kassa/kassa.conf"
"$KASSA" printer test 2>"$work/err"; rc=$?
expect_eq "no printer at all: exit 2" "$rc" 2
expect_in "no printer: says where to set one" "$(cat "$work/err")" "[printer] section of kassa.conf"
"$KASSA" printer test nonsense:x 2>"$work/err"; rc=$?
expect_eq "an unknown scheme: exit 1" "$rc" 1
expect_in "an unknown scheme: lists the good ones" "$(cat "$work/err")" "socket:HOST[:PORT]"
"$KASSA" printer test "file:$work/x.bin" --profile nosuch 2>"$work/err"; rc=$?
expect_eq "an unknown profile: exit 1" "$rc" 1
expect_in "an unknown profile: names the file" "$(cat "$work/err")" "nosuch.profile"

# socket: the bytes arrive and decode.
sink_start "$work/sink"
out=$("$KASSA" printer test "socket:127.0.0.1:$port" --profile epson-tm-t88)
expect_in "socket: printed" "$out" "printed the test receipt to socket:127.0.0.1:$port"
sleep 0.2
text=$(decode epson-tm-t88 "$work/sink/received")
expect_in "socket: the sink got a receipt that decodes" "$text" "ä ö å Ä Ö Å € 12,50"
expect_in "socket: ... to the cut" "$text" "[cut]"

# socket: status from scripted DLE EOT answers.
status() {	# NAME "n1 n2 n3 n4" WANT-TEXT WANT-RC
	echo "$2" >"$work/sink/status"
	out=$("$KASSA" printer status "socket:127.0.0.1:$port" --timeout 2 2>&1); rc=$?
	expect_in "status $1" "$out" "status: $3"
	expect_eq "status $1: exit $4" "$rc" "$4"
}
status "ok" "16 12 12 12" "ok" 0
status "paper low" "16 12 12 1e" "paper low" 1
status "paper out" "1e 32 12 72" "paper out" 1
status "cover open" "1e 16 12 12" "cover open" 1
status "offline" "1e 12 12 12" "offline" 1
status "no answer" "-" "unknown" 1
status "a garbled answer" "ff ff ff ff" "unknown" 1
expect_in "status names the device" "$out" "device: socket 127.0.0.1 port $port"
sink_stop

# A printer that accepts and hangs up; one that is not there.
sink_start "$work/closer" --mode close
"$KASSA" printer test "socket:127.0.0.1:$port" --timeout 3 >/dev/null 2>"$work/err"; rc=$?
expect_eq "a printer that hangs up unread: exit 1" "$rc" 1
expect_in "a printer that hangs up unread: says so" "$(cat "$work/err")" "the printer dropped the connection"
sink_stop
"$KASSA" printer status "socket:127.0.0.1:$port" --timeout 2 >"$work/out" 2>"$work/err"; rc=$?
expect_eq "nobody listening: exit 1" "$rc" 1
expect_in "nobody listening: offline" "$(cat "$work/out")" "status: offline"
expect_in "nobody listening: says why" "$(cat "$work/err")" "Connection refused"
"$KASSA" printer test "socket:127.0.0.1:$port" 2>"$work/err"; rc=$?
expect_eq "printing to nobody: exit 1" "$rc" 1
expect_in "printing to nobody: says why" "$(cat "$work/err")" "Connection refused"

finish
