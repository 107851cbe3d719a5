/* dates.c - dates (none found yet). */
#include "facts_internal.h"

int mf_dates(const mf_doc *d, mf_sink *out)
{
    (void)d;
    (void)out;
    return 0;
}
