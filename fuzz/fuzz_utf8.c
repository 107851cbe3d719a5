/*
 * fuzz_utf8.c - libFuzzer target for UTF-8 decoding and validation:
 * decoding always makes progress, agrees with validation, and valid
 * code points survive an encode/decode round trip.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "marsad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t i = 0, bad = (size_t)-1, off = 0;
    int rc;

    while (i < size) {
        uint32_t cp;
        char enc[4];
        size_t n = marsad_utf8_decode(s + i, size - i, &cp);
        if (n < 1 || n > 4 || n > size - i)
            abort();
        if (cp == MARSAD_REPLACEMENT_CHAR &&
            !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
            if (bad == (size_t)-1)
                bad = i;
        } else if (marsad_utf8_encode(cp, enc) != n ||
                   memcmp(enc, s + i, n) != 0) {
            abort();
        }
        i += n;
    }
    rc = marsad_utf8_validate(s, size, &off);
    if (bad == (size_t)-1 ? rc != MARSAD_OK : (rc != MARSAD_EUTF8 ||
                                               off != bad))
        abort();
    return 0;
}
