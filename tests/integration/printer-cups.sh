#!/bin/sh
# kassa through a real CUPS: a private cupsd for this test alone (its own
# configuration, spool, logs and a Unix socket in the test's folder), a raw
# queue pointing at a TCP sink on 127.0.0.1, and kassa sent there with
# CUPS_SERVER. Needs cupsd and CUPS's socket backend (Debian: cups), which
# ./quickstart installs; without them the test is skipped.
. "$top_srcdir/tests/lib.sh"

cupsd=$(command -v cupsd || echo /usr/sbin/cupsd)
serverbin=/usr/lib/cups
if [ ! -x "$cupsd" ] || [ ! -x "$serverbin/backend/socket" ] ||
    ! command -v python3 >/dev/null; then
	echo "skip: needs cupsd, $serverbin/backend/socket and python3 (apt-get install cups python3)"
	exit 77
fi
lpadmin=$(command -v lpadmin || echo /usr/sbin/lpadmin)
cupsdisable=$(command -v cupsdisable || echo /usr/sbin/cupsdisable)
cupsenable=$(command -v cupsenable || echo /usr/sbin/cupsenable)

c="$work/cups"
mkdir -p "$c/spool/temp" "$c/log" "$c/cache" "$c/state" "$c/sink"
# cupsd runs the backend as lp when it runs as root: let it through.
chmod 755 "$work" "$c"
{
	echo "ServerRoot $c"
	echo "StateDir $c/state"
	echo "CacheDir $c/cache"
	echo "RequestRoot $c/spool"
	echo "TempDir $c/spool/temp"
	echo "AccessLog $c/log/access_log"
	echo "ErrorLog $c/log/error_log"
	echo "PageLog $c/log/page_log"
	echo "DataDir /usr/share/cups"
	echo "DocumentRoot /usr/share/cups/doc-root"
	echo "ServerBin $serverbin"
	echo "Printcap"
	if [ "$(id -u)" -ne 0 ]; then
		echo "User $(id -un)"
		echo "Group $(id -gn)"
	fi
} >"$c/cups-files.conf"
cat >"$c/cupsd.conf" <<CONF
Listen $c/cups.sock
LogLevel debug
Browsing Off
WebInterface No
DefaultAuthType None
<Location />
Order allow,deny
Allow all
</Location>
<Policy default>
<Limit All>
Order deny,allow
</Limit>
</Policy>
CONF

