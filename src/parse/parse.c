/*
 * parse.c — the parse stage: load models/tagger.bin, models/parser.bin and
 * the lemmatizer lists, then tag, lemmatise and parse every sentence.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "pint.h"

struct dy_parse_model {
    char *tbytes, *pbytes;  /* mapped read-only (munmap), not heap */
    size_t tn, pn;
    dy_tagger tagger;
    dy_parser parser;
    dy_lemmatizer *lem;
    uint8_t vbd, vbn, vbz, vbp, md;     /* XPOS ids the finite-verb rule uses */
    uint8_t nnp, nnps, jj, nn, cd, cc;  /* the name chunks and tag fixes */
    char version[192];
};

/* Map a model file read-only: the weights are used in place, so loading is
 * one checksum pass over pages shared with every other dyad process; the
 * pages are mapped at once (the checksum reads them all), not one fault at
 * a time. */
static dyad_status map_file(const char *path, char **bytes, size_t *n) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return DYAD_EIO;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        close(fd);
        return DYAD_EIO;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) return DYAD_ENOMEM;
    *bytes = p;
    *n = (size_t)st.st_size;
    return DYAD_OK;
}

static dyad_status load_file(const char *dir, const char *name, uint32_t kind, char **bytes, size_t *n,
                             dy_pm_sec *secs, size_t *nsec, char ver[41], dyad_error *err) {
    char path[1200];
    /* a name with a '/' is a path of its own (DYAD options .parser) */
    if (strchr(name, '/') ? snprintf(path, sizeof path, "%s", name) >= (int)sizeof path
                          : !dy_path_join(path, sizeof path, dir, name))
        return dy_err(err, DYAD_EINVAL, "model path too long");
    dyad_status st = map_file(path, bytes, n);
    if (st == DYAD_ENOMEM) return dy_err(err, st, "%s: cannot map the model file", path);
    if (st != DYAD_OK) return dy_err(err, DYAD_EMODEL, "%s: cannot read model file (missing or empty?)", path);
    char why[160];
    if (!dy_pm_read(*bytes, *n, kind, secs, 8, nsec, ver, why, sizeof why))
        return dy_err(err, DYAD_EMODEL, "%s: %s", path, why);
    return DYAD_OK;
}

/* Make the compact copy of a weight table's records that scoring reads,
 * then let the kernel drop the file's pages of the records, and of the
 * slots for an inline table (a private
 * read-only mapping: they would be read again from the file if touched). */
static dyad_status pack(const dyad_allocator *a, dy_pw *pw, const char *dir, const char *file, dyad_error *err) {
    const char *why = NULL;
    if (!dy_pw_pack(a, pw, &why))
        return why ? dy_err(err, DYAD_EMODEL, "%s/%s: %s", dir, file, why)
                   : dy_err(err, DYAD_ENOMEM, "out of memory loading %s/%s", dir, file);
    long pg = sysconf(_SC_PAGESIZE);
    if (pg > 0) {
        /* an inline table (3 classes) reads neither the slots nor the
         * records, a relocated one (pw->rslots) its own slots */
        uintptr_t b = (uintptr_t)(pw->inl || pw->rslots ? pw->slots : pw->blob), e = (uintptr_t)(pw->blob + pw->nblob),
                  p = (uintptr_t)pg;
        b = (b + p - 1) / p * p;
        e = e / p * p;
        if (e > b) madvise((void *)b, e - b, MADV_DONTNEED);
    }
    return DYAD_OK;
}

