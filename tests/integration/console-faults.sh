#!/bin/sh
# A failing disk at the console: the first sale's commit fails on one write
# or sync (KASSA_FAULT, read by debug builds only: src/store/db-fault.c).
# The cashier is told why, keeps the basket, and Enter saves the sale with
# the next receipt number. tests/unit/check-faults.c fails every write and
# sync of a commit in turn; this shows the cashier's side.
. "$top_srcdir/tests/lib.sh"

if [ "${KASSA_FAULTS:-no}" != yes ]; then
	echo "KASSA_FAULT is read by debug builds only (--enable-debug): skipped"
	exit 77
fi
command -v tmux >/dev/null || { echo "tmux is missing (./quickstart installs it)"; exit 1; }
demo_store

no=0
for fault in write:1:enospc sync:1:eio write:3:eio; do
	case $fault in
	*enospc) why="the disk is full ($db)" ;;
	*) why="the disk reported an error ($db: disk I/O error)" ;;
	esac
	CONSOLE_ENV="KASSA_FAULT=$fault" console_start 200 30
	keys 6449818992727 Enter
	keys 64368641 Enter
	screen_expect "$fault: two items on the sale" "Items 2"
	keys F9
	screen_expect "$fault: the payment screen" "Cash given"
	keys Enter
	screen_expect "$fault: the cashier is told what failed and what to do" \
	    "Could not save the sale: $why. Press Enter to try again."
	expect_eq "$fault: no sale is saved, no number taken" \
	    "$(sql "SELECT count(*), (SELECT next_receipt FROM till) FROM sale")" \
	    "$no|$((no + 1))"
	expect_eq "$fault: the paid basket is still stored" \
	    "$(sql "SELECT count(*) FROM open_basket")" 1
	expect_in "$fault: and still on screen" "$(screen)" "Items 2"
	no=$((no + 1))
	keys Enter
	screen_expect "$fault: Enter saves it with the next number" \
	    "Paid. Receipt $no is saved"
	expect_eq "$fault: the sale is whole" \
	    "$(sql "SELECT count(*), sum((SELECT count(*) FROM sale_line l WHERE l.sale_id = s.id)) FROM sale s")" \
	    "$no|$((2 * no))"
	keys C-q
	screen_expect "$fault: the console quits" "kassa-exited-0"
done

finish
