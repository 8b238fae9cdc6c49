#!/bin/sh
# The console inside tmux, driven as a cashier would: a sale with a scanned,
# a weighed, a price-embedded and a counted item paid in cash with change
# and rounding; a crash with an open sale; a terminal too small; signals.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
# The demo's manager sells here: the cancels, discounts and overrides are
# his to do alone (console-staff.sh has a cashier ask for approval).
CONSOLE_USER=2 CONSOLE_PIN=2222
demo_store

console_start 100 30
screen_expect "the sale screen opens on the demo store" "Kauppa & Kahvila Aurinko"
screen_expect "the status line shows the printer state" "no printer | no receipts waiting"
keys 6449818992727 Enter
screen_expect "a scanned GTIN adds its item" "Kevytmaito 1 l"
keys '2*6479602783736' Enter
screen_expect "N* sets the quantity" "Ruisleipä 500 g"
keys 4 Enter
screen_expect "a weighed item asks for its weight" "Weight of Banaani in kg:"
keys 0,350 Enter
screen_expect "the weight goes on the line" "0,350 kg"
keys 2011001005909 Enter
screen_expect "an in-store code carries its price" "Omenapiirakka, oma leipomo"
keys 2310001012505 Enter
screen_expect "an in-store code carries its weight" "1,250 kg"
screen_expect "the total is always in view" "TOTAL  80,86 €"
s=$(screen)
expect_in "the item count" "$s" "Items 6"
expect_in "ä lines up" "$s" "Ruisleipä 500 g                                                        2         2,19         4,38"
keys Delete
screen_expect "Del voids the last line" "TOTAL  12,23 €"
expect_in "the voided line shows as such" "$(screen)" "VOID"
keys 99999 Enter
screen_expect "an unknown code says so" "unknown code 99999"
screen_expect "and offers an open price" "Sell 99999 at an open price:"
keys Escape
screen_expect "Esc declines it; the sale is still there" "TOTAL  12,23 €"

keys F9
screen_expect "F9 goes to payment with the cash-rounded amount" "TO PAY  12,25 €"
keys Escape
screen_expect "Esc goes back to the sale" "TOTAL  12,23 €"
keys F9
screen_expect "back to payment" "Cash given (Enter = exact 12,25)"
type_slow 6449818992727
keys Enter
screen_expect "a typed barcode is not taken for an amount" "looks like a barcode, not an amount"
keys 20 Enter
screen_expect "cash pays and the change shows" "CHANGE  7,75 €"
screen_expect "with the receipt number" "Receipt 1 saved"
# No printer is set up: the receipt goes down the default chain to PDF.
i=0
while [ "$(sql "SELECT state FROM outbox WHERE id = 1")" != done ] && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
check "the receipt is delivered as a PDF in the background" \
    test -f "$XDG_DATA_HOME/kassa/receipts/receipt-1-1.pdf"
expect_eq "each attempt is recorded" \
    "$(sql "SELECT target || ' ' || result FROM outbox_attempt ORDER BY id" | tr '\n' ';')" \
    "printer failed;pdf:$XDG_DATA_HOME/kassa/receipts ok;"
screen_expect "and nothing waits" "no receipts waiting"

json=$("$KASSA" report z --format json)
check "the Z report shows the sale" python3 - "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert d["receipts"] == 1, d
assert d["gross"] == 1223, d
assert d["rounding"] == 2, d
assert d["voided_lines"] == 1 and d["voided_amount"] == 6863, d
assert d["vat"] == [{"rate_bp": 1350, "gross": 1223, "net": 1078, "tax": 145}], d
assert d["tenders"] == [{"type": "cash", "amount": 1225, "count": 1}], d
PY
r=$("$KASSA" receipt show 1)
expect_in "receipt 1: the milk" "$r" "Kevytmaito 1 l                        1,25"
expect_in "receipt 1: quantity line" "$r" "  2 x 2,19"
expect_in "receipt 1: weight line" "$r" "  0,350 kg x 1,99/kg"
expect_not_in "receipt 1: no voided line" "$r" "Naudan"
expect_in "receipt 1: the total" "$r" "TOTAL                              12,23 €"
expect_in "receipt 1: the rounding" "$r" "Cash rounding                         0,02"
expect_in "receipt 1: the change" "$r" "Change                                7,75"

# Enter alone pays the exact amount; the first key starts the next sale.
keys 301 Enter
screen_expect "the next sale starts with the first code" "Hiustenleikkaus, naiset"
keys F9 Enter
screen_expect "Enter alone pays exactly" "CHANGE  0,00 €"
expect_in "receipt 2 exists" "$("$KASSA" receipt show 2)" "Receipt 2"

# A quantity typed by hand, then a scan: the quantity is for the scan.
keys 2 '*'
sleep 0.2
keys 6449818992727 Enter
screen_expect "2* then a scan sells two" "TOTAL  2,50 €"
# Twenty scans in one burst while the screen redraws: none lost.
burst=""
i=0
while [ $i -lt 20 ]; do burst="$burst 6449818992727 Enter"; i=$((i + 1)); done
# shellcheck disable=SC2086
keys $burst
screen_expect "a burst of 20 scans: every one taken" "TOTAL  27,50 €"
screen_expect "and counted: 22 pieces" "Items 22"
keys F8 y
screen_expect "cancelled" "The sale is cancelled."

