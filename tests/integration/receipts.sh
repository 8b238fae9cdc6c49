#!/bin/sh
# Receipts off the till: as PDF, and by email through a real SMTP server
# (aiosmtpd) on 127.0.0.1 — the message, its UTF-8 subject and its PDF.
. "$top_srcdir/tests/lib.sh"

py=/usr/bin/python3
$py -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd is missing (./quickstart installs it)"; exit 1; }
command -v pdftotext >/dev/null || { echo "pdftotext is missing (./quickstart installs poppler-utils)"; exit 1; }
demo_store

# A sale through the console.
console_start 100 30
keys 6449818992727 Enter 301 Enter F9 Enter
screen_expect "a sale is paid" "Receipt 1 saved"
keys C-q
screen_expect "quit" "kassa-exited-0"

"$KASSA" receipt pdf 1 "$work/r1.pdf"
text=$(pdftotext -layout "$work/r1.pdf" -)
expect_in "the PDF is a copy" "$text" "*** COPY ***"
expect_in "the PDF has the lines" "$text" "Kevytmaito 1 l"
expect_in "the PDF has the total" "$text" "59,25 €"
expect_in "the PDF has ä" "$text" "Kiitos käynnistä!"

# An SMTP sink that keeps every message in a Maildir.
port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$py -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$work/maildir" &
sink=$!
trap 'kill $sink 2>/dev/null; cleanup' EXIT
i=0
while ! $py -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 50 ] || break; sleep 0.1
done
cat >"$work/mail.conf" <<CONF
[email]
server = smtp://127.0.0.1:$port
from = Kauppa Aurinko <kassa@example.invalid>
starttls = no
timeout = 5
CONF

out=$("$KASSA" --config "$work/mail.conf" receipt email 1 asiakas@example.invalid 2>&1); rc=$?
expect_eq "email: exit 0" "$rc" 0
check "the sink has the message, subject, text and PDF" $py - "$work/maildir" <<'PY'
import mailbox, subprocess, sys
from email.header import decode_header, make_header
box = mailbox.Maildir(sys.argv[1], create=False)
msgs = list(box)
assert len(msgs) == 1, len(msgs)
m = msgs[0]
assert str(make_header(decode_header(m["Subject"]))) == "Receipt 1 from Kauppa & Kahvila Aurinko", m["Subject"]
assert m["To"] == "asiakas@example.invalid", m["To"]
parts = [p for p in m.walk() if not p.is_multipart()]
body = parts[0].get_payload(decode=True).decode("utf-8")
assert "Kevytmaito 1 l" in body and "Kiitos käynnistä!" in body, body
pdf = [p for p in parts if p.get_content_type() == "application/pdf"]
assert len(pdf) == 1 and pdf[0].get_filename() == "receipt-1.pdf"
text = subprocess.run(["pdftotext", "-", "-"], input=pdf[0].get_payload(decode=True),
    capture_output=True, check=True).stdout.decode("utf-8")
assert "Hiustenleikkaus, naiset" in text and "59,25" in text, text
PY

# A UTF-8 subject, in Finnish.
sql "UPDATE setting SET value = 'Kahvila Kärpänen' WHERE key = 'store.name'"
cp "$work/mail.conf" "$work/fi.conf"
printf '[till]\nlanguage = fi\n' >>"$work/fi.conf"
"$KASSA" --config "$work/fi.conf" receipt email 1 toinen@example.invalid
check "a UTF-8 subject is encoded and decodes" $py - "$work/maildir" <<'PY'
import mailbox, sys
from email.header import decode_header, make_header
box = mailbox.Maildir(sys.argv[1], create=False)
subjects = sorted(str(make_header(decode_header(m["Subject"]))) for m in box)
raw = [m["Subject"] for m in box if m["To"] == "toinen@example.invalid"][0]
assert raw.startswith("=?UTF-8?B?"), raw
assert "Kuitti 1 – Kahvila Kärpänen" in subjects, subjects
PY

# Bad input and a dead server: clear messages, exit 1.
"$KASSA" --config "$work/mail.conf" receipt email 1 not-an-address 2>"$work/err"; rc=$?
expect_eq "a bad address: exit 1" "$rc" 1
expect_in "a bad address: says so" "$(cat "$work/err")" "not-an-address"
printf 'user:secret\n' >"$work/cred"
chmod 644 "$work/cred"
cat >"$work/cred.conf" <<CONF
[email]
server = smtp://127.0.0.1:$port
from = kassa@example.invalid
starttls = no
credentials = $work/cred
CONF
"$KASSA" --config "$work/cred.conf" receipt email 1 x@example.invalid 2>"$work/err"; rc=$?
expect_eq "readable credentials: exit 1" "$rc" 1
expect_in "readable credentials: refused" "$(cat "$work/err")" "can be read by others"
chmod 600 "$work/cred"
kill $sink; wait $sink 2>/dev/null
"$KASSA" --config "$work/mail.conf" receipt email 1 x@example.invalid 2>"$work/err"; rc=$?
expect_eq "SMTP down: exit 1" "$rc" 1
expect_in "SMTP down: says which server" "$(cat "$work/err")" "the mail server smtp://127.0.0.1:$port did not take the receipt"

finish
