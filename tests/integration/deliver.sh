#!/bin/sh
# Receipts down the fallback chain, with real parts: a TCP receipt printer
# on 127.0.0.1, a file printer, a PDF folder and an SMTP server. Nothing is
# lost, nothing is printed twice, not even after a crash in the middle.
. "$top_srcdir/tests/lib.sh"

py=/usr/bin/python3
: "${ESCPOS_DECODE:?}"
demo_store

# The printer: a TCP sink that records what it is sent and answers status
# queries as tests/printer-sink.py says (here: all well).
mkdir -p "$work/sink"
echo "16 12 12 12" >"$work/sink/status"
$py "$top_srcdir/tests/printer-sink.py" "$work/sink" &
sink=$!
smtp=""
trap 'kill $sink $smtp 2>/dev/null; cleanup' EXIT
i=0
while [ ! -f "$work/sink/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$work/sink/port")
ln -s "$work/sink/received" "$work/printed.bin"
# A port nobody listens on: a printer that is off.
dead=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

conf() {	# CHAIN [more lines]
	{ printf '[printer]\nuri = socket:127.0.0.1:%s\nprofile = epson-tm-t88\n' "$port"
	  printf '[receipts]\nchain = %s\n' "$1"
	  printf '[email]\nserver = smtp://127.0.0.1:%s\nfrom = kassa@example.invalid\nstarttls = no\ntimeout = 3\n' "${smtp_port:-1}"
	} >"$work/kassa.conf"
}
export KASSA_CONFIG="$work/kassa.conf"
CONSOLE_ENV="KASSA_CONFIG=$work/kassa.conf KASSA_PRINTERDIR=$KASSA_PRINTERDIR"

wait_for() {	# SQL EXPECTED
	i=0
	while [ "$(sql "$1")" != "$2" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}

# 1. The printer is up: a cash sale prints there, the drawer opens.
conf "printer, email, pdf:$work/pdf"
console_start 100 30
keys 6449818992727 Enter F9 Enter
screen_expect "sale 1 is paid" "Receipt 1 saved"
wait_for "SELECT state FROM outbox WHERE id = 1" done
expect_eq "receipt 1 went to the printer" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 1")" "printer"
# The sink may still be reading what kassa sent: wait for the cut.
i=0
while ! "$ESCPOS_DECODE" epson-tm-t88 "$work/printed.bin" 2>/dev/null | grep -q 'cut 1\]' && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
text=$("$ESCPOS_DECODE" epson-tm-t88 "$work/printed.bin")
expect_in "the printer got the receipt" "$text" "Kevytmaito 1 l"
expect_in "with its total" "$text" "1,25"
expect_in "and the drawer opens for cash" "$text" "kick 1]"
expect_in "after asking the printer for its state" "$(od -An -tx1 "$work/printed.bin" | head -1)" "10 04"
# The sink may still be writing what kassa sent: wait until it settles.
settled_size() {
	a=-1
	b=$(stat -L -c %s "$work/printed.bin")
	while [ "$a" != "$b" ]; do
		sleep 0.3
		a=$b
		b=$(stat -L -c %s "$work/printed.bin")
	done
	echo "$b"
}
size1=$(settled_size)

# 2. The printer is off: the next target takes it; the attempt is kept.
#    The PDF folder and its parents are made (private) when missing.
conf "socket:127.0.0.1:$dead, pdf:$work/new/pdf"
keys 301 Enter F9 Enter
screen_expect "sale 2 is paid" "Receipt 2 saved"
wait_for "SELECT state FROM outbox WHERE id = 2" done
expect_eq "receipt 2 went to the PDF folder" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 2")" "pdf:$work/new/pdf"
check "as a PDF, in a folder made with its parent" test -s "$work/new/pdf/receipt-1-2.pdf"
expect_eq "the folder is private" "$(stat -c %a "$work/new/pdf")" 700
expect_in "the PDF is receipt 2" "$(pdftotext "$work/new/pdf/receipt-1-2.pdf" -)" "Hiustenleikkaus"
expect_eq "the failed attempt is recorded with its error" \
    "$(sql "SELECT result, error LIKE '%127.0.0.1%' FROM outbox_attempt WHERE outbox_id = 2 ORDER BY id LIMIT 1")" "failed|1"

# 3. Delivering again sends nothing twice.
"$KASSA" deliver >/dev/null
expect_eq "a second run prints nothing again" "$(settled_size)" "$size1"

# 4. Print later, then a crash in the middle of printing: the printer that
#    may have printed is not sent the receipt again; the next target is.
conf "printer, pdf:$work/pdf"
keys 6449818992727 Enter F9 l Enter
screen_expect "sale 3 is paid, its receipt held" "Receipt 3 saved"
sleep 0.5
expect_eq "a held receipt waits" "$(sql "SELECT state FROM outbox WHERE id = 3")" held
sql "INSERT INTO outbox_attempt (outbox_id, target, started_at) VALUES (3, 'printer', '2026-11-23 12:00:00')"
"$KASSA" deliver --held >/dev/null
expect_eq "after the crash it went on down the chain" \
    "$(sql "SELECT state, delivered_to FROM outbox WHERE id = 3")" "done|pdf:$work/pdf"
expect_eq "and the printer got nothing more" "$(settled_size)" "$size1"

# 5. "Email this receipt": the address typed goes first.
smtp_port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$py -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$work/maildir" &
smtp=$!
i=0
while ! $py -c "import socket; socket.create_connection(('127.0.0.1', $smtp_port), 1)" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1))
done
conf "printer, pdf:$work/pdf"
keys 301 Enter F9 e
screen_expect "E asks for the address" "Email the receipt to"
keys -l asiakas@example.invalid
keys Enter
screen_expect "the address is taken" "The receipt goes to asiakas@example.invalid"
keys Enter
screen_expect "sale 4 is paid" "Receipt 4 saved"
wait_for "SELECT state FROM outbox WHERE id = 4" done
expect_eq "receipt 4 went by email, not to the printer" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 4")" "email:asiakas@example.invalid"
check "the SMTP server has it" $py -c "import mailbox,sys; sys.exit(len(list(mailbox.Maildir('$work/maildir', create=False))) != 1)"
expect_eq "the printer got nothing for it" "$(settled_size)" "$size1"

