/* Translations: gettext, which glibc has built in. */
#ifndef KASSA_I18N_H
#define KASSA_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)

#endif
