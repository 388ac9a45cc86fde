/* testdoc.c — see testdoc.h. */
#include "testdoc.h"

#include <stdio.h>
#include <string.h>

void testdoc_expand(const char *actors, const char *compact, char *out, size_t cap) {
    size_t n = 0;
    n += (size_t)snprintf(out + n, cap - n, "# actors = %s\n", actors);
    int id = 0;
    const char *p = compact;
    while (*p && n < cap) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[256];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        p += len + (nl ? 1 : 0);
        if (!line[0]) continue;
        if (!strncmp(line, "--", 2)) {
            /* next sentence: "-- ACTORS" */
            n += (size_t)snprintf(out + n, cap - n, "\n# actors = %s\n", line[2] ? line + 3 : "");
            id = 0;
            continue;
        }
        char f[5][64];
        if (sscanf(line, "%63s %63s %63s %63s %63s", f[0], f[1], f[2], f[3], f[4]) != 5) continue;
        n += (size_t)snprintf(out + n, cap - n, "%d\t%s\t%s\t%s\t_\t_\t%s\t%s\t_\t_\n", ++id, f[0], f[1],
                              f[2], f[3], f[4]);
    }
    if (n < cap) snprintf(out + n, cap - n, "\n");
}
