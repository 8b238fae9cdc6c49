[printer]
cut = sometimes
