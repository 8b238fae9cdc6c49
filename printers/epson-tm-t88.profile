# Epson TM-T88 (IV, V, VI) and TM-T20 (II, III), 80 mm paper.
# Code pages from Epson's ESC t table: PC858 is 19, WPC1252 is 16.
[printer]
name = Epson TM-T88 / TM-T20
paper_mm = 80
cols_a = 42
cols_b = 56
codepages = CP858:19 CP1252:16
cut = partial
drawer_pin = 2
drawer_on_ms = 50
drawer_off_ms = 500
barcode = yes
qr = yes
status = yes