sink_pid=
cupsd_pid=
stop_all() {
	[ -n "$cupsd_pid" ] && kill "$cupsd_pid" 2>/dev/null && wait "$cupsd_pid" 2>/dev/null
	[ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null
	cupsd_pid= sink_pid=
}
trap 'stop_all; cleanup' EXIT

python3 "$top_srcdir/tests/printer-sink.py" "$c/sink" &
sink_pid=$!
"$cupsd" -f -c "$c/cupsd.conf" -s "$c/cups-files.conf" >"$c/log/cupsd.out" 2>&1 &
cupsd_pid=$!
i=0
while { [ ! -S "$c/cups.sock" ] || [ ! -s "$c/sink/port" ]; } && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
check "the private cupsd listens on its socket" test -S "$c/cups.sock"
port=$(cat "$c/sink/port")
export CUPS_SERVER="$c/cups.sock"
# A raw queue: -m raw is deprecated in CUPS 2.4 but still works.
check "a raw queue to the sink" "$lpadmin" -h "$c/cups.sock" -p kassa -E \
    -v "socket://127.0.0.1:$port" -m raw

demo_store
out=$("$KASSA" printer test cups:kassa --profile epson-tm-t88 2>&1); rc=$?
expect_eq "cups: the job completes" "$rc" 0
expect_in "cups: says so" "$out" "printed the test receipt to cups:kassa"
i=0
while [ ! -s "$c/sink/received" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
text=$("$ESCPOS_DECODE" epson-tm-t88 "$c/sink/received" 2>&1)
expect_in "cups: the sink got bytes that decode" "$text" "ä ö å Ä Ö Å € 12,50"
expect_in "cups: the store's name" "$text" "Kauppa"
expect_in "cups: the codes and the cut" "$text" "[QR KASSA-TEST]

[cut]"
expect_eq "cups: the bytes are exactly kassa's" \
    "$(wc -c <"$c/sink/received" | tr -d ' ')" \
    "$(echo "$out" | sed -n 's/.*, \([0-9]*\) bytes)$/\1/p')"

out=$("$KASSA" printer status cups:kassa 2>&1); rc=$?
expect_in "cups: an enabled queue is ok" "$out" "status: ok"
expect_eq "cups: ok exits 0" "$rc" 0

# A stopped queue: the job waits; kassa gives up, cancels it and says why.
"$cupsdisable" -h "$c/cups.sock" -r "out of paper, says the test" kassa
out=$("$KASSA" printer status cups:kassa 2>&1); rc=$?
expect_in "cups: a stopped queue is offline" "$out" "status: offline"
expect_eq "cups: offline exits 1" "$rc" 1
before=$(wc -c <"$c/sink/received")
"$KASSA" printer test cups:kassa --timeout 2 >"$work/out" 2>"$work/err"; rc=$?
err=$(cat "$work/err")
expect_eq "cups: a stopped queue fails the print" "$rc" 1
expect_in "cups: the message says the queue is stopped" "$err" "CUPS queue kassa is stopped: out of paper, says the test"
expect_in "cups: ... and that the job was cancelled" "$err" "was cancelled"
"$cupsenable" -h "$c/cups.sock" kassa
sleep 1
expect_eq "cups: the cancelled job never prints later" \
    "$(wc -c <"$c/sink/received")" "$before"
# A cash sale at the console prints through CUPS; with the queue stopped,
# the next receipt goes down the chain to the PDF folder instead.
printf '[printer]\nuri = cups:kassa\nprofile = epson-tm-t88\n[receipts]\nchain = printer, pdf:%s/pdf\n' \
    "$work" >"$work/kassa.conf"
CONSOLE_ENV="KASSA_CONFIG=$work/kassa.conf KASSA_PRINTERDIR=$KASSA_PRINTERDIR CUPS_SERVER=$CUPS_SERVER"
before=$(wc -c <"$c/sink/received")
console_start 100 30
keys 6449818992727 Enter F9 Enter
screen_expect "cups: a cash sale at the console" "Receipt 1 saved"
i=0
while [ "$(sqlite3 "$db" "SELECT state FROM outbox WHERE id = 1")" != done ] && [ $i -lt 200 ]; do
	sleep 0.1; i=$((i + 1))
done
expect_eq "cups: the sale's receipt went to the printer" \
    "$(sqlite3 "$db" "SELECT delivered_to FROM outbox WHERE id = 1")" printer
i=0
while [ "$(wc -c <"$c/sink/received")" -le "$before" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
tail -c +$((before + 1)) "$c/sink/received" >"$work/sale.bin"
text=$("$ESCPOS_DECODE" epson-tm-t88 "$work/sale.bin" 2>&1)
expect_in "cups: the printer got the sale's receipt" "$text" "Kevytmaito 1 l"
expect_in "cups: and opened the drawer for the cash" "$text" "kick 1]"
"$cupsdisable" -h "$c/cups.sock" -r "cover open, says the test" kassa
keys 301 Enter F9 Enter
screen_expect "cups: a second sale" "Receipt 2 saved"
i=0
while [ "$(sqlite3 "$db" "SELECT state FROM outbox WHERE id = 2")" != done ] && [ $i -lt 300 ]; do
	sleep 0.1; i=$((i + 1))
done
expect_eq "cups: a stopped queue sends it to the PDF folder" \
    "$(sqlite3 "$db" "SELECT delivered_to FROM outbox WHERE id = 2")" "pdf:$work/pdf"
check "cups: as a PDF" test -s "$work/pdf/receipt-1-2.pdf"
screen_expect "cups: the status line says why" "PRINTER:"
keys C-q
screen_expect "cups: quit" "kassa-exited-0"
"$cupsenable" -h "$c/cups.sock" kassa

"$KASSA" printer status cups:nosuch >/dev/null 2>"$work/err"; rc=$?
expect_eq "cups: an unknown queue exits 1" "$rc" 1
expect_in "cups: an unknown queue says so" "$(cat "$work/err")" "does not exist"

finish