dyad_status dy_parse_model_load(const dyad_allocator *a, const char *model_dir, const char *parser_file,
                                const char *data_dir, dy_parse_model **out, dyad_error *err) {
    *out = NULL;
    dy_parse_model *m = dy_malloc(a, sizeof *m);
    if (!m) return dy_err(err, DYAD_ENOMEM, "out of memory loading the parser");
    memset(m, 0, sizeof *m);
    dy_pm_sec ts[8], ps[8];
    size_t nts = 0, nps = 0;
    char tv[41] = "", pv[41] = "";
    const char *why = NULL;
    dyad_status st = load_file(model_dir, "tagger.bin", DY_PM_TAGGER, &m->tbytes, &m->tn, ts, &nts, tv, err);
    if (st == DYAD_OK && !dy_tagger_load(&m->tagger, ts, nts, &why))
        st = dy_err(err, DYAD_EMODEL, "%s/tagger.bin: %s", model_dir, why);
    if (st == DYAD_OK) st = pack(a, &m->tagger.pw, model_dir, "tagger.bin", err);
    if (st == DYAD_OK)
        st = load_file(model_dir, parser_file, DY_PM_PARSER, &m->pbytes, &m->pn, ps, &nps, pv, err);
    const char *pdir = strchr(parser_file, '/') ? "." : model_dir;
    if (st == DYAD_OK && !dy_parser_load(&m->parser, ps, nps, &why))
        st = dy_err(err, DYAD_EMODEL, "%s/%s: %s", pdir, parser_file, why);
    if (st == DYAD_OK) st = pack(a, &m->parser.pw, pdir, parser_file, err);
    if (st == DYAD_OK && m->parser.split) st = pack(a, &m->parser.lw, pdir, parser_file, err);
    if (st == DYAD_OK) {
        size_t ln;
        const char *lt = dy_pm_find(ts, nts, DY_SEC_LEMMAS, &ln);
        st = dy_lemma_load(a, data_dir, lt, ln, &m->lem, err);
    }
    if (st != DYAD_OK) {
        dy_parse_model_free(a, m);
        return st;
    }
    m->vbd = (uint8_t)dy_xpos_find(DY_STR("VBD"));
    m->vbn = (uint8_t)dy_xpos_find(DY_STR("VBN"));
    m->vbz = (uint8_t)dy_xpos_find(DY_STR("VBZ"));
    m->vbp = (uint8_t)dy_xpos_find(DY_STR("VBP"));
    m->md = (uint8_t)dy_xpos_find(DY_STR("MD"));
    m->nnp = (uint8_t)dy_xpos_find(DY_STR("NNP"));
    m->nnps = (uint8_t)dy_xpos_find(DY_STR("NNPS"));
    m->jj = (uint8_t)dy_xpos_find(DY_STR("JJ"));
    m->nn = (uint8_t)dy_xpos_find(DY_STR("NN"));
    m->cd = (uint8_t)dy_xpos_find(DY_STR("CD"));
    m->cc = (uint8_t)dy_xpos_find(DY_STR("CC"));
    /* name the parser file when it is not the joint one (the coder's) */
    const char *base = strrchr(parser_file, '/');
    base = base ? base + 1 : parser_file;
    if (strcmp(base, DYAD_PARSER_JOINT))
        snprintf(m->version, sizeof m->version, "tagger %s, parser %s (%.60s)", tv, pv, base);
    else
        snprintf(m->version, sizeof m->version, "tagger %s, parser %s", tv, pv);
    *out = m;
    return DYAD_OK;
}

void dy_parse_model_free(const dyad_allocator *a, dy_parse_model *m) {
    if (!m) return;
    dy_pw_unpack(a, &m->tagger.pw);
    dy_pw_unpack(a, &m->parser.pw);
    dy_pw_unpack(a, &m->parser.lw);
    if (m->tbytes) munmap(m->tbytes, m->tn);
    if (m->pbytes) munmap(m->pbytes, m->pn);
    dy_lemma_free(a, m->lem);
    dy_free(a, m);
}

const char *dy_parse_model_version(const dy_parse_model *m) { return m ? m->version : "none"; }

const dy_tagger *dy_parse_tagger(const dy_parse_model *m) { return &m->tagger; }

const dy_parser *dy_parse_parser(const dy_parse_model *m) { return &m->parser; }

/* Whether word i is a regnal or ordinal Roman numeral ending a name:
 * "King Abdullah II", "Pope Leo XIV". */
static bool regnal(const dy_parse_model *m, const dy_pword *w, size_t i) {
    if (i == 0 || w[i].xpos != m->cd || w[i - 1].upos != DY_UPOS_PROPN || !w[i].form.n || w[i].form.n > 5)
        return false;
    for (size_t k = 0; k < w[i].form.n; k++)
        if (!strchr("IVX", w[i].form.p[k])) return false;
    return true;
}

/* Whether word i was a past tense in training: in the ambiguity class (seen
 * 5 times), or at least once in the lemma table ("struck" is VBD once in
 * EWT, too rare for the class). */