# 5b. The mail server is down: the receipt goes on down the chain.
kill $smtp; wait $smtp 2>/dev/null; smtp=""
size5=$(settled_size)
keys 301 Enter F9 e
screen_expect "E asks again" "Email the receipt to"
keys -l toinen@example.invalid
keys Enter Enter
screen_expect "sale 5 is paid" "Receipt 5 saved"
wait_for "SELECT state FROM outbox WHERE id = 5" done
expect_eq "SMTP down: the email attempt failed" \
    "$(sql "SELECT result FROM outbox_attempt WHERE outbox_id = 5 ORDER BY id LIMIT 1")" failed
expect_eq "SMTP down: the printer took it" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 5")" printer
check "SMTP down: and printed it" test "$(settled_size)" -gt "$size5"
size1=$(settled_size)

# 6. Paper out: the printer is passed over before a byte is sent, and
#    the status line says why.
echo "1e 32 12 72" >"$work/sink/status"
conf "printer, pdf:$work/pdf"
keys 6449818992727 Enter F9 Enter
screen_expect "sale 6 is paid" "Receipt 6 saved"
wait_for "SELECT state FROM outbox WHERE id = 6" done
expect_eq "paper out: receipt 6 went to the PDF folder" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 6")" "pdf:$work/pdf"
check "the printer was only asked for its state, sent no receipt" $py -c "
import re, sys
tail = open('$work/printed.bin', 'rb').read()[$size1:]
ok = bool(tail) and re.fullmatch(rb'(\x10\x04[\x01-\x04])+', tail) is not None
if not ok:
    print(tail[:80])
sys.exit(not ok)"
screen_expect "the status line says the printer is out of paper" "PRINTER: the printer says: paper out"
echo "16 12 12 12" >"$work/sink/status"

# 6b. A file printer takes the next one.
conf "file:$work/file-printer.bin, pdf:$work/pdf"
keys 301 Enter F9 Enter
screen_expect "sale 7 is paid" "Receipt 7 saved"
wait_for "SELECT state FROM outbox WHERE id = 7" done
expect_eq "the file printer took it" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 7")" "file:$work/file-printer.bin"
expect_in "and its bytes decode to the receipt" \
    "$("$ESCPOS_DECODE" epson-tm-t88 "$work/file-printer.bin")" "Hiustenleikkaus, naiset"

# 7. Every target down: the job ends failed, kept, and a copy can be made.
conf "socket:127.0.0.1:$dead"
keys 6449818992727 Enter F9 Enter
screen_expect "sale 8 is paid" "Receipt 8 saved"
wait_for "SELECT state FROM outbox WHERE id = 8" failed
expect_eq "no target took receipt 8: it is kept as failed" \
    "$(sql "SELECT state FROM outbox WHERE id = 8")" failed
keys C-q
screen_expect "quit" "kassa-exited-0"

finish
