# A Star printer (TSP100IV, TSP650II, mC-Print3) switched to ESC/POS
# emulation with its memory switches (Star's "ESC/POS mode"). In that mode
# Star follows Epson's ESC t numbering for the code pages it has; the
# drawer pulse is shorter than Epson's default.
[printer]
name = Star in ESC/POS mode
paper_mm = 80
cols_a = 48
cols_b = 64
codepages = CP858:19 CP1252:16
cut = partial
drawer_pin = 2
drawer_on_ms = 20
drawer_off_ms = 200
barcode = yes
qr = yes
status = yes