static bool seen_past(const dy_parse_model *m, const dy_pword *w, size_t i) {
    return ((w[i].amb >> (m->vbd & 63)) & 1) || dy_lemma_seen(m->lem, w[i].lower, m->vbd);
}

/* Whether word i, tagged as a past participle right after a noun or
 * pronoun (or a name's regnal number), can be a past tense: a regular -ed
 * form or one seen as VBD, and not a reduced passive ("arrested by"). */
static bool past_after_subject(const dy_parse_model *m, const dy_pword *w, size_t n, size_t i) {
    if (i == 0 || i + 1 >= n || w[i].xpos != m->vbn) return false;
    uint8_t u = w[i - 1].upos;
    if (u != DY_UPOS_NOUN && u != DY_UPOS_PROPN && u != DY_UPOS_PRON && !regnal(m, w, i - 1)) return false;
    if (dy_str_eq(w[i + 1].lower, DY_STR("by"))) return false;
    /* regular verbs share the form; irregular ones must have been seen */
    return seen_past(m, w, i) || (w[i].lower.n > 3 && dy_str_ends(w[i].lower, "ed"));
}

/* Whether word i, tagged a singular noun after a noun phrase in a sentence
 * without a finite verb, is that verb: a form seen as a past tense in
 * training and never as a noun, before an object ("The Israeli military
 * struck Hezbollah." tags "struck" NN). */
static bool noun_past(const dy_parse_model *m, const dy_pword *w, size_t n, size_t i) {
    if (i == 0 || i + 1 >= n || w[i].xpos != m->nn) return false;
    uint8_t u = w[i - 1].upos, v = w[i + 1].upos;
    if (u != DY_UPOS_NOUN && u != DY_UPOS_PROPN && u != DY_UPOS_ADJ) return false;
    if (v != DY_UPOS_DET && v != DY_UPOS_PROPN && v != DY_UPOS_NOUN && v != DY_UPOS_PRON && v != DY_UPOS_NUM &&
        v != DY_UPOS_ADJ)
        return false;
    if ((w[i].amb >> (m->nn & 63)) & 1) return false;
    return seen_past(m, w, i) && !dy_lemma_seen(m->lem, w[i].lower, m->nn);
}

/* A clause that reports something has a finite verb.  When the tagger
 * found none in the sentence but read a word that can be a past tense as a
 * participle right after a noun or pronoun ("Police arrested protesters in
 * Nairobi." tagged as a noun phrase: web text has many reduced relatives),
 * that word is the past tense.  The same holds in a clause coordinated
 * after a comma: "..., and Afghan troops clashed with ...". */
static bool possessive(dy_str lower) {
    return dy_str_eq(lower, DY_STR("'s")) || dy_str_eq(lower, DY_STR("\xe2\x80\x99s"));
}

/* Whether the clause of word i has no finite verb after it: none before a
 * clause boundary (", and", ", but", ";") that comes later.  Not a colon:
 * "a film titled Bob Lazar: Area 51 may have ..." */
static bool own_clause_unfinite(const dy_parse_model *m, const dy_pword *w, size_t n, size_t i) {
    for (size_t k = i + 1; k < n; k++) {
        uint8_t x = w[k].xpos;
        if (x == m->vbd || x == m->vbz || x == m->vbp || x == m->md) return false;
        if (dy_str_eq(w[k].lower, DY_STR(";"))) return true;
        if (k + 1 < n && dy_str_eq(w[k].lower, DY_STR(",")) &&
            (dy_str_eq(w[k + 1].lower, DY_STR("and")) || dy_str_eq(w[k + 1].lower, DY_STR("but"))))
            return true;
    }
    return false;
}

