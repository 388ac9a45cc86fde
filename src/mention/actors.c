/* actors.c — placeholder until the actor dictionaries land. */
#include "mention.h"

struct dy_actor_dict { int unused; };

dyad_status dy_actors_load(const dyad_allocator *a, const char *data_dir,
                           dy_actor_dict **out, dyad_error *err) {
    (void)data_dir;
    *out = dy_malloc(a, sizeof **out);
    return *out ? DYAD_OK : dy_err(err, DYAD_ENOMEM, "out of memory");
}
void dy_actors_free(const dyad_allocator *a, dy_actor_dict *d) { dy_free(a, d); }
dyad_status dy_actors_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    (void)ctx; (void)doc; (void)err;
    return DYAD_OK;
}
