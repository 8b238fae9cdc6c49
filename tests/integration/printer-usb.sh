#!/bin/sh
# kassa and a USB printer through the real libusb code paths, against an
# emulated device (umockdev; Debian: umockdev, which ./quickstart
# installs; without it the test is skipped).
#
# tests/data/usb/tm-t20.umockdev is written by hand: a root hub and an
# Epson TM-T20 whose interface 0 is printer class 7, protocol 2
# (bidirectional), bulk OUT 0x03 and bulk IN 0x81 -- not the usual
# 0x01/0x82, so code that assumes addresses fails:
#   device  12 01 0002 00 00 00 40 b804 150e 0001 01 02 03 01
#   config  09 02 2000 01 01 00 c0 32
#   iface   09 04 00 00 02 07 01 02 00
#   ep out  07 05 03 02 4000 00
#   ep in   07 05 81 02 4000 00
# tm-t20-unidirectional.umockdev has protocol 1 and no IN endpoint;
# no-printer.umockdev has only the hub. The *.ioctl files script the bulk
# transfers umockdev answers (USBDEVFS_REAPURBNDELAY type endpoint status
# flags buffer_length actual_length error_count data): an OUT transfer
# must carry exactly the bytes recorded, an IN transfer returns them.
. "$top_srcdir/tests/lib.sh"

if ! command -v umockdev-run >/dev/null || ! command -v python3 >/dev/null; then
	echo "skip: needs umockdev-run and python3 (apt-get install umockdev python3)"
	exit 77
fi
u="$top_srcdir/tests/data/usb"
node=/dev/bus/usb/001/002
# umockdev works by LD_PRELOAD, which AddressSanitizer wants to come after
# it; in a sanitizer build (CI) ASan is told not to mind.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
emu() {	# DEVICE IOCTL-FILE KASSA-ARGS...
	dev=$1 ioc=$2
	shift 2
	if [ -n "$ioc" ]; then
		umockdev-run --device "$u/$dev.umockdev" --ioctl "$node=$ioc" -- "$KASSA" "$@"
	else
		umockdev-run --device "$u/$dev.umockdev" -- "$KASSA" "$@"
	fi
}

# Discovery from the descriptors alone.
out=$(emu tm-t20 "" printer status usb:auto 2>&1)
expect_in "usb:auto finds the class-7 interface and its endpoints" "$out" \
    "device: usb 04b8:0e15 bus 1 device 2 interface 0 protocol 2 out 0x03 in 0x81"
out=$(emu tm-t20 "" printer status usb:04b8:0e15 2>&1)
expect_in "usb:VID:PID finds it too" "$out" "interface 0 protocol 2 out 0x03 in 0x81"
emu tm-t20 "" printer status usb:04b8:0202 >"$work/out" 2>"$work/err"; rc=$?
expect_eq "another VID:PID: exit 1" "$rc" 1
expect_in "another VID:PID: says which" "$(cat "$work/err")" "no USB printer 04b8:0202 found"
out=$(emu tm-t20 "" printer status usb:04b8:0e15:KASSA0001 2>&1)
expect_in "usb:VID:PID:SERIAL, the serial from sysfs" "$out" "interface 0 protocol 2 out 0x03 in 0x81"
emu tm-t20 "" printer status usb:04b8:0e15:OTHER >"$work/out" 2>"$work/err"; rc=$?
expect_eq "another serial: exit 1" "$rc" 1
expect_in "another serial: says which" "$(cat "$work/err")" "no USB printer 04b8:0e15 serial OTHER found"
emu no-printer "" printer status usb:auto >"$work/out" 2>"$work/err"; rc=$?
expect_eq "only a hub: exit 1" "$rc" 1
expect_in "only a hub: no printer-class interface" "$(cat "$work/err")" "no device has a printer-class interface"

# DLE EOT over bulk OUT, the answer over bulk IN.
out=$(emu tm-t20 "$u/status-ok.ioctl" printer status usb:auto 2>&1); rc=$?
expect_in "usb status: ok" "$out" "status: ok"
expect_eq "usb status ok: exit 0" "$rc" 0
out=$(emu tm-t20 "$u/status-paper-out.ioctl" printer status usb:auto 2>&1); rc=$?
expect_in "usb status: paper out" "$out" "status: paper out"
expect_eq "usb status paper out: exit 1" "$rc" 1
out=$(emu tm-t20-unidirectional "$u/status-ok.ioctl" printer status usb:auto 2>&1); rc=$?
expect_in "unidirectional: found, no IN endpoint" "$out" "protocol 1 out 0x03 in none"
expect_in "unidirectional: it cannot tell, kassa does not ask" "$out" "status: unknown"