static void finite_verb(const dy_parse_model *m, dy_pword *w, size_t n) {
    if (n < 3) return;
    bool finite = false;
    for (size_t i = 0; i < n && !finite; i++) {
        uint8_t x = w[i].xpos;
        finite = x == m->vbd || x == m->vbz || x == m->vbp || x == m->md;
    }
    for (size_t i = 1; i + 1 < n; i++) {
        if (!past_after_subject(m, w, n, i) && (finite || !noun_past(m, w, n, i))) continue;
        if (finite) {
            /* the noun phrase before it must open a clause: ", and NP",
             * ": NP", or the sentence when its finite verbs are all in a
             * later clause ("King Abdullah II hosted al-Sharaa ..., and
             * Amman wants ...") */
            size_t j = i;
            while (j > 0 && (w[j - 1].upos == DY_UPOS_NOUN || w[j - 1].upos == DY_UPOS_PROPN ||
                             w[j - 1].upos == DY_UPOS_ADJ || w[j - 1].upos == DY_UPOS_DET ||
                             w[j - 1].upos == DY_UPOS_NUM || possessive(w[j - 1].lower)))
                j--;
            if (!(j >= 2 && (dy_str_eq(w[j - 1].lower, DY_STR("and")) || dy_str_eq(w[j - 1].lower, DY_STR("but"))) &&
                  (dy_str_eq(w[j - 2].lower, DY_STR(",")) || dy_str_eq(w[j - 2].lower, DY_STR(";")))) &&
                !(j >= 2 && (dy_str_eq(w[j - 1].lower, DY_STR(":")) || dy_str_eq(w[j - 1].lower, DY_STR(";")))) &&
                !(j == 0 && own_clause_unfinite(m, w, n, i)))
                continue;
        }
        w[i].xpos = m->vbd;
        w[i].upos = DY_UPOS_VERB;
        if (!finite) return;
    }
}

/* A capitalised word tagged an adjective, coordinated with a name that
 * heads its own phrase, is a name too: "Azerbaijan and Armenia signed"
 * (an unknown word in -an reads as "Afghan", "American").  Not before a
 * noun, adjective or number after the name ("Iranian and Hezbollah
 * fighters"), nor with an adjective as the conjunct ("Israeli and Turkish
 * officers"). */
static void coordinated_names(const dy_parse_model *m, dy_pword *w, size_t n) {
    for (size_t i = 0; i + 2 < n; i++) {
        if (w[i].xpos != m->jj || !w[i].form.n || w[i].form.p[0] < 'A' || w[i].form.p[0] > 'Z') continue;
        if (w[i + 1].xpos != m->cc || (w[i + 2].xpos != m->nnp && w[i + 2].xpos != m->nnps)) continue;
        if (i + 3 < n) {
            uint8_t u = w[i + 3].upos;
            if (u == DY_UPOS_NOUN || u == DY_UPOS_PROPN || u == DY_UPOS_ADJ || u == DY_UPOS_NUM) continue;
        }
        w[i].xpos = m->nnp;
        w[i].upos = DY_UPOS_PROPN;
    }
}

/* MARK: - name chunks */

static bool day_or_month(dy_str lower) {
    static const char *const k[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                    "sunday", "january", "february", "march", "april", "may", "june",
                                    "july", "august", "september", "october", "november", "december",
                                    NULL};
    for (const char *const *x = k; *x; x++)
        if (dy_str_eqc(lower, *x)) return true;
    return false;
}

/* Mark proper-name chunks: chunk[i] = index of the last word of the chunk
 * word i belongs to, or -1.  A chunk is a run of two to eight NNP/NNPS
 * words (day and month names end it), with a capitalised adjective just
 * before it ("Iraqi Prime Minister Mohammed Shia al-Sudani").  A sentence
 * that is all names (a headline) gets none.  Returns the number of words
 * left when each chunk is reduced to its last word. */
static size_t name_chunks(const dy_parse_model *m, const dy_pword *w, size_t n, int32_t *chunk) {
    size_t left = n, content = 0, named = 0;
    for (size_t i = 0; i < n; i++) chunk[i] = -1;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && j - i < 8 && (w[j].xpos == m->nnp || w[j].xpos == m->nnps) && !day_or_month(w[j].lower))
            j++;
        if (j - i < 2) {
            i = j > i ? j : i + 1;
            continue;
        }
        size_t a = i;
        if (a > 0 && w[a - 1].xpos == m->jj && w[a - 1].form.n && w[a - 1].form.p[0] >= 'A' &&
            w[a - 1].form.p[0] <= 'Z' && chunk[a - 1] < 0)
            a--;
        for (size_t k = a; k < j; k++) chunk[k] = (int32_t)(j - 1);
        left -= j - 1 - a;
        named += j - a;
        i = j;
    }
    for (size_t i = 0; i < n; i++) content += w[i].upos != DY_UPOS_PUNCT;
    if (named + 2 > content) {
        for (size_t i = 0; i < n; i++) chunk[i] = -1;
        return n;
    }
    return left;
}

