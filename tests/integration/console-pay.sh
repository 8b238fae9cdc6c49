#!/bin/sh
# Paying at the console: split payment, a card whose outcome is unknown,
# scans that arrive on the payment screen, other tenders, reprints.
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
demo_store
console_start 100 30

# A scan on the payment screen, before any payment: it joins the basket.
keys 6449818992727 Enter
keys F9
screen_expect "payment opens" "Cash given"
keys 6449818992727 Enter
screen_expect "a scan on the payment screen goes to the basket" "Scanned item added"
screen_expect "and the total grows" "TOTAL  2,50 €"

# A scan the console read in two bursts (a busy machine) is still a scan.
keys F9
screen_expect "payment again" "Cash given"
keys -l 64498
sleep 0.2
keys -l 18992727
keys Enter
screen_expect "a scan split in two is read whole" "Scanned item added"
screen_expect "and the total grows again" "TOTAL  3,75 €"

# A scan while the help is open on the payment screen is refused, not
# taken for cash; nor is a cash amount a thousand euros too high.
keys F9
screen_expect "back to the payment" "Cash given"
keys ?
screen_expect "the help opens over the payment" "today's receipts, reprint a copy"
keys 64368641 Enter
screen_expect "a scan in the help is refused" "Scan refused: finish this first."
keys Escape
sleep 0.1
keys -l 5000
keys Enter
screen_expect "too much cash is questioned" "change: check the amount and type it again"
expect_eq "nothing was sold" "$(sql "SELECT count(*) FROM sale")" 0
# A part payment can be taken back, after which the sale can be left.
keys 1 Enter
screen_expect "1,00 in cash is a part payment" "Part paid in cash"
keys Escape
screen_expect "Esc says how to take it back" "R takes the payment back"
keys r
screen_expect "R asks before giving cash back" "Give back 1,00 € in cash?"
keys y
screen_expect "the payment is taken back" "The payment is taken back"
keys Escape
screen_expect "and the sale can be left again" "TOTAL  3,75 €"

# Split: 1,00 by card, approved with a reference; the rest in cash.
keys F9 c
screen_expect "card asks for the amount" "card: amount (Enter = 3,75):"
keys 1 Enter
screen_expect "the terminal is asked" "card payment of 1,00 €"
state=$(sql "SELECT state FROM payment_attempt ORDER BY id DESC LIMIT 1")
expect_eq "the attempt is stored as pending before the answer" "$state" "pending"
keys a
screen_expect "approved asks for the terminal's reference" "reference (or Enter)"
keys 123456 Enter
screen_expect "the card part is paid" "Paid card ref 123456"
screen_expect "the rest is due in cash, rounded" "TO PAY  2,75 €"
# Now a scan is refused: part of the sale is paid.
keys 6449818992727 Enter
screen_expect "a scan after a part payment is refused" "Scan refused: part of the sale is paid"
screen_expect "and is not read as an amount" "TO PAY  2,75 €"
keys Escape
screen_expect "Esc cannot leave a part-paid sale" "Part of the sale is paid"
keys 5 Enter
screen_expect "cash pays the rest" "CHANGE  2,25 €"
r=$("$KASSA" receipt show 1)
expect_in "the receipt shows the card" "$r" "Card                                  1,00"
expect_in "with its reference" "$r" "  Ref. 123456"
expect_in "and the cash" "$r" "Cash                                  5,00"
expect_eq "the attempt belongs to the sale" \
    "$(sql "SELECT state, reference, sale_id IS NOT NULL FROM payment_attempt WHERE reference = '123456'")" "approved|123456|1"

# A card payment taken back is refunded on the terminal, and recorded.
keys 6449818992727 Enter F9 c
keys 1 Enter
screen_expect "card asked" "card payment of 1,00 €"
keys a Enter
screen_expect "card approved" "card approved; the rest is still due"
keys r
screen_expect "taking back a card payment means a refund" "Refund card 1,00 € on the terminal first"
keys y
screen_expect "it is taken back" "The payment is taken back"
expect_eq "the refund is recorded" \
    "$(sql "SELECT amount, state FROM payment_attempt ORDER BY id DESC LIMIT 1")" "-100|approved"
keys Enter
screen_expect "cash pays it all" "CHANGE  0,00 €"
expect_in "receipt 2 shows cash only" "$("$KASSA" receipt show 2)" "Cash                                  1,25"

# A card payment whose outcome nobody knows.
keys 301 Enter
screen_expect "a new sale" "TOTAL  58,00 €"
keys F9 c Enter
screen_expect "card for the whole amount" "card payment of 58,00 €"
keys u
screen_expect "unknown says so loudly" "OUTCOME UNKNOWN"
expect_eq "and is stored as unknown" \
    "$(sql "SELECT state FROM payment_attempt ORDER BY id DESC LIMIT 1")" "unknown"
keys Escape 6449818992727 Enter
screen_expect "nothing else can be done" "Scan refused: finish this first"
# Even a restart comes back to it.
keys C-q
screen_expect "quit" "kassa-exited-0"
console_start 100 30
screen_expect "after a restart the unknown payment is first" "OUTCOME UNKNOWN"
check "the open sale cannot be committed behind its back" \
    test "$(sql "SELECT count(*) FROM sale")" = 2
keys d
screen_expect "not on the terminal: declined, nothing charged" "card declined: nothing was charged"
expect_eq "the resolution is recorded" \
    "$(sql "SELECT state, resolution FROM payment_attempt ORDER BY id DESC LIMIT 1")" \
    "declined|unknown, then not on the terminal"
# Another tender from the configuration pays instead.
keys o
screen_expect "other tenders are listed" "mobile pay"
keys Down Enter
screen_expect "mobile pay asks the amount" "mobile pay: amount"
keys Enter
screen_expect "and the outcome" "mobile pay payment of 58,00 €"
keys a Enter
screen_expect "approved pays the sale" "CHANGE  0,00 €"
expect_in "the receipt names the tender" "$("$KASSA" receipt show 3)" "mobile pay                           58,00"
json=$("$KASSA" report z --format json)
check "the Z report has every tender" python3 - "$json" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
t = {x["type"]: x["amount"] for x in d["tenders"]}
assert t == {"card": 100, "cash": 400, "mobile pay": 5800}, t
PY

# Today's receipts, and a copy.
keys F10
screen_expect "F10 lists today's receipts" "Today's receipts"
keys Down Enter
screen_expect "Enter shows one, marked COPY" "*** COPY ***"
keys p
screen_expect "P queues a copy" "A copy of receipt 2 is queued"
expect_eq "the copy is in the outbox" "$(sql "SELECT count(*) FROM outbox WHERE copy = 1")" 1
keys Escape Escape
screen_expect "Esc goes back to the sale" "Code:"

finish