# One console per till: a second one is refused, the first goes on.
tmux -L "$tmux_sock" new-session -d -s second -x 100 -y 30 \
    "env LANG=C.UTF-8 '$KASSA' --db '$db'; echo second-exited-\$?; sleep 60"
i=0
while ! tmux -L "$tmux_sock" capture-pane -t second -p -J | grep -q second-exited && [ $i -lt 100 ]; do
	sleep 0.1; i=$((i + 1))
done
s2=$(tmux -L "$tmux_sock" capture-pane -t second -p -J)
expect_in "a second console on the same till is refused" "$s2" "the console of till 1 is already open"
expect_in "with exit status 1" "$s2" "second-exited-1"
tmux -L "$tmux_sock" kill-session -t second

# After a void the next line up is chosen, and Del voids what is chosen.
keys 6449818992727 Enter 301 Enter 4 Enter 1 Enter Delete
screen_expect "the bananas are voided" "Voided: Banaani"
keys Delete
screen_expect "Del then voids the chosen line, the one above" "Voided: Hiustenleikkaus, naiset"
keys F8 y
screen_expect "cancelled again" "The sale is cancelled."

# A crash with an open sale: it comes back as it was.
keys 6449818992727 Enter 6449818992727 Enter
screen_expect "an open sale of two lines" "TOTAL  2,50 €"
console_kill KILL
screen_expect "the console died" "kassa-exited-"
console_start 100 30
screen_expect "after a crash the open sale is back" "The open sale is back as it was (2 lines)"
screen_expect "with its total" "TOTAL  2,50 €"
keys Delete
screen_expect "Del voids the last line" "TOTAL  1,25 €"
keys C-q
screen_expect "Ctrl-Q quits" "kassa-exited-0"
console_start 100 30
screen_expect "the voided line is remembered too" "TOTAL  1,25 €"

# Too small a terminal: a clear message, no keys taken, the sale kept.
resize 60 20
screen_expect "a small terminal says so" "Terminal too small"
keys 6449818992727 Enter
sleep 0.3
resize 100 30
screen_expect "and the sale is back when it grows" "TOTAL  1,25 €"

# SIGTERM leaves the terminal and the sale in order.
console_kill TERM
screen_expect "SIGTERM exits cleanly" "kassa-exited-0"
expect_in "and the sale is kept" "$(screen)" "the open sale (1 line) is saved"
console_start 100 30
console_kill HUP
screen_expect "SIGHUP (a lost SSH session) exits cleanly" "kassa-exited-0"
expect_eq "no receipt was made of it" \
    "$("$KASSA" report z --format csv | grep ',receipts,')" "$(date +%Y-%m-%d),receipts,,2"

# A basket that cannot be read does not lock the till: it is set aside.
sql "DELETE FROM open_basket; INSERT INTO open_basket VALUES (1, 'kassa-basket 1', '2026-11-23 12:00:00')"
console_start 100 30
screen_expect "a damaged basket is set aside with a message" "could not be read"
screen_expect "and the till sells" "Code:"
expect_eq "it is kept among the parked sales" \
    "$(sql "SELECT label, data FROM parked_basket")" "damaged, kept for support|kassa-basket 1"
keys C-q
screen_expect "quit" "kassa-exited-0"
sql "DELETE FROM parked_basket"

# Paid, but stopped before the commit: the sale is saved on the next Enter,
# once, with the next receipt number.
T="char(9)"; N="char(10)"
sql "DELETE FROM open_basket; INSERT INTO open_basket VALUES (1,
  'kassa-basket 2' || $N ||
  'sale' || $T || 'b1' || $T || '5' || $T || '0' || $T || '0' || $T || $T || '0' || $T || '75' || $N ||
  'line' || $T || '1' || $T || '6449818992727' || $T || 'Kevytmaito 1 l' || $T || 'Maito' || $T ||
    '125' || $T || '1000' || $T || '0' || $T || '1350' || $T || '0' || $T || '0' || $T || '0' || $T || '0' || $T || $T || '0' || $N ||
  'tender' || $T || '0' || $T || 'cash' || $T || $T || '125' || $T || '200' || $N, '2026-11-23 12:00:00')"
console_start 100 30
screen_expect "a paid sale that was not saved says so" "paid but not saved"
keys Enter
screen_expect "Enter saves it" "Receipt 3 saved"
screen_expect "with its change" "CHANGE  0,75 €"
expect_in "receipt 3 holds it" "$("$KASSA" receipt show 3)" "Cash                                  2,00"

# The terminal goes away (its tmux server is gone): kassa exits, keeping
# the open sale, and does not spin.
keys 6449818992727 Enter
screen_expect "a line before the terminal goes" "TOTAL  1,25 €"
pid=$(console_pid)
tmux -L "$tmux_sock" kill-server
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "a lost terminal ends the console" sh -c "! kill -0 $pid 2>/dev/null"
expect_eq "and the open sale is kept" "$(sql "SELECT count(*) FROM open_basket")" 1

finish
