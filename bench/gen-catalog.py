#!/usr/bin/env python3
"""Write a benchmark catalog: N items with unique, valid EAN-13s.

    gen-catalog.py N CATALOG.csv SCANS.tsv

The catalog has the columns of `kassa catalog import` (kassa(1)):
gtin,plu,name,price,vat,unit,department. Names combine a few hundred
Finnish and English grocery words, so name search has real work to do.
SCANS.tsv lists a sample of the items sold by the piece (gtin, name,
price in cents), spread over the whole catalog, for the benchmarks that
scan. The output depends only on N: the same N gives the same files.
"""
import csv
import random
import sys

BRANDS = """Valio Arla Fazer Atria HK Saarioinen Pirkka Rainbow Kotimaista
Eldorado Apetit Oululainen Vaasan Myllyn Paras Elovena Juhla Mokka Paulig
Presidentti Kulta Katriina Snellman Kariniemen Saarioisten Dava Felix
Heinz Barilla Panzani Kellogg's Nestle Fairtrade Lapin Kulta Olvi Hartwall
Marli Jaffa Pommac Coca Pepsi Fanta Sprite Fiskars Tuulia Lumene Serla
Lambi Fairy Omo Neutral Pampers Libero Pedigree Whiskas Kotikokki Ingman
Pingviini Mövenpick Panda Brunberg Malaco Haribo Marabou Geisha Karl""".split()

NOUNS = """maito kevytmaito rasvaton täysmaito piimä kerma kermaviili jogurtti
rahka viili juusto voi margariini levite kananmuna ruisleipä leipä
paahtoleipä sämpylä patonki näkkileipä hiutale kaurahiutale puuro mysli
murot vehnäjauho ruisjauho sokeri suola pippuri kahvi tee kaakao mehu
limonadi kivennäisvesi olut siideri banaani omena appelsiini sitruuna
päärynä viinirypäle mansikka mustikka puolukka peruna porkkana sipuli
valkosipuli kurkku tomaatti paprika salaatti kaali parsakaali kukkakaali
sieni herne papu maissi riisi pasta spagetti makaroni nuudeli jauheliha
kinkku makkara nakki lenkki pekoni broileri kana lohi silakka tonnikala
kirjolohi katkarapu pizza lasagne keitto kastike ketsuppi sinappi majoneesi
öljy etikka hillo hunaja suklaa karkki lakritsi keksi pulla kakku jäätelö
pakaste sipsit pähkinä rusina taateli saippua shampoo hammastahna
pesuaine huuhteluaine talouspaperi wc-paperi vaippa kissanruoka
koiranruoka milk cheese butter bread yoghurt coffee juice water beer
cider apple banana orange lemon potato carrot onion tomato cucumber
pepper salad rice pasta noodles sausage ham bacon chicken salmon tuna
shrimp pizza soup sauce ketchup mustard mayonnaise oil vinegar jam honey
chocolate candy liquorice biscuit cookie cake icecream crisps nuts
raisins soap shampoo toothpaste detergent napkins""".split()

ATTRS = """laktoositon luomu kevyt vähärasvainen täysjyvä gluteeniton vegaani
maustamaton mansikka vanilja mustikka suklaa kinuski sitruuna omena
tomaatti juusto valkosipuli chili savustettu grillattu paahdettu tumma
vaalea makea suolainen tuore pakastettu kotimainen perinteinen klassinen
original light zero extra mild strong fresh frozen organic classic
smoked spicy sweet salted unsalted wholegrain family mini maxi
premium""".split()

SIZES = """100 g|150 g|200 g|250 g|300 g|400 g|500 g|600 g|750 g|1 kg|2 kg
|0,2 l|0,33 l|0,5 l|0,75 l|1 l|1,5 l|2 l|6 kpl|10 kpl|12 kpl|20 kpl
|4 x 0,33 l|6 x 1,5 l|2 rll|8 rll|16 rll""".replace("\n", "").split("|")

DEPARTMENTS = """Maitotuotteet;Leipä;Hedelmät ja vihannekset;Liha;Kala;
Kuivatuotteet;Juomat;Pakasteet;Makeiset;Kodintarvikkeet;Hygienia;
Lemmikit;Valmisruoka;Mausteet;Kahvi ja tee;Oluet ja siiderit""".replace(
    "\n", "").split(";")

VAT = [("25.5", 35), ("13.5", 60), ("10", 3), ("0", 2)]


def ean13(body12):
    """The EAN-13 for 12 digits: add the GS1 check digit."""
    s = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - s % 10) % 10)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: gen-catalog.py N CATALOG.csv SCANS.tsv")
    n = int(sys.argv[1])
    rnd = random.Random(n)
    vat_rates = [v for v, w in VAT for _ in range(w)]
    # Scan samples: up to 2000 items by the piece, evenly over the file.
    step = max(1, n // 2000)
    tmp = sys.argv[2] + ".tmp"
    stmp = sys.argv[3] + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f, \
            open(stmp, "w", encoding="utf-8") as sf:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["gtin", "plu", "name", "price", "vat", "unit",
                    "department"])
        for i in range(n):
            # 64 is Finland's GS1 prefix; never 02 or 20-29 (in-store).
            gtin = ean13("64%010d" % (i * 7919 % 10**10))
            words = [rnd.choice(BRANDS), rnd.choice(NOUNS)]
            if rnd.random() < 0.7:
                words.append(rnd.choice(ATTRS))
            if rnd.random() < 0.3:
                words.append(rnd.choice(NOUNS))
            kg = rnd.random() < 0.03
            if not kg:
                words.append(rnd.choice(SIZES))
            name = " ".join(words)
            name = name[0].upper() + name[1:]
            cents = rnd.randint(10, 4999) if rnd.random() < 0.95 else \
                rnd.randint(5000, 99999)
            price = "%d.%02d" % (cents // 100, cents % 100)
            plu = str(i + 1) if kg else ""
            w.writerow([gtin, plu, name, price, rnd.choice(vat_rates),
                        "kg" if kg else "pcs", rnd.choice(DEPARTMENTS)])
            if i % step == 0 and not kg:
                sf.write("%s\t%s\t%d\n" % (gtin, name, cents))
    import os
    os.replace(tmp, sys.argv[2])
    os.replace(stmp, sys.argv[3])


if __name__ == "__main__":
    main()