/* Parse with each name chunk reduced to its last word; the chunk's other
 * words then depend on that word (compound). */
static bool parse_chunked(const dy_parse_model *m, dy_arena *ar, const dy_pword *w, size_t n,
                          const int32_t *chunk, size_t left, int32_t *head, uint8_t *rel) {
    dy_pword *rw = dy_arena_alloc(ar, left * sizeof *rw);
    int32_t *keep = dy_arena_alloc(ar, left * sizeof *keep);
    int32_t *rh = dy_arena_alloc(ar, left * sizeof *rh);
    uint8_t *rr = dy_arena_alloc(ar, left);
    if (!rw || !keep || !rh || !rr) return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (chunk[i] >= 0 && (size_t)chunk[i] != i) {
            head[i] = chunk[i];     /* a chunk's other words hang on its last */
            rel[i] = DY_DEP_COMPOUND;
            continue;
        }
        keep[k] = (int32_t)i;
        rw[k++] = w[i];
    }
    if (k != left || !dy_parser_run(&m->parser, ar, rw, left, rh, rr)) return false;
    for (size_t r = 0; r < left; r++) {
        head[keep[r]] = rh[r] < 0 ? -1 : keep[rh[r]];
        rel[keep[r]] = rr[r];
    }
    return true;
}

/* Tag and lemmatise sentence si: upos, xpos and lemma of its tokens; the
 * tagger's words (the parser's input) in *out.  The sentence is left
 * without a tree (heads -1, deprels DY_DEP_NONE) until parse_sentence. */
static bool tag_sentence(const dy_parse_model *m, dy_arena *ar, dyad_doc *doc, size_t si, dy_pword **out) {
    const dy_sentence *s = &doc->sents[si];
    size_t n = s->ntok;
    dy_token *t = doc->toks + s->tok0;
    dy_str *forms = dy_arena_alloc(ar, n * sizeof *forms);
    dy_pword *w = dy_arena_alloc(ar, n * sizeof *w);
    if (!forms || !w) return false;
    for (size_t i = 0; i < n; i++) forms[i] = t[i].norm.n ? t[i].norm : t[i].form;
    if (!dy_pwords_init(ar, w, forms, n)) return false;
    dyad_ctx *ctx = doc->ctx;
    if (ctx && !ctx->tagcache) ctx->tagcache = dy_tagcache_new(ctx->arena.alloc, &m->tagger);
    dy_tagger_run_cached(&m->tagger, ctx ? ctx->tagcache : NULL, w, n);
    coordinated_names(m, w, n);
    finite_verb(m, w, n);
    for (size_t i = 0; i < n; i++) {
        t[i].upos = w[i].upos;
        t[i].xpos = w[i].xpos;
        t[i].head = -1;
        t[i].deprel = DY_DEP_NONE;
        t[i].lemma = dy_lemma(m->lem, ar, w[i].form, w[i].xpos, w[i].upos);
    }
    *out = w;
    return true;
}

/* Parse tagged sentence si from the tagger's words w: head and deprel. */
static bool parse_sentence(const dy_parse_model *m, dy_arena *ar, dyad_doc *doc, size_t si, const dy_pword *w,
                           bool names) {
    const dy_sentence *s = &doc->sents[si];
    size_t n = s->ntok;
    dy_token *t = doc->toks + s->tok0;
    int32_t *head = dy_arena_alloc(ar, n * sizeof *head);
    uint8_t *rel = dy_arena_alloc(ar, n);
    int32_t *chunk = names ? dy_arena_alloc(ar, n * sizeof *chunk) : NULL;
    if (!head || !rel || (names && !chunk)) return false;
    size_t left = names ? name_chunks(m, w, n, chunk) : n;
    if (left < n ? !parse_chunked(m, ar, w, n, chunk, left, head, rel)
                 : !dy_parser_run(&m->parser, ar, w, n, head, rel))
        return false;
    for (size_t i = 0; i < n; i++) {
        t[i].head = head[i];
        t[i].deprel = rel[i];
    }
    return true;
}

void dy_parse_ctx_free(dyad_ctx *ctx) {
    dy_tagcache_free(ctx->tagcache);
    ctx->tagcache = NULL;
}

