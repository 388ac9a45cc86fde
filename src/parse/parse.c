/* parse.c — placeholder until the trained tagger and parser land. */
#include "parse.h"

dyad_status dy_parse_model_load(const dyad_allocator *a, const char *model_dir,
                                const char *data_dir, dy_parse_model **out, dyad_error *err) {
    (void)a; (void)data_dir;
    *out = NULL;
    return dy_err(err, DYAD_EMODEL, "%s: no parser model (not trained yet)", model_dir);
}
void dy_parse_model_free(const dyad_allocator *a, dy_parse_model *m) { (void)a; (void)m; }
const char *dy_parse_model_version(const dy_parse_model *m) { (void)m; return "none"; }
dyad_status dy_parse_doc(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    (void)ctx; (void)doc;
    return dy_err(err, DYAD_EMODEL, "no parser model");
}
