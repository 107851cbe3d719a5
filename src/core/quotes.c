/* quotes.c - quotes (none found yet). */
#include "facts_internal.h"

int mf_quotes(const mf_doc *d, mf_sink *out)
{
    (void)d;
    (void)out;
    return 0;
}