dyad_status dy_parse_doc(dyad_ctx *ctx, dyad_doc *doc, bool names, dyad_error *err) {
    const dy_parse_model *m = ctx->model ? ctx->model->parse : NULL;
    if (!m) return dy_err(err, DYAD_EINVAL, "no parser model loaded");
    dy_arena *ar = &ctx->arena;
    for (size_t si = 0; si < doc->nsent; si++) {
        dy_pword *w;
        if (!doc->sents[si].ntok) continue;
        if (!tag_sentence(m, ar, doc, si, &w) || !parse_sentence(m, ar, doc, si, w, names))
            return dy_err(err, DYAD_ENOMEM, "out of memory parsing");
    }
    return DYAD_OK;
}

dyad_status dy_parse_doc_untagged(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    const dy_parse_model *m = ctx->model ? ctx->model->parse : NULL;
    if (!m) return dy_err(err, DYAD_EINVAL, "no parser model loaded");
    doc->pwords = DY_ANEW(&ctx->arena, struct dy_pword *, doc->nsent ? doc->nsent : 1);
    if (!doc->pwords) return dy_err(err, DYAD_ENOMEM, "out of memory parsing");
    for (size_t si = 0; si < doc->nsent; si++) {
        dy_sentence *s = &doc->sents[si];
        if (!s->ntok) continue;
        dy_token *t = doc->toks + s->tok0;
        for (uint32_t i = 0; i < s->ntok; i++) {
            t[i].upos = t[i].xpos = 0;
            t[i].lemma = DY_NULLSTR;
            t[i].head = -1;
            t[i].deprel = DY_DEP_NONE;
        }
        s->flags |= DY_SENT_UNPARSED | DY_SENT_UNTAGGED;
    }
    return DYAD_OK;
}

dyad_status dy_parse_sent_tag(dyad_ctx *ctx, dyad_doc *doc, size_t si, dyad_error *err) {
    const dy_parse_model *m = ctx->model ? ctx->model->parse : NULL;
    if (!m) return dy_err(err, DYAD_EINVAL, "no parser model loaded");
    dy_sentence *s = &doc->sents[si];
    if (!(s->flags & DY_SENT_UNTAGGED)) return DYAD_OK;
    if (!doc->pwords) return dy_err(err, DYAD_EINVAL, "document not prepared for tagging");
    if (!tag_sentence(m, &ctx->arena, doc, si, &doc->pwords[si]))
        return dy_err(err, DYAD_ENOMEM, "out of memory parsing");
    s->flags &= (uint8_t)~DY_SENT_UNTAGGED;
    return DYAD_OK;
}

dyad_status dy_parse_doc_tag(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    dyad_status st = dy_parse_doc_untagged(ctx, doc, err);
    for (size_t si = 0; si < doc->nsent && st == DYAD_OK; si++)
        if (doc->sents[si].ntok) st = dy_parse_sent_tag(ctx, doc, si, err);
    return st;
}

dyad_status dy_parse_doc_wanted(dyad_ctx *ctx, dyad_doc *doc, bool names, dyad_error *err) {
    const dy_parse_model *m = ctx->model ? ctx->model->parse : NULL;
    if (!m) return dy_err(err, DYAD_EINVAL, "no parser model loaded");
    for (size_t si = 0; si < doc->nsent; si++) {
        dy_sentence *s = &doc->sents[si];
        bool want = (s->flags & (DY_SENT_UNPARSED | DY_SENT_WANT_PARSE)) == (DY_SENT_UNPARSED | DY_SENT_WANT_PARSE);
        s->flags &= (uint8_t)~DY_SENT_WANT_PARSE;
        if (!want) continue;
        dyad_status st = dy_parse_sent_tag(ctx, doc, si, err);
        if (st != DYAD_OK) return st;
        if (!doc->pwords || !doc->pwords[si]) return dy_err(err, DYAD_EINVAL, "sentence %zu was not tagged", si);
        if (!parse_sentence(m, &ctx->arena, doc, si, doc->pwords[si], names))
            return dy_err(err, DYAD_ENOMEM, "out of memory parsing");
        s->flags &= (uint8_t)~(DY_SENT_UNPARSED | DY_SENT_WANT_PARSE);
    }
    return DYAD_OK;
}