# Printing: the receipt goes out of 0x03 in two transfers. The device
# takes only the first 100 bytes of the first; the rest must follow,
# byte-exact, without the first 100 again. The expected bytes are those
# kassa writes to a file, with the "Printer" line naming usb:auto.
demo_store
cd "$work"
i=0
while [ $i -lt 2 ]; do
	rm -f want.bin
	"$KASSA" printer test file:want.bin --profile epson-tm-t88 >/dev/null
	python3 - want.bin print.ioctl <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
new = b"Printer" + b" " * (42 - 7 - 8) + b"usb:auto"
old = b"Printer" + b" " * (42 - 7 - 13) + b"file:want.bin"
assert data.count(old) == 1, "no Printer line"
data = data.replace(old, new)
open(sys.argv[1], "wb").write(data)
first, rest = data, data[100:]
with open(sys.argv[2], "w") as f:
    f.write("@DEV /dev/bus/usb/001/002 (usbdevfs)\n")
    f.write("USBDEVFS_REAPURBNDELAY 0 3 3 0 0 %d 100 0 %s\n" % (len(first), first.hex().upper()))
    f.write("USBDEVFS_REAPURBNDELAY 0 3 3 0 0 %d %d 0 %s\n" % (len(rest), len(rest), rest.hex().upper()))
PY
	emu tm-t20 "$work/print.ioctl" printer test usb:auto --profile epson-tm-t88 \
	    >"$work/out" 2>"$work/err" && break
	i=$((i + 1))	# the minute on the receipt may have turned: once more
done
cd - >/dev/null
expect_eq "usb print: exactly the bytes, in order, the rest after a short transfer" \
    "$(cat "$work/err")" ""
expect_in "usb print: says so" "$(cat "$work/out")" "printed the test receipt to usb:auto"
text=$("$ESCPOS_DECODE" epson-tm-t88 "$work/want.bin")
expect_in "and those bytes decode to the test receipt" "$text" "ä ö å Ä Ö Å € 12,50"
expect_in "with the Printer line kassa sent" "$text" "Printer                           usb:auto"

# A device that answers a transfer with an error: the message says how
# much was not sent.
python3 - "$work/want.bin" "$work/bad.ioctl" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "w") as f:
    f.write("@DEV /dev/bus/usb/001/002 (usbdevfs)\n")
    f.write("USBDEVFS_REAPURBNDELAY 0 3 3 0 0 %d 0 0 %s\n" % (len(data), ("00" * len(data))))
PY
emu tm-t20 "$work/bad.ioctl" printer test usb:auto --timeout 2 >"$work/out" 2>"$work/err"; rc=$?
expect_eq "usb print that fails: exit 1" "$rc" 1
expect_in "usb print that fails: names the printer and what is left" \
    "$(cat "$work/err")" "USB printer 04b8:0e15: Input/Output Error ("

# A sale's receipt when the USB printer fails in the middle: the delivery
# goes on down the chain to the PDF folder. (The sale is held, L, so that
# it is delivered here, under the emulation, and not by the console.)
printf '[printer]\nuri = usb:auto\nprofile = epson-tm-t88\n[receipts]\nchain = printer, pdf:%s/pdf\n' \
    "$work" >"$work/kassa.conf"
CONSOLE_ENV="KASSA_CONFIG=$work/kassa.conf"
console_start 100 30
keys 6449818992727 Enter F9 l Enter
screen_expect "usb: a sale, its receipt held" "Receipt 1 saved"
keys C-q
screen_expect "usb: quit" "kassa-exited-0"
KASSA_CONFIG="$work/kassa.conf" emu tm-t20 "$work/bad.ioctl" deliver --held >"$work/out" 2>&1
expect_in "usb: the printer failed" "$(cat "$work/out")" "receipt 1: printer failed"
expect_eq "usb: the PDF folder took it" \
    "$(sql "SELECT delivered_to FROM outbox WHERE id = 1")" "pdf:$work/pdf"
check "usb: as a PDF" test -s "$work/pdf/receipt-1-1.pdf"

finish
