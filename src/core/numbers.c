/* numbers.c - numbers and quantities (none found yet). */
#include "facts_internal.h"

size_t mf_read_number(const mf_doc *d, size_t i, double *value,
                      unsigned *flags)
{
    (void)d;
    (void)i;
    (void)value;
    (void)flags;
    return 0;
}

int mf_numbers(const mf_doc *d, mf_sink *out)
{
    (void)d;
    (void)out;
    return 0;
}
