/*
 * actors.c — actor mentions: dictionary lookup, composition of modifiers,
 * titles and names, and coreference of pronouns and definite descriptions.
 *
 * Per sentence: the tokens are cut into words (dy_dict_split; so "Ankara's"
 * is two words even when the segmenter left it one token), the longest
 * dictionary match is taken left to right (case rules per alias word), then
 * adjacent matches are composed: a country word before an agent gives the
 * country's code with the agent's role ("Sudanese rebels" → SDNREB), a title
 * before a known person gives the person ("Turkish Foreign Minister Mevlut
 * Cavusoglu"), a capitalised title before unknown capitalised words takes
 * them as the name, "former" turns a person or title into ELI, and
 * "AGENT of STATE" gives the state's code with the agent's role.  Finally
 * pronouns and "the group"-style descriptions are resolved to the nearest
 * compatible actor before them (docs/dictionaries.md, "Recognition").
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "dict.h"
#include "mention.h"

struct dy_actor_dict {
    dy_dict d;
};

const dy_dict *dy_actors_dict(const dy_actor_dict *a);
const dy_dict *dy_actors_dict(const dy_actor_dict *a) { return a ? &a->d : NULL; }

/* MARK: - loading */

typedef struct load_diag {
    char msg[600];
    bool have;
} load_diag;

static void first_error(void *ud, const char *file, unsigned line, int sev, const char *msg) {
    load_diag *L = ud;
    if (sev != 0 || L->have) return;
    snprintf(L->msg, sizeof L->msg, "%s:%u: %s", file, line, msg);
    L->have = true;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

dyad_status dy_actors_load(const dyad_allocator *a, const char *data_dir, dy_actor_dict **out,
                           dyad_error *err) {
    *out = NULL;
    char dir[1200];
    if (!dy_path_join(dir, sizeof dir, data_dir, "actors"))
        return dy_err(err, DYAD_EINVAL, "data directory name too long");
    DIR *dh = opendir(dir);
    if (!dh) return dy_err(err, DYAD_EMODEL, "cannot open actor dictionaries %s", dir);
    char *names[256];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dh)) && nn < 256) {
        size_t l = strlen(de->d_name);
        if (l < 5 || de->d_name[0] == '.' || strcmp(de->d_name + l - 4, ".txt")) continue;
        names[nn] = dy_malloc(a, l + 1);
        if (!names[nn]) break;
        memcpy(names[nn++], de->d_name, l + 1);
    }
    closedir(dh);
    qsort(names, nn, sizeof *names, cmp_names);
    dy_actor_dict *ad = dy_malloc(a, sizeof *ad);
    dyad_status st = DYAD_OK;
    if (!ad) st = dy_err(err, DYAD_ENOMEM, "out of memory");
    else dy_dict_init(&ad->d, a);
    load_diag L = {{0}, false};
    for (size_t i = 0; i < nn && st == DYAD_OK; i++) {
        char path[1500];
        char *text = NULL;
        size_t n = 0, nerr = 0;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        st = dy_read_file(a, path, &text, &n);
        if (st != DYAD_OK) {
            st = dy_err(err, st == DYAD_ENOMEM ? DYAD_ENOMEM : DYAD_EMODEL, "cannot read %s", path);
            break;
        }
        /* entries keep their file name (for diagnostics) in the pool */
        const char *fname = dy_dict_str(&ad->d, path, strlen(path));
        st = fname ? dy_dict_parse(&ad->d, fname, text, n, first_error, &L, &nerr) : DYAD_ENOMEM;
        dy_free(a, text);
        if (st != DYAD_OK) st = dy_err(err, DYAD_ENOMEM, "out of memory");
        else if (nerr) st = dy_err(err, DYAD_EMODEL, "%s", L.msg);
    }
    if (st == DYAD_OK && dy_dict_compile(&ad->d) != DYAD_OK)
        st = dy_err(err, DYAD_ENOMEM, "out of memory compiling actor dictionaries");
    for (size_t i = 0; i < nn; i++) dy_free(a, names[i]);
    if (st != DYAD_OK) {
        dy_actors_free(a, ad);
        return st;
    }
    *out = ad;
    return DYAD_OK;
}

void dy_actors_free(const dyad_allocator *a, dy_actor_dict *d) {
    if (!d) return;
    dy_dict_free(&d->d);
    dy_free(a, d);
}

/* MARK: - words */

typedef struct actx actx;
typedef struct aw aw;
static uint8_t upos_at(actx *X, const aw *x);

struct aw {
    uint32_t cs, ce;        /* clean offsets */
    uint32_t tok;           /* token index within the sentence */
    const char *key;
    uint32_t kn;
    uint8_t cas;            /* 0 lower/other, 1 Capitalised, 2 ALL CAPS */
    uint8_t punct, poss;
    uint8_t upos;
};

static bool weq(const aw *w, const char *s) {
    size_t n = strlen(s);
    return w->kn == n && !memcmp(w->key, s, n);
}

static bool win(const aw *w, const char *const *list) {
    for (; *list; list++)
        if (weq(w, *list)) return true;
    return false;
}

/* "'s" or "’s" as a token of its own */
static bool is_poss_token(const char *p, size_t n) {
    size_t a = 0;
    if (n >= 1 && p[0] == '\'') a = 1;
    else if (n >= 3 && !memcmp(p, "\xE2\x80\x99", 3)) a = 3;
    if (!a) return false;
    return n == a + 1 && (p[a] == 's' || p[a] == 'S');
}

/* Cut the sentence's tokens into words; NULL on OOM. */
static aw *sentence_words(dy_arena *A, const dyad_doc *doc, const dy_sentence *s, size_t *nw) {
    size_t cap = (size_t)s->ntok * 2 + 8, k = 0;
    aw *w = DY_ANEW(A, aw, cap);
    if (!w) return NULL;
    for (uint32_t t = 0; t < s->ntok; t++) {
        const dy_token *tk = &doc->toks[s->tok0 + t];
        uint32_t base = tk->cstart;
        if (tk->form.p >= doc->text.p && tk->form.p <= doc->text.p + doc->text.n)
            base = (uint32_t)(tk->form.p - doc->text.p);
        dy_word_span sp[64];
        size_t ns;
        if (is_poss_token(tk->form.p, tk->form.n)) {
            /* the tokenizer's own "'s" token ("Ukraine" "'s" "president"):
             * one possessive word, as when the split finds it inside a token */
            sp[0] = (dy_word_span){0};
            sp[0].off = 0;
            sp[0].len = (uint32_t)tk->form.n;
            sp[0].poss = 1;
            ns = 1;
        } else {
            ns = dy_dict_split(tk->form.p, tk->form.n, sp, 64);
        }
        if (ns > 64) ns = 64;
        for (size_t i = 0; i < ns; i++) {
            if (k == cap) {
                aw *g = dy_arena_grow(A, w, cap, cap * 2, sizeof *w);
                if (!g) return NULL;
                w = g;
                cap *= 2;
            }
            aw *x = &w[k++];
            memset(x, 0, sizeof *x);
            x->cs = base + sp[i].off;
            x->ce = x->cs + sp[i].len;
            x->tok = t;
            x->punct = sp[i].punct;
            x->poss = sp[i].poss;
            x->upos = tk->upos;
            char buf[96];
            int cs = 0;
            size_t l;
            if (sp[i].poss) { memcpy(buf, "'s", 2); l = 2; }
            else if (sp[i].punct) {
                l = sp[i].len < sizeof buf ? sp[i].len : sizeof buf - 1;
                memcpy(buf, tk->form.p + sp[i].off, l);
            } else {
                l = dy_dict_norm_word(tk->form.p + sp[i].off, sp[i].len, buf, sizeof buf, &cs);
            }
            dy_str c = dy_arena_strdup(A, buf, l);
            if (!c.p) return NULL;
            x->key = c.p;
            x->kn = (uint32_t)l;
            x->cas = (uint8_t)cs;
        }
    }
    *nw = k;
    return w;
}

/* MARK: - dictionary matches */

typedef struct rmatch {
    uint32_t w0, w1;        /* words [w0, w1) */
    uint32_t entry;
} rmatch;

static bool case_ok(const aw *w, const dy_dict_hit *h) {
    for (uint32_t i = 0; i < h->nwords && i < 32; i++) {
        unsigned need = (unsigned)(h->casemask >> (2 * i)) & 3u;
        if (need == 1 && w[i].cas == 0) return false;
        if (need == 2 && w[i].cas != 2) return false;
        if (need == 3 && w[i].cas != 3 && w[i].cas != 2) return false;
    }
    if (h->implicit && w[0].cas == 0) return false;
    return true;
}

/* Best hit among those valid here: written aliases before surnames, then a
 * person in office at the date, then non-agents, then dictionary order. */
static int pick_hit(const dy_dict *d, const aw *w, const dy_dict_hit *h, int nh, int32_t date) {
    int best = -1, bscore = -1;
    for (int i = 0; i < nh; i++) {
        if (!case_ok(w, &h[i])) continue;
        const dy_dict_entry *e = &d->e[h[i].entry];
        int sc = (h[i].implicit ? 0 : 8) + (dy_dict_active(d, e, date) ? 4 : 0) +
                 (e->type != DY_DT_AGENT ? 2 : 0);
        if (sc > bscore) { bscore = sc; best = i; }
    }
    return best;
}

static const char *const k_nonname[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "said", "says", "told", "on", "and", "in", "the", "of", "for",
    "to", "at", "with", "who", "was", "is", NULL};

/* Whether w (the word after a surname match) continues a person's name:
 * a capitalised proper noun that is no weekday or month, nor an institution
 * named after its leader ("the Biden Administration"). */
static bool first_name_here(actx *X, const aw *w) {
    static const char *const inst[] = {"administration", "government", "cabinet", "doctrine",
                                       "plan", "camp", "campaign", "era", "regime", "foundation",
                                       "center", "centre", "institute", "library", NULL};
    return !w->punct && !w->poss && w->cas == 1 && !win(w, k_nonname) && !win(w, inst) &&
           upos_at(X, w) == DY_UPOS_PROPN;
}

/* Whether w, the word before a surname match and in no match of its own,
 * is an unknown first name: "Sahra Abdi contributed" is not Muse Bihi Abdi.
 * Honorifics and titles the dictionary lacks are not names ("Mr Putin",
 * "Sheikh Tamim"). */
static bool first_name_before(actx *X, const aw *w) {
    static const char *const hon[] = {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "gen", "general",
        "col", "colonel", "lt", "maj", "major", "capt", "captain", "adm", "admiral", "sgt",
        "marshal", "commander", "sheikh", "shaikh", "sheik", "imam", "ayatollah", "mullah", "emir",
        "amir", "prince", "princess", "king", "queen", "sultan", "president", "premier",
        "minister", "chancellor", "senator", "sen", "rep", "gov", "governor", "judge", "justice",
        "pope", "father", "rev", "reverend", "bishop", "archbishop", "cardinal", "patriarch",
        "rabbi", "mufti", "sayyed", "sayed", "sayyid", "haji", "hajji", "comrade", "chairman",
        "mayor", "ambassador", "secretary", "speaker", "crown", "mme", "madame", "monsieur",
        "herr", "frau", "dear", "vs", "versus", NULL};
    return !win(w, hon) && first_name_here(X, w);
}

static int common_surnames(actx *X, const dy_dict *d, const aw *w, const rmatch *prev, size_t at,
                           dy_dict_hit *h, int nh);

static size_t find_matches(actx *X, dy_arena *A, const dy_dict *d, const aw *w, size_t nw, int32_t date,
                           rmatch **out) {
    rmatch *m = DY_ANEW(A, rmatch, nw + 1);
    if (!m) return (size_t)-1;
    size_t nm = 0;
    char key[512];
    dy_dict_hit hits[16];
    size_t i = 0, prev_end = 0;
    while (i < nw) {
        if (w[i].punct || w[i].poss) { i++; continue; }
        size_t kn = 0, best_end = 0;
        uint32_t best_entry = 0;
        for (size_t j = i; j < nw && j - i < 40; j++) {
            if (kn + w[j].kn + 2 >= sizeof key) break;
            if (j > i) key[kn++] = ' ';
            memcpy(key + kn, w[j].key, w[j].kn);
            kn += w[j].kn;
            int nh = dy_dict_lookup(d, key, kn, hits, 16);
            if (nh < 0) break;
            if (nh == 0) continue;
            nh = common_surnames(X, d, w + i, nm ? &m[nm - 1] : NULL, i, hits, nh);
            int b = pick_hit(d, w + i, hits, nh, date);
            if (b < 0) continue;
            /* A surname alone followed by another name is a first name:
             * "Attorney-General George Brandis" is not Randy George. */
            if (hits[b].implicit && j + 1 < nw && first_name_here(X, w + j + 1)) continue;
            /* ... and preceded by an unknown first name it is a surname of
             * someone else: "Sahra Abdi" */
            if (hits[b].implicit && i > prev_end && first_name_before(X, w + i - 1)) continue;
            /* a lone pronoun-like word the parser calls PRON ("us", "IT") */
            if (j == i && upos_at(X, &w[i]) == DY_UPOS_PRON) continue;
            best_end = j + 1;
            best_entry = hits[b].entry;
        }
        if (best_end) {
            m[nm++] = (rmatch){(uint32_t)i, (uint32_t)best_end, best_entry};
            i = best_end;
            prev_end = best_end;
        } else {
            i++;
        }
    }
    *out = m;
    return nm;
}

/* MARK: - mentions */

/* What coreference needs to know about a pushed mention beyond dy_mention. */
typedef struct minfo {
    uint8_t person;         /* names one person (person entry, or a title) */
    uint8_t gender;
    char country[4];
} minfo;

struct actx {
    dyad_ctx *ctx;
    dyad_doc *doc;
    const dy_dict *d;
    int32_t date;
    minfo *info;
    size_t ninfo, capinfo;
    size_t first_actor;     /* index of the first mention this pass pushed */
    /* the sentence at work: its words, and whether it is still untagged
     * (DY_SENT_UNTAGGED: upos_at tags it through the hook) */
    dy_actors_tag_fn tag;
    void *tag_ud;
    uint32_t si;
    aw *w;
    size_t nw;
    bool untagged;
    bool failed;            /* the hook failed (out of memory) */
    uint32_t anaphor_tok;   /* the token of the pronoun antecedent() resolves */
    /* the person entries the document has named so far */
    uint32_t *seen;
    size_t nseen, capseen;
    /* titled people the dictionary does not know ("Attorney General Xavier
     * Becerra"): their mention and surname, for a later "Becerra said" */
    struct titled { size_t ment; const char *key; size_t kn; } *titled;
    size_t ntitled, captitled;
    /* the quotation the last sentence left: still open at its end, and the
     * speaker (a mention, or -1) of its last quotation */
    bool q_open;
    int32_t q_speaker;
    uint32_t q_si;
};

/* Whether a common surname ("Johnson", "May", "Khan") names the person
 * of entry: the document named that person before, or a national title
 * of the role the person holds at the date comes right before it ("Prime
 * Minister Johnson" in 2019, not "Speaker Johnson" or "Governor Johnson"). */
static bool common_surname_ok(actx *X, const dy_dict *d, const rmatch *prev, size_t at, uint32_t entry) {
    for (size_t i = 0; i < X->nseen; i++)
        if (X->seen[i] == entry) return true;
    if (!prev || prev->w1 != at) return false;
    const dy_dict_entry *e = &d->e[entry], *t = &d->e[prev->entry];
    if (t->type != DY_DT_AGENT || t->person != 1 || !dy_dict_active(d, e, X->date)) return false;
    /* a local office is held by many people of that name */
    if (!strcmp(t->name, "governor") || !strcmp(t->name, "mayor")) return false;
    const char *pc = dy_dict_code_at(d, e, X->date), *tc = dy_dict_code_at(d, t, X->date);
    size_t pn = strlen(pc);
    return strlen(tc) == 3 && pn >= 3 && !memcmp(pc + pn - 3, tc, 3);
}

/* Keep of hits h the common-surname keys that name their person here
 * (common_surname_ok), none when they could name two people, and no month
 * or weekday ("In May"). */
static int common_surnames(actx *X, const dy_dict *d, const aw *w, const rmatch *prev, size_t at,
                           dy_dict_hit *h, int nh) {
    int k = 0, ncommon = 0;
    int64_t took = -1;
    bool two = false;
    for (int i = 0; i < nh; i++) {
        if (h[i].implicit == DY_SURNAME_COMMON) {
            if (win(w, k_nonname) || !common_surname_ok(X, d, prev, at, h[i].entry)) continue;
            two |= took >= 0 && took != h[i].entry;
            took = h[i].entry;
            ncommon++;
        }
        h[k++] = h[i];
    }
    if (!two || !ncommon) return k;
    int r = 0;
    for (int i = 0; i < k; i++)
        if (h[i].implicit != DY_SURNAME_COMMON) h[r++] = h[i];
    return r;
}

/* Whether word w alone is no dictionary key (no alias, no surname key:
 * those the matcher and its surname rules handle). */
static bool no_key(const dy_dict *d, const aw *w) {
    dy_dict_hit h[4];
    return dy_dict_lookup(d, w->key, w->kn, h, 4) <= 0;
}

/* A titled name the dictionary does not know: remember its surname. */
static bool saw_titled(actx *X, const aw *surname) {
    if (X->ntitled == X->captitled) {
        size_t nc = X->captitled ? X->captitled * 2 : 8;
        struct titled *g = X->titled ? dy_arena_grow(&X->ctx->arena, X->titled, X->captitled, nc, sizeof *g)
                                     : DY_ANEW(&X->ctx->arena, struct titled, nc);
        if (!g) return false;
        X->titled = g;
        X->captitled = nc;
    }
    X->titled[X->ntitled++] = (struct titled){X->doc->nment - 1, surname->key, surname->kn};
    return true;
}

/* The titled name whose surname is word wi alone ("Becerra said"), the
 * latest; -1 if none, or if wi is part of a longer name. */
static int32_t titled_surname(actx *X, const aw *w, size_t nw, size_t wi) {
    if (!X->ntitled || w[wi].cas != 1 || w[wi].kn < 3) return -1;
    int32_t ai = -1;
    for (size_t i = X->ntitled; i-- > 0 && ai < 0;)
        if (X->titled[i].kn == w[wi].kn && !memcmp(X->titled[i].key, w[wi].key, w[wi].kn))
            ai = (int32_t)X->titled[i].ment;
    /* "Hamza bin Ladin" is not Usama bin Ladin: a name particle before it */
    static const char *const particle[] = {"bin", "ibn", "bint", "al", "el", "abu", "de", "da", "di", "van",
                                           "von", "der", "den", "du", "la", "le", NULL};
    if (ai < 0 || (wi + 1 < nw && first_name_here(X, &w[wi + 1])) || (wi > 0 && win(&w[wi - 1], particle)) ||
        (wi > 0 && first_name_before(X, &w[wi - 1])) || upos_at(X, &w[wi]) != DY_UPOS_PROPN)
        return -1;
    return ai;
}

/* The document names a person: remember the entry. */
static bool saw_person(actx *X, uint32_t entry) {
    for (size_t i = 0; i < X->nseen; i++)
        if (X->seen[i] == entry) return true;
    if (X->nseen == X->capseen) {
        size_t nc = X->capseen ? X->capseen * 2 : 16;
        uint32_t *g = X->seen ? dy_arena_grow(&X->ctx->arena, X->seen, X->capseen, nc, sizeof *g)
                              : DY_ANEW(&X->ctx->arena, uint32_t, nc);
        if (!g) return false;
        X->seen = g;
        X->capseen = nc;
    }
    X->seen[X->nseen++] = entry;
    return true;
}

/* The tag of word x of the sentence at work.  An untagged sentence is
 * tagged first (the hook), so that what the pass decides from a tag is what
 * it decides on a tagged document; the words' tags are refreshed. */
static uint8_t upos_at(actx *X, const aw *x) {
    if (X->untagged) {
        X->untagged = false;
        if (!X->tag(X->tag_ud, X->doc, X->si)) {
            X->failed = true;
        } else {
            const dy_token *T = X->doc->toks + X->doc->sents[X->si].tok0;
            for (size_t k = 0; k < X->nw; k++) X->w[k].upos = T[X->w[k].tok].upos;
        }
    }
    return x->upos;
}

static const char *const k_former[] = {"former", "ex", NULL};
static const char *const k_locative[] = {"in", "at", "near", "outside", "inside", "around",
                                         "across", "throughout", "into", "toward", "towards",
                                         "within", NULL};
static const char *const k_be[] = {"is", "was", "'s", "seems", "seemed", "appears",
                                   "appeared", "remains", "remained", NULL};
static const char *const k_say[] = {"said", "says", "say", "announced", "warned", "added",
                                    "stated", "claimed", "insisted", "noted", "that", "believes",
                                    "believed", "argued", "argues", "declared", NULL};

static dy_str arena_cat(dy_arena *A, const char *a, const char *b) {
    size_t na = strlen(a), nb = strlen(b);
    char *p = dy_arena_alloc(A, na + nb + 1);
    if (!p) return DY_NULLSTR;
    memcpy(p, a, na);
    memcpy(p + na, b, nb);
    p[na + nb] = 0;
    return (dy_str){p, na + nb};
}

/* Fill code, country and role from a code string (arena or dictionary). */
static void set_code(const dy_dict *d, dy_mention *m, dy_str code, const char *country_attr) {
    m->code = code;
    m->country = m->role = DY_NULLSTR;
    if (code.n >= 3 && dy_dict_is_country(d, code.p)) {
        m->country = (dy_str){code.p, 3};
        if (code.n >= 6) m->role = (dy_str){code.p + 3, 3};
    } else {
        if (code.n >= 3) m->role = (dy_str){code.p, 3};
        if (country_attr && country_attr[0]) m->country = (dy_str){country_attr, 3};
    }
}

static dy_mention *push(actx *X, uint32_t sent, const aw *w, size_t w0, size_t w1, size_t head,
                        const dy_sentence *s, minfo info) {
    dy_mention *m = dy_mention_push(X->ctx, X->doc);
    if (!m) return NULL;
    size_t idx = X->doc->nment - 1;
    if (idx >= X->capinfo) {
        size_t nc = X->capinfo ? X->capinfo * 2 : 32;
        while (nc <= idx) nc *= 2;
        minfo *g = X->info ? dy_arena_grow(&X->ctx->arena, X->info, X->capinfo, nc, sizeof *g)
                           : DY_ANEW(&X->ctx->arena, minfo, nc);
        if (!g) return NULL;
        X->info = g;
        X->capinfo = nc;
    }
    X->info[idx] = info;
    m->kind = DY_MENTION_ACTOR;
    m->sent = sent;
    m->tok_start = w[w0].tok;
    m->tok_end = w[w1 - 1].tok + 1;
    m->head_tok = w[head].tok;
    uint32_t cs = w[w0].cs, ce = w[w1 - 1].ce;
    const uint32_t *map = X->doc->map;
    m->start = map ? map[cs] : cs;
    m->end = map ? map[ce] : ce;
    m->text = (dy_str){X->doc->text.p + cs, ce - cs};
    (void)s;
    return m;
}

static uint8_t ent_of(const dy_dict_entry *e) {
    return e->type == DY_DT_PLACE ? DY_ENT_STATE : e->type;
}

/* Capitalised words after a title that are not in the dictionary: a name. */
static size_t name_words(const aw *w, size_t nw, size_t i) {
    size_t k = 0;
    while (i + k < nw && k < 4 && !w[i + k].punct && !w[i + k].poss && w[i + k].cas >= 1 &&
           !win(&w[i + k], k_nonname))
        k++;
    return k;
}

/* MARK: - coreference */

enum { WANT_PERSON = 1, WANT_STATE = 2, WANT_GROUP = 4, WANT_ORG = 8, WANT_BODY = 16,
       WANT_PLURAL = 32, WANT_COUNTRY = 64, WANT_ARMED = 128 };

typedef struct anaphor {
    const char *word;
    unsigned want;
    const char *role;       /* role to put after the antecedent's country, or NULL */
    uint8_t ent, plural;
} anaphor;

/* Definite descriptions after "the"; docs/dictionaries.md lists them. */
static const anaphor k_dd[] = {
    {"group", WANT_GROUP | WANT_ORG, NULL, DY_ENT_GROUP, 0},
    {"movement", WANT_GROUP | WANT_ORG, NULL, DY_ENT_GROUP, 0},
    {"organization", WANT_GROUP | WANT_ORG, NULL, DY_ENT_ORG, 0},
    {"organisation", WANT_GROUP | WANT_ORG, NULL, DY_ENT_ORG, 0},
    {"militia", WANT_GROUP, NULL, DY_ENT_GROUP, 0},
    {"faction", WANT_GROUP, NULL, DY_ENT_GROUP, 0},
    {"alliance", WANT_ORG | WANT_GROUP, NULL, DY_ENT_ORG, 0},
    {"bloc", WANT_ORG, NULL, DY_ENT_ORG, 0},
    {"country", WANT_STATE, NULL, DY_ENT_STATE, 0},
    {"nation", WANT_STATE, NULL, DY_ENT_STATE, 0},
    {"kingdom", WANT_STATE, NULL, DY_ENT_STATE, 0},
    {"republic", WANT_STATE, NULL, DY_ENT_STATE, 0},
    {"government", WANT_COUNTRY, "GOV", DY_ENT_AGENT, 0},
    {"regime", WANT_COUNTRY, "GOV", DY_ENT_AGENT, 0},
    {"administration", WANT_COUNTRY, "GOV", DY_ENT_AGENT, 0},
    {"authorities", WANT_COUNTRY, "GOV", DY_ENT_AGENT, 1},
    {"army", WANT_COUNTRY, "MIL", DY_ENT_AGENT, 0},
    {"military", WANT_COUNTRY, "MIL", DY_ENT_AGENT, 0},
    {"militants", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"rebels", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"insurgents", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"fighters", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"jihadists", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"extremists", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"guerrillas", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {"gunmen", WANT_ARMED, NULL, DY_ENT_AGENT, 1},
    {NULL, 0, NULL, 0, 0}};

static const anaphor k_pron[] = {
    {"he", WANT_PERSON, NULL, DY_ENT_PERSON, 'm'},
    {"him", WANT_PERSON, NULL, DY_ENT_PERSON, 'm'},
    {"she", WANT_PERSON, NULL, DY_ENT_PERSON, 'f'},
    {"it", WANT_STATE | WANT_GROUP | WANT_ORG | WANT_BODY, NULL, DY_ENT_STATE, 0},
    {"they", WANT_PLURAL | WANT_GROUP, NULL, DY_ENT_AGENT, 1},
    {"them", WANT_PLURAL | WANT_GROUP, NULL, DY_ENT_AGENT, 1},
    {NULL, 0, NULL, 0, 0}};

static bool armed_role(dy_str role) {
    return role.n == 3 && (!memcmp(role.p, "REB", 3) || !memcmp(role.p, "INS", 3) ||
                           !memcmp(role.p, "UAF", 3) || !memcmp(role.p, "IMG", 3));
}

/* Whether mention m (with info) can be the antecedent. */
static bool compatible(const dy_mention *m, const minfo *inf, const anaphor *a, bool pronoun_he_she) {
    unsigned w = a->want;
    if (w & WANT_PERSON) {
        if (!inf->person) return false;
        if (pronoun_he_she && a->plural && inf->gender && inf->gender != a->plural) return false;
        return !m->plural;
    }
    /* a people with a code of its own ("the Kurds", a plural state entry)
     * has no government and is no country */
    bool people = m->ent == DY_ENT_STATE && m->plural && m->country.n == 3 && m->code.n == 3;
    /* "the government", "the military": a state's, never an armed group's */
    if ((w & WANT_COUNTRY) && inf->country[0]) return m->ent != DY_ENT_GROUP && !armed_role(m->role) && !people;
    if (inf->person) return false;
    if ((w & WANT_STATE) && m->ent == DY_ENT_STATE) return !people;
    if ((w & WANT_GROUP) && m->ent == DY_ENT_GROUP) return true;
    if ((w & WANT_ORG) && m->ent == DY_ENT_ORG && !m->plural) return true;
    if ((w & WANT_BODY) && m->ent == DY_ENT_AGENT && !m->plural) return true;
    if ((w & WANT_PLURAL) && m->plural) return true;
    if ((w & WANT_ARMED) && (m->ent == DY_ENT_GROUP || armed_role(m->role))) return true;
    return false;
}

/* Whether token t of sentence si is inside a mention of any kind. */
static bool in_mention(const dyad_doc *doc, uint32_t si, uint32_t t) {
    for (size_t i = doc->nment; i-- > 0;) {
        const dy_mention *m = &doc->ments[i];
        if (m->sent == si && t >= m->tok_start && t < m->tok_end) return true;
    }
    return false;
}

static bool form_lower_in(const dy_token *tk, const char *const *list) {
    char buf[16];
    if (tk->form.n >= sizeof buf) return false;
    for (size_t c = 0; c < tk->form.n; c++)
        buf[c] = (char)(tk->form.p[c] >= 'A' && tk->form.p[c] <= 'Z' ? tk->form.p[c] - 'A' + 'a' : tk->form.p[c]);
    buf[tk->form.n] = 0;
    for (; *list; list++)
        if (!strcmp(buf, *list)) return true;
    return false;
}

/* A Capitalised word (lower case after its first letter) in no mention,
 * no weekday, month or function word. */
static bool unknown_cap(const dyad_doc *doc, uint32_t si, uint32_t t) {
    const dy_token *tk = &doc->toks[doc->sents[si].tok0 + t];
    if (!(tk->flags & DY_TOK_CAP) || tk->form.n < 2) return false;
    bool lower = false;
    for (size_t c = 1; c < tk->form.n && !lower; c++) lower = tk->form.p[c] >= 'a' && tk->form.p[c] <= 'z';
    return lower && !form_lower_in(tk, k_nonname) && !in_mention(doc, si, t);
}

/* Whether token t of sentence si begins a person's name the dictionary
 * does not know, by how the sentence uses it: two or three Capitalised
 * words (unknown_cap) after no article or preposition, then a verb of
 * saying ("Chris Mhike said"), an apposition or a relative clause
 * ("Blessed Mhlanga, a journalist", "Chris Mhike, who represents").  Names
 * of places, events and bodies take an article or preposition ("at the
 * opening of Sacred Defence Week, an annual ...").  *len: the words to
 * skip. */
static bool unknown_person_at(const dyad_doc *doc, uint32_t si, uint32_t t, uint32_t *len) {
    static const char *const before[] = {"the", "a", "an", "of", "at", "in", "on", "to", "from", "for", "by",
                                         "with", "into", "its", "their", "his", "her", NULL};
    static const char *const say[] = {"said", "says", "told", "added", "asked", "wrote", "stated", NULL};
    static const char *const appos[] = {"a", "an", "the", "who", NULL};
    const dy_sentence *s = &doc->sents[si];
    const dy_token *T = &doc->toks[s->tok0];
    *len = 1;
    if (!(T[t].flags & DY_TOK_CAP)) return false;
    uint32_t n = 0;
    while (t + n < s->ntok && n < 4 && unknown_cap(doc, si, t + n)) n++;
    if (n) *len = n;
    if (n < 2 || n > 3 || t + n + 1 >= s->ntok) return false;
    if (t > 0 && (form_lower_in(&T[t - 1], before) || unknown_cap(doc, si, t - 1))) return false;
    if (form_lower_in(&T[t + n], say)) return true;
    return T[t + n].form.n == 1 && T[t + n].form.p[0] == ',' && form_lower_in(&T[t + n + 1], appos);
}

/* Whether a name the dictionary does not know stands between mention ai
 * and token tok of sentence sent: a nearer antecedent of "he" or "she"
 * that the pass cannot see ("Blessed Mhlanga, a journalist, ... Lawyers
 * requested that he be bailed out" is not the president named before). */
static bool unknown_name_between(const actx *X, size_t ai, uint32_t sent, uint32_t tok) {
    const dyad_doc *doc = X->doc;
    const dy_mention *m = &doc->ments[ai];
    for (uint32_t si = m->sent; si <= sent && si < doc->nsent; si++) {
        uint32_t a = si == m->sent ? m->tok_end : 0;
        uint32_t b = si == sent ? tok : doc->sents[si].ntok;
        for (uint32_t t = a; t < b;) {
            uint32_t n = 1;
            if (unknown_person_at(doc, si, t, &n) && t + n <= b) return true;
            t += n;
        }
    }
    return false;
}

/* Nearest compatible actor pushed before; -1 when none within 5 sentences.
 * An object pronoun ("him", "them") passes over the nearest candidate of its
 * own sentence when there is another: "Putin arrived and Xi greeted him".
 * "he" and "she" find none past a person's name the dictionary does not
 * know (unknown_name_between). */
static int32_t antecedent(actx *X, const anaphor *a, uint32_t sent, bool he_she) {
    bool object = a->word[0] == 'h' ? a->word[1] == 'i' : a->word[0] == 't' && a->word[2] == 'e' && a->word[3] == 'm';
    int32_t first = -1;
    for (size_t i = X->doc->nment; i-- > X->first_actor;) {
        const dy_mention *m = &X->doc->ments[i];
        if (m->kind != DY_MENTION_ACTOR) continue;
        if (m->sent + 5 < sent) break;
        if (!m->code.n) continue;
        if (!compatible(m, &X->info[i], a, he_she)) continue;
        if (object && first < 0 && m->sent == sent) { first = (int32_t)i; continue; }
        first = (int32_t)i;
        break;
    }
    if (first >= 0 && he_she && X->anaphor_tok != UINT32_MAX &&
        unknown_name_between(X, (size_t)first, sent, X->anaphor_tok))
        return -1;
    return first;
}

/* Push an anaphor at words [w0,w1) resolved to mention ai. */
static dyad_status push_anaphor(actx *X, uint32_t sent, const aw *w, size_t w0, size_t w1,
                                const dy_sentence *s, const anaphor *a, int32_t ai) {
    /* point at the first mention of the chain */
    int32_t root = ai;
    while (X->doc->ments[root].antecedent >= 0) root = X->doc->ments[root].antecedent;
    dy_mention src = X->doc->ments[ai];
    minfo inf = X->info[ai];
    dy_mention *m = push(X, sent, w, w0, w1, w1 - 1, s, inf);
    if (!m) return DYAD_ENOMEM;
    m->pronoun = 1;
    m->antecedent = root;
    m->name = src.name;
    if (a->role) {
        const char *c3 = inf.country;
        dy_str code = arena_cat(&X->ctx->arena, c3, a->role);
        if (!code.p) return DYAD_ENOMEM;
        set_code(X->d, m, code, c3);
        /* "the army" after a US official: "United States army", not the
         * official's name */
        const char *cn = c3[0] ? dy_dict_country_name(X->d, c3) : NULL;
        dy_str nm = cn ? arena_cat(&X->ctx->arena, cn, " ") : DY_NULLSTR;
        m->name = nm.p ? arena_cat(&X->ctx->arena, nm.p, a->word) : dy_str_c(a->word);
        if (!m->name.p) return DYAD_ENOMEM;
        m->ent = DY_ENT_AGENT;
        m->plural = a->plural;
        X->info[X->doc->nment - 1].person = 0;
    } else if (a->want & WANT_STATE && !(a->want & WANT_GROUP)) {
        /* "the country" names the state, not a capital's government */
        dy_str code = src.code;
        if (src.country.p) code = src.country;
        set_code(X->d, m, code, inf.country);
        m->ent = DY_ENT_STATE;
        m->plural = 0;
    } else {
        m->code = src.code;
        m->country = src.country;
        m->role = src.role;
        m->ent = src.ent;
        m->plural = src.plural;
    }
    return DYAD_OK;
}

static const anaphor *find_anaphor(const anaphor *tab, const aw *w) {
    for (const anaphor *a = tab; a->word; a++)
        if (weq(w, a->word)) return a;
    return NULL;
}

/* "The Southern Transitional Council ... Both the council and the
 * government called ...": "the" + the last word of a group's or an
 * organisation's name, in lower case and ending its noun phrase, names that
 * group when it was named in the last three sentences. */
/* Whether name_head can do anything at word wi, tags aside. */
static bool name_head_words(const aw *w, size_t wi) {
    return wi > 0 && weq(&w[wi - 1], "the") && w[wi].cas == 0 && w[wi].kn >= 4;
}

/* Its tag conditions: a noun ending its noun phrase (read after the words:
 * an untagged sentence is tagged only when an antecedent is there). */
static bool name_head_tags(actx *X, const aw *w, size_t nw, size_t wi) {
    if (upos_at(X, &w[wi]) != DY_UPOS_NOUN) return false;
    return !(wi + 1 < nw && !w[wi + 1].punct &&
             (upos_at(X, &w[wi + 1]) == DY_UPOS_NOUN || upos_at(X, &w[wi + 1]) == DY_UPOS_PROPN));
}

static dyad_status name_head(actx *X, uint32_t si, const aw *w, size_t nw, size_t wi, const dy_sentence *s) {
    if (!name_head_words(w, wi)) return DYAD_OK;
    for (size_t i = X->doc->nment; i-- > X->first_actor;) {
        const dy_mention *m = &X->doc->ments[i];
        if (m->kind != DY_MENTION_ACTOR) continue;
        if (m->sent + 3 < si) break;
        if (!m->code.n || m->pronoun || (m->ent != DY_ENT_GROUP && m->ent != DY_ENT_ORG)) continue;
        dy_str t = m->text;
        size_t b = t.n;
        while (b > 0 && t.p[b - 1] != ' ') b--;
        if (b == 0 || t.n - b != w[wi].kn) continue;
        bool same = true;
        for (size_t k = 0; k < w[wi].kn && same; k++) {
            char c = t.p[b + k];
            if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
            same = c == w[wi].key[k];
        }
        if (!same) continue;
        /* another name with that head in between, one the dictionary does
         * not know ("the Constitution Party's convention ... the party"),
         * is the nearer antecedent: give up */
        const char *from = t.p + t.n, *to = X->doc->text.p + w[wi].cs;
        for (const char *q = from; q + w[wi].kn <= to && same; q++) {
            if (q[0] != (char)(w[wi].key[0] - 'a' + 'A') || q == from || q[-1] != ' ') continue;
            bool eq = true;
            for (size_t k = 1; k < w[wi].kn && eq; k++) eq = q[k] == w[wi].key[k];
            char nx = q + w[wi].kn < to ? q[w[wi].kn] : ' ';
            if (eq && !((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z'))) same = false;
        }
        if (!same || !name_head_tags(X, w, nw, wi)) return DYAD_OK;
        anaphor a = {"", WANT_GROUP | WANT_ORG, NULL, m->ent, m->plural};
        return push_anaphor(X, si, w, wi - 1, wi + 1, s, &a, (int32_t)i);
    }
    return DYAD_OK;
}

/* MARK: - one sentence */

/* "met Zalmay Khalilzad, a US peace envoy, in Qatar", "Dedi Prasetyo, a
 * spokesperson for the Indonesian National Police, confirmed": two to four
 * Capitalised words the dictionary lacks, a comma and [a|an|the] + a
 * one-person title with a code of its own (a country, or a group's or
 * organisation's: after title_of_body) are that person, with the title's
 * code, as a mention of its own before the title (the name is what the
 * verb governs).  The apposition must close: a comma or the end after the
 * title (or after the body of its "for"/"of").  Inserted in place: the
 * mentions after it, their antecedents and the titled names shift. */
static dyad_status appos_names(actx *X, size_t first) {
    dyad_doc *doc = X->doc;
    const aw *w = X->w;
    size_t nw = X->nw;
    static const char *const k_art[] = {"a", "an", "the", NULL};
    static const char *const k_of[] = {"of", "for", NULL};
    for (size_t i = first; i < doc->nment; i++) {
        const dy_mention *m = &doc->ments[i];
        if (m->kind != DY_MENTION_ACTOR || m->pronoun || m->ent == DY_ENT_PERSON || !X->info[i].person ||
            !(m->code.n >= 6 || m->ent == DY_ENT_GROUP || m->ent == DY_ENT_ORG))
            continue;
        size_t a = 0, z = 0;
        while (a < nw && w[a].tok != m->tok_start) a++;
        while (z < nw && w[z].tok < m->tok_end) z++;
        if (a >= nw) continue;
        /* the apposition closes after the title, or after its body */
        if (z < nw && win(&w[z], k_of) && i + 1 < doc->nment && doc->ments[i + 1].sent == m->sent &&
            doc->ments[i + 1].tok_start <= w[z].tok + 2 && doc->ments[i + 1].tok_start > w[z].tok)
            while (z < nw && w[z].tok < doc->ments[i + 1].tok_end) z++;
        if (z < nw && !(w[z].punct && w[z].kn == 1 && (w[z].key[0] == ',' || w[z].key[0] == '.'))) continue;
        size_t b = a;
        if (b > 0 && win(&w[b - 1], k_art)) b--;
        if (b < 3 || !(w[b - 1].punct && w[b - 1].kn == 1 && w[b - 1].key[0] == ',')) continue;
        size_t e = b - 1, c = e;
        while (c > 0 && e - c < 4 && w[c - 1].cas == 1 && !w[c - 1].punct && !w[c - 1].poss &&
               !win(&w[c - 1], k_nonname))
            c--;
        if (e - c < 2 || (c > 0 && w[c - 1].cas >= 1 && !w[c - 1].punct)) continue;
        if (i > first && doc->ments[i - 1].sent == m->sent && doc->ments[i - 1].tok_end > w[c].tok) continue;
        minfo inf = X->info[i];
        dy_mention *nm = push(X, m->sent, w, c, e, e - 1, &doc->sents[m->sent], inf);
        if (!nm) return DYAD_ENOMEM;
        m = &doc->ments[i];        /* the push may move the array */
        size_t L = doc->nment - 1;
        dy_mention tmp = *nm;
        tmp.code = m->code;
        tmp.name = m->name;
        tmp.country = m->country;
        tmp.role = m->role;
        tmp.ent = m->ent;
        tmp.plural = 0;
        memmove(&doc->ments[i + 1], &doc->ments[i], (L - i) * sizeof *doc->ments);
        doc->ments[i] = tmp;
        memmove(&X->info[i + 1], &X->info[i], (L - i) * sizeof *X->info);
        X->info[i] = inf;
        for (size_t j = first; j < doc->nment; j++)
            if (doc->ments[j].antecedent >= (int32_t)i) doc->ments[j].antecedent++;
        for (size_t j = 0; j < X->ntitled; j++)
            if (X->titled[j].ment >= i) X->titled[j].ment++;
        i++;
    }
    return DYAD_OK;
}

/* Words [a, b) between a state and an agent name the body the dictionary
 * lacks a word for: "Indonesian National Police", "US Special
 * Representative" (one or two Capitalised words before a Capitalised
 * agent), "Colombian commerce ministry", "a US peace envoy" (one lowercase
 * noun before a lowercase agent, after a demonym or an all-capitals
 * abbreviation; "Russia attacked civilians" has a verb there).  Each
 * word a token of its own ("Turkish-backed rebels" are not Turkey's). */
static bool name_gap(actx *X, const aw *w, size_t a, size_t b) {
    if (b <= a || b - a > 2) return false;
    for (size_t i = a; i < b; i++)
        if (w[i].punct || w[i].poss || w[i].tok == w[i - 1].tok || win(&w[i], k_nonname)) return false;
    if (w[b].tok == w[b - 1].tok) return false;
    bool caps = w[b].cas == 1;
    for (size_t i = a; i < b; i++) caps = caps && w[i].cas == 1;
    if (caps) return true;
    /* a demonym (ADJ), not a country name: "Russia and Ukraine exchange
     * prisoners" has a verb the tagger may call a noun */
    return b - a == 1 && w[a].cas == 0 && w[b].cas == 0 && upos_at(X, &w[a]) == DY_UPOS_NOUN &&
           (w[a - 1].cas == 2 || upos_at(X, &w[a - 1]) == DY_UPOS_ADJ);
}

/* "a spokesman for the Indonesian National Police", "the head of MSF",
 * "Leaders of the African Union": a title with no country of its own
 * (GOV) followed by of/for/from [the] a body that has one (a group, an
 * organisation, an agent with its country) speaks for that body and takes
 * its code.  Not a state after "for" ("the US envoy for Syria" is not
 * Syria's; "President of France" the composition does). */
static void title_of_body(actx *X, size_t first) {
    dyad_doc *doc = X->doc;
    static const char *const k_of[] = {"of", "for", "from", NULL};
    for (size_t i = first; i + 1 < doc->nment; i++) {
        dy_mention *m = &doc->ments[i];
        const dy_mention *n = &doc->ments[i + 1];
        /* "the head of Iran's Quds Force": the state's body */
        const dy_mention *p = NULL;
        if (i + 2 < doc->nment && n->kind == DY_MENTION_ACTOR && n->ent == DY_ENT_STATE && !n->role.n &&
            n->sent == m->sent && n->tok_end < doc->sents[m->sent].ntok &&
            doc->ments[i + 2].tok_start == n->tok_end + 1 &&
            is_poss_token(doc->toks[doc->sents[m->sent].tok0 + n->tok_end].form.p,
                          doc->toks[doc->sents[m->sent].tok0 + n->tok_end].form.n)) {
            p = n;
            n = &doc->ments[i + 2];
        }
        if (m->kind != DY_MENTION_ACTOR || m->ent != DY_ENT_AGENT || m->country.n || m->pronoun ||
            !dy_str_eqc(m->code, "GOV") || n->kind != DY_MENTION_ACTOR || n->sent != m->sent || !n->code.n ||
            n->pronoun)
            continue;
        if (!(n->ent == DY_ENT_GROUP || n->ent == DY_ENT_ORG ||
              (n->ent == DY_ENT_AGENT && n->country.n == 3 && n->code.n >= 6)))
            continue;
        const dy_token *T = &doc->toks[doc->sents[m->sent].tok0];
        uint32_t t = m->tok_end;
        if (t >= n->tok_start) continue;
        bool ok = false;
        for (const char *const *k = k_of; *k && !ok; k++) ok = dy_str_eqc(T[t].form, *k);
        if (!ok) continue;
        t++;
        if (t < n->tok_start && dy_str_ieq(T[t].form, DY_STR("the"))) t++;
        if (t != (p ? p->tok_start : n->tok_start)) continue;
        m->code = n->code;
        m->country = n->country;
        m->role = n->role;
        m->ent = n->ent;
        m->name = n->name;
        if (m->country.n == 3) memcpy(X->info[i].country, m->country.p, 3);
    }
}

/* MARK: - the speaker of a quotation */

/* 1 an opening quotation mark, 2 a closing one, 3 a straight '"' */
static int quote_mark(const aw *x) {
    if (!x->punct) return 0;
    if (weq(x, "\xE2\x80\x9C") || weq(x, "\xC2\xAB")) return 1;
    if (weq(x, "\xE2\x80\x9D") || weq(x, "\xC2\xBB")) return 2;
    if (weq(x, "\"")) return 3;
    return 0;
}

static const char *const k_quote_say[] = {"said", "says", "say", "told", "tells", "added", "adds", "stated",
                                          "insisted", "warned", "declared", "wrote", "writes", "tweeted",
                                          "explained", "noted", "continued", "argued", "claimed", "replied",
                                          "asserted", "stressed", "emphasised", "emphasized", NULL};

/* The actor mention of this sentence that begins at word j (past a
 * determiner) and, when end > 0, ends right before word end. */
static int32_t mention_at(const actx *X, size_t first, const aw *w, size_t nw, size_t j, size_t end) {
    if (j < nw && (weq(&w[j], "the") || weq(&w[j], "a") || weq(&w[j], "an"))) {
        int32_t m = mention_at(X, first, w, nw, j + 1, end);
        if (m >= 0) return m;
    }
    if (j >= nw) return -1;
    for (size_t i = first; i < X->doc->nment; i++) {
        const dy_mention *m = &X->doc->ments[i];
        if (m->kind != DY_MENTION_ACTOR || !m->code.n || m->tok_start != w[j].tok) continue;
        if (end && (end >= nw || m->tok_end != w[end].tok)) continue;
        return (int32_t)i;
    }
    return -1;
}

/* The speaker of the quotation ending at word c (its closing mark):
 * "“...,” said X" or "“...,” X said". */
static int32_t speaker_after(const actx *X, size_t first, const aw *w, size_t nw, size_t c) {
    size_t j = c + 1;
    if (j < nw && weq(&w[j], ",")) j++;
    if (j >= nw) return -1;
    if (win(&w[j], k_quote_say)) return mention_at(X, first, w, nw, j + 1, 0);
    for (size_t v = j + 1; v < nw && v <= j + 8; v++)
        if (win(&w[v], k_quote_say)) return mention_at(X, first, w, nw, j, v);
    return -1;
}

/* The speaker of the quotation opening at word o: "X said: “...”". */
static int32_t speaker_before(const actx *X, size_t first, const aw *w, size_t nw, size_t o) {
    if (o < 3 || !(weq(&w[o - 1], ":") || weq(&w[o - 1], ","))) return -1;
    size_t v = o - 2;
    if (!win(&w[v], k_quote_say)) return -1;
    for (size_t j = v; j-- > 0 && j + 9 > v;) {
        int32_t m = mention_at(X, first, w, nw, j, v);
        if (m >= 0) return m;
    }
    return -1;
}

/* First-person pronouns inside a quotation stand for its speaker: “We
 * will not negotiate,” said the foreign minister / X said: “We ...”.  A
 * quotation is bounded by its marks; one left open runs on into the next
 * sentences, and a sentence that opens with a quotation and names no
 * speaker goes on quoting the speaker of the sentence before.  The
 * pronoun takes the speaker's code ("we" of a minister is the government
 * the minister speaks for). */
static dyad_status quote_speakers(actx *X, uint32_t si, const aw *w, size_t nw, const dy_sentence *s,
                                  size_t first) {
    bool carried = X->q_open && X->q_si + 1 == si;
    int32_t before = X->q_si + 1 == si ? X->q_speaker : -1;
    X->q_open = false;
    X->q_speaker = -1;
    X->q_si = si;
    enum { MAXQ = 8 };
    size_t qa[MAXQ], qb[MAXQ];
    int nq = 0;
    bool in = carried;
    size_t a = 0;
    for (size_t i = 0; i < nw; i++) {
        int q = quote_mark(&w[i]);
        if (!q) continue;
        bool open = q == 1 || (q == 3 && !in);
        if (open && !in) {
            in = true;
            a = i;
        } else if (!open && in) {
            in = false;
            if (nq < MAXQ) qa[nq] = a, qb[nq] = i, nq++;
        }
    }
    bool open_end = in && nq < MAXQ;
    if (open_end) qa[nq] = a, qb[nq] = nw, nq++;
    static const anaphor speaker = {"", 0, NULL, DY_ENT_AGENT, 0};
    for (int k = 0; k < nq; k++) {
        bool from_before = carried && k == 0 && !quote_mark(&w[qa[0]]);
        int32_t sp = -1;
        if (qb[k] < nw) sp = speaker_after(X, first, w, nw, qb[k]);
        if (sp < 0 && !from_before) sp = speaker_before(X, first, w, nw, qa[k]);
        /* carried on from the sentence before, or a new quotation opening
         * the sentence right after a quoted speaker */
        if (sp < 0 && k == 0 && (from_before || qa[0] == 0)) sp = before;
        if (sp < 0) continue;
        X->q_speaker = sp;
        for (size_t i = qa[k]; i < qb[k]; i++) {
            bool lower = w[i].cas == 0;
            /* "our soldiers": a role with no country is the speaker's */
            if (weq(&w[i], "our") && i + 1 < qb[k]) {
                int32_t r = mention_at(X, first, w, nw, i + 1, 0);
                dy_mention *rm = r >= 0 ? &X->doc->ments[r] : NULL;
                dy_str c3 = X->doc->ments[sp].country;
                if (rm && rm->ent == DY_ENT_AGENT && !rm->country.n && rm->role.n && c3.n == 3) {
                    char cc[4] = {c3.p[0], c3.p[1], c3.p[2], 0}, role[8] = "";
                    snprintf(role, sizeof role, "%.*s", (int)rm->role.n, rm->role.p);
                    dy_str code = arena_cat(&X->ctx->arena, cc, role);
                    if (!code.p) return DYAD_ENOMEM;
                    memcpy(X->info[r].country, cc, 4);
                    set_code(X->d, rm, code, X->info[r].country);
                }
                continue;
            }
            if (!(weq(&w[i], "we") || weq(&w[i], "i") || (lower && (weq(&w[i], "us") || weq(&w[i], "me")))))
                continue;
            if (upos_at(X, &w[i]) && w[i].upos != DY_UPOS_PRON) continue;
            if (mention_at(X, first, w, nw, i, i + 1 < nw ? i + 1 : 0) >= 0) continue;
            dyad_status st = push_anaphor(X, si, w, i, i + 1, s, &speaker, sp);
            if (st != DYAD_OK) return st;
        }
    }
    X->q_open = open_end;
    return DYAD_OK;
}

static dyad_status do_sentence(actx *X, uint32_t si) {
    dyad_doc *doc = X->doc;
    const dy_sentence *s = &doc->sents[si];
    dy_arena *A = &X->ctx->arena;
    size_t nw = 0;
    aw *w = sentence_words(A, doc, s, &nw);
    if (!w) return DYAD_ENOMEM;
    if (!nw) return DYAD_OK;
    X->si = si;
    X->w = w;
    X->nw = nw;
    X->untagged = X->tag && (s->flags & DY_SENT_UNTAGGED);
    rmatch *rm = NULL;
    size_t nm = find_matches(X, A, X->d, w, nw, X->date, &rm);
    if (nm == (size_t)-1) return DYAD_ENOMEM;
    const dy_dict *d = X->d;

    size_t wi = 0, k = 0, first = doc->nment;
    while (wi < nw) {
        /* anaphors before the next match */
        size_t next_w0 = k < nm ? rm[k].w0 : nw;
        for (; wi < next_w0; wi++) {
            if (w[wi].punct || w[wi].poss) continue;
            const anaphor *a = NULL;
            size_t a0 = wi;
            bool pron = false;      /* a pronoun, if the tagger calls it one */
            if (wi > 0 && weq(&w[wi - 1], "the") && (a = find_anaphor(k_dd, &w[wi])) != NULL) {
                a0 = wi - 1;
            } else if ((a = find_anaphor(k_pron, &w[wi])) != NULL) {
                pron = true;
                /* expletive "It was not clear ...", but not "X said it was ready" */
                if (a && weq(&w[wi], "it") && wi + 1 < nw && win(&w[wi + 1], k_be) &&
                    !(wi > 0 && win(&w[wi - 1], k_say)))
                    a = NULL;
                /* "denied it." — an object "it" ending a clause is a claim or
                 * a thing far more often than an actor */
                if (a && weq(&w[wi], "it") && (wi + 1 >= nw || w[wi + 1].punct)) a = NULL;
            }
            X->anaphor_tok = w[wi].tok;
            int32_t ai = a ? antecedent(X, a, si, a->word[0] == 'h' || a->word[0] == 's') : -1;
            X->anaphor_tok = UINT32_MAX;
            /* a word the tagger does not call a pronoun is none ("IT"); its
             * tag is read only where it changes something */
            if (a && pron && (ai >= 0 || name_head_words(w, wi)) && upos_at(X, &w[wi]) &&
                w[wi].upos != DY_UPOS_PRON)
                a = NULL;
            if (!a) {
                int32_t ti = titled_surname(X, w, nw, wi);
                if (ti >= 0) {
                    static const anaphor same = {"", WANT_PERSON, NULL, DY_ENT_AGENT, 0};
                    dyad_status st = push_anaphor(X, si, w, wi, wi + 1, s, &same, ti);
                    if (st != DYAD_OK) return st;
                    continue;
                }
                dyad_status st = name_head(X, si, w, nw, wi, s);
                if (st != DYAD_OK) return st;
                continue;
            }
            if (ai < 0) continue;
            dyad_status st = push_anaphor(X, si, w, a0, wi + 1, s, a, ai);
            if (st != DYAD_OK) return st;
        }
        if (k >= nm) break;

        /* compose from match k */
        size_t w0 = rm[k].w0, w1 = rm[k].w1, head = w1 - 1;
        const dy_dict_entry *e = &d->e[rm[k].entry];
        const dy_dict_entry *mod = NULL;      /* state/place before an agent */
        const dy_dict_entry *agent = NULL;
        const dy_dict_entry *lead = e;
        /* a role noun before a hyphen inside a word modifies what follows
         * it ("a prisoner-exchange agreement", "army-backed"): no actor */
        if (e->type == DY_DT_AGENT && w1 < nw && w[w1].tok == w[w1 - 1].tok && !w[w1].punct && !w[w1].poss) {
            wi = rm[k].w1;
            k++;
            continue;
        }
        bool former = w0 > 0 && win(&w[w0 - 1], k_former);
        if (former) w0--;
        size_t kk = k + 1;
        /* "the" before a definite description that resolves wins over a bare agent */
        if (e->type == DY_DT_AGENT && rm[k].w1 == rm[k].w0 + 1 && rm[k].w0 > 0 &&
            weq(&w[rm[k].w0 - 1], "the") && !(kk < nm && rm[kk].w0 == rm[k].w1)) {
            const anaphor *a = find_anaphor(k_dd, &w[rm[k].w0]);
            int32_t ai = a ? antecedent(X, a, si, false) : -1;
            if (ai >= 0) {
                dyad_status st = push_anaphor(X, si, w, rm[k].w0 - 1, rm[k].w1, s, a, ai);
                if (st != DYAD_OK) return st;
                wi = rm[k].w1;
                k++;
                continue;
            }
        }
        /* a capital that begins a longer name the dictionary lacks
         * ("Victoria Park", "the Washington Post", "Moscow Times"): no actor */
        if (e->capital && rm[k].w1 == rm[k].w0 + 1 && w[rm[k].w0].cas == 1 && w1 < nw && w[w1].cas == 1 &&
            !w[w1].punct && !w[w1].poss && w[w1].tok != w[w1 - 1].tok && !win(&w[w1], k_nonname) &&
            !(kk < nm && rm[kk].w0 == w1)) {
            wi = rm[k].w1;
            k++;
            continue;
        }
        /* a capital or city inside "in Kabul" is a place, not an actor */
        if ((e->type == DY_DT_PLACE || e->capital) &&
            !(kk < nm && (rm[kk].w0 == w1 || (rm[kk].w0 == w1 + 1 && w[w1].poss)) &&
              d->e[rm[kk].entry].type == DY_DT_AGENT)) {
            bool loc = rm[k].w0 > 0 && win(&w[rm[k].w0 - 1], k_locative);
            if (e->type == DY_DT_PLACE || loc) {
                wi = rm[k].w1;
                k++;
                continue;
            }
        }
        /* STATE/PLACE ['s] + next */
        if ((e->type == DY_DT_STATE || e->type == DY_DT_PLACE) && kk < nm) {
            const dy_dict_entry *n = &d->e[rm[kk].entry];
            size_t gap_ok = rm[kk].w0 == w1 || (rm[kk].w0 == w1 + 1 && w[w1].poss) ||
                            (e->type == DY_DT_STATE && !e->capital && n->type == DY_DT_AGENT &&
                             name_gap(X, w, w1 < nw && w[w1].poss ? w1 + 1 : w1, rm[kk].w0));
            if (gap_ok && n->type == DY_DT_AGENT) {
                mod = e;
                agent = n;
                lead = n;
                w1 = rm[kk].w1;
                head = w1 - 1;
                kk++;
            } else if (rm[kk].w0 == w1 && n->type != DY_DT_AGENT && n->type != DY_DT_PLACE &&
                       !(n->type == DY_DT_STATE && !n->capital)) {
                /* "Afghan Taliban" ("Russia's Putin" stays two mentions) */
                lead = n;
                w1 = rm[kk].w1;
                head = w1 - 1;
                kk++;
            }
        } else if (e->type == DY_DT_AGENT) {
            agent = e;
        } else if (e->type == DY_DT_PERSON && e->country[0] && kk < nm && rm[kk].w0 == w1 &&
                   d->e[rm[kk].entry].type == DY_DT_AGENT && d->e[rm[kk].entry].person == 2 &&
                   !former) {
            /* "the Trump administration", "the Netanyahu government",
             * "Assad forces": a body named by its leader is the leader's
             * country's (USAGOV, ISRGOV, SYRMIL) */
            mod = e;
            agent = &d->e[rm[kk].entry];
            lead = agent;
            w1 = rm[kk].w1;
            head = w1 - 1;
            kk++;
        } else if ((e->type == DY_DT_GROUP || e->type == DY_DT_ORG) && kk < nm &&
                   rm[kk].w0 == w1 && d->e[rm[kk].entry].type == DY_DT_AGENT &&
                   !(d->e[rm[kk].entry].person == 1 && rm[kk].w1 < nw &&
                     w[rm[kk].w1].cas >= 1)) {
            /* "al-Shabaab fighters", "Hamas leaders", "ADF rebels": one
             * actor, the group (a group's members act for it); not a title
             * before a name ("Hamas leader Yahya Sinwar") */
            w1 = rm[kk].w1;
            head = w1 - 1;
            kk++;
        }
        /* more agents glued on: "government troops", "police officers" */
        while (agent && kk < nm && rm[kk].w0 == w1 && d->e[rm[kk].entry].type == DY_DT_AGENT) {
            const dy_dict_entry *n = &d->e[rm[kk].entry];
            const char *c1 = d->codes[agent->code0].code, *c2 = d->codes[n->code0].code;
            /* the first word names the body ("police officers" → COP) except
             * that government soldiers are the military, and a rights group
             * or aid body is that whatever its field ("media rights
             * organizations", "health aid agencies" → HRI, NGO) */
            if ((!strcmp(c1, "GOV") && !strcmp(c2, "MIL")) || !strcmp(c2, "HRI") || !strcmp(c2, "NGO")) agent = n;
            lead = agent;
            w1 = rm[kk].w1;
            head = w1 - 1;
            kk++;
        }
        /* AGENT of [the] STATE */
        if (agent && !mod && w1 + 1 < nw && weq(&w[w1], "of")) {
            size_t at = w1 + 1 + (weq(&w[w1 + 1], "the") ? 1 : 0);
            /* not "the head of Iran's Quds Force": the state owns what follows */
            if (kk < nm && rm[kk].w0 == at &&
                (d->e[rm[kk].entry].type == DY_DT_STATE || d->e[rm[kk].entry].type == DY_DT_PLACE) &&
                !d->e[rm[kk].entry].capital && !(rm[kk].w1 < nw && w[rm[kk].w1].poss)) {
                mod = &d->e[rm[kk].entry];
                w1 = rm[kk].w1;
                kk++;
            }
        }
        /* title + person, or capitalised title + unknown name */
        const dy_dict_entry *person = lead->type == DY_DT_PERSON ? lead : NULL;
        bool named = false;
        if (agent && agent->person == 1) {
            if (kk < nm && rm[kk].w0 == w1 && d->e[rm[kk].entry].type == DY_DT_PERSON) {
                person = &d->e[rm[kk].entry];
                w1 = rm[kk].w1;
                head = w1 - 1;
                kk++;
            } else if (w[head].cas >= 1 && w[w1 - 1].cas >= 1) {
                size_t nn = name_words(w, nw, w1);
                if (nn && !(kk < nm && rm[kk].w0 < w1 + nn)) {
                    w1 += nn;
                    head = w1 - 1;
                    named = true;
                }
            } else if (w[head].cas == 0) {
                /* "Pentagon spokesman John Kirby", "army spokesman Oleksandr
                 * Motuzyanyk": a lowercase title takes a full name (two
                 * Capitalised words at least) */
                size_t nn = name_words(w, nw, w1);
                if (nn >= 2 && !(kk < nm && rm[kk].w0 < w1 + nn)) {
                    w1 += nn;
                    head = w1 - 1;
                    named = true;
                }
            }
        }

        /* "former" belongs to a person or a one-person title only */
        if (former && !person && !(agent && agent->person == 1) && lead->type != DY_DT_PERSON) {
            former = false;
            w0++;
        }
        /* the code */
        dy_str code = DY_NULLSTR, name = DY_NULLSTR;
        const char *cattr = NULL;
        minfo inf;
        memset(&inf, 0, sizeof inf);
        uint8_t ent, plural;
        if (person) {
            const char *c = former && person->eli[0] ? person->eli : dy_dict_code_at(d, person, X->date);
            code = dy_str_c(c);
            name = dy_str_c(person->name);
            cattr = person->country;
            ent = DY_ENT_PERSON;
            plural = 0;
            inf.person = 1;
            inf.gender = person->gender;
        } else if (agent) {
            const char *ac = dy_dict_code_at(d, agent, X->date);
            const char *c3 = mod ? mod->country : "";
            if (!c3[0] && mod) {
                const char *mc = dy_dict_code_at(d, mod, X->date);
                if (strlen(mc) >= 3 && dy_dict_is_country(d, mc)) c3 = mc;
            }
            char cc[4] = {0};
            memcpy(cc, c3, c3[0] ? 3 : 0);
            /* "US Iran envoy Brian Hook", "White House Russia adviser Fiona
             * Hill": a state's or its body's name right before names whom
             * the role serves; the state named in between (its name, not a
             * demonym: "Turkey Syrian rebels" stays SYRREB) is its brief */
            const dy_mention *pv = doc->nment > first ? &doc->ments[doc->nment - 1] : NULL;
            dy_str mtext = {doc->text.p + w[w0].cs, w[rm[k].w1 - 1].ce - w[w0].cs};
            if (mod && pv && pv->sent == si && pv->tok_end == w[w0].tok && !former && pv->country.n == 3 &&
                dy_str_ieq(mtext, dy_str_c(mod->name)) &&
                !pv->pronoun && (pv->ent == DY_ENT_STATE || pv->ent == DY_ENT_AGENT) && cc[0] &&
                memcmp(pv->country.p, cc, 3)) {
                memcpy(cc, pv->country.p, 3);
                mod = NULL;
                const char *cn = dy_dict_country_name(d, cc);
                dy_str nm2 = cn ? arena_cat(A, cn, " ") : DY_NULLSTR;
                name = nm2.p ? arena_cat(A, nm2.p, agent->name) : dy_str_c(agent->name);
            }
            if (former && (agent->person == 1)) ac = "ELI";
            /* a people has no government: "Kurdish leaders" are the Kurds (KUR) */
            if (mod && mod->type == DY_DT_STATE && mod->plural && !strcmp(ac, "GOV")) ac = "";
            code = arena_cat(A, cc, ac);
            if (!code.p) return DYAD_ENOMEM;
            if (mod) {
                dy_str nm2 = arena_cat(A, mod->name, " ");
                name = nm2.p ? arena_cat(A, nm2.p, agent->name) : DY_NULLSTR;
            } else if (!name.p) {
                name = dy_str_c(agent->name);
            }
            ent = DY_ENT_AGENT;
            plural = agent->plural;
            inf.person = agent->person == 1 || named;
            memcpy(inf.country, cc, 4);
        } else {
            const char *c = dy_dict_code_at(d, lead, X->date);
            if (former && lead->eli[0] && lead->type == DY_DT_PERSON) c = lead->eli;
            code = dy_str_c(c);
            name = dy_str_c(lead->name);
            cattr = lead->country;
            ent = ent_of(lead);
            plural = lead->plural;
            if (lead->type == DY_DT_STATE && !lead->capital && lead->plural == 0) plural = 0;
        }
        if (person && !saw_person(X, (uint32_t)(person - d->e))) return DYAD_ENOMEM;
        dy_mention *m = push(X, si, w, w0, w1, head, s, inf);
        if (!m) return DYAD_ENOMEM;
        m->name = name;
        set_code(X->d, m, code, cattr);
        m->ent = ent;
        m->plural = plural;
        if (named && !person && !saw_titled(X, &w[w1 - 1])) return DYAD_ENOMEM;
        /* a known person's last word as written ("Carrie Lam": "Lam said"),
         * for names the dictionary gives no surname key (written family name
         * first, or common) */
        if (person && w1 - w0 >= 2 && w[w1 - 1].cas == 1 && !w[w1 - 1].punct && !w[w1 - 1].poss &&
            !win(&w[w1 - 1], k_nonname) && no_key(d, &w[w1 - 1]) && !saw_titled(X, &w[w1 - 1]))
            return DYAD_ENOMEM;
        /* "said Delfin Lorenzana, the Defence Secretary": a name the
         * dictionary lacks in apposition to a one-person title */
        size_t prev_w1 = k ? rm[k - 1].w1 : 0;
        if (!named && !person && agent && agent->person == 1 && w0 >= 4 && w0 - 3 >= prev_w1 &&
            (weq(&w[w0 - 1], "the") || weq(&w[w0 - 1], "a")) && weq(&w[w0 - 2], ",")) {
            size_t b = w0 - 2, nn = 0;
            while (b > prev_w1 && nn < 4 && w[b - 1].cas == 1 && !w[b - 1].punct && !w[b - 1].poss &&
                   !win(&w[b - 1], k_nonname))
                b--, nn++;
            if (nn >= 2 && !saw_titled(X, &w[w0 - 3])) return DYAD_ENOMEM;
        }
        if (!X->info[doc->nment - 1].country[0] && m->country.p)
            memcpy(X->info[doc->nment - 1].country, m->country.p, 3);
        wi = w1;
        k = kk;
    }
    title_of_body(X, first);
    dyad_status st = appos_names(X, first);
    if (st == DYAD_OK) st = quote_speakers(X, si, w, nw, s, first);
    return st;
}

dyad_status dy_actors_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    return dy_actors_find_lazy(ctx, doc, NULL, NULL, err);
}

dyad_status dy_actors_find_lazy(dyad_ctx *ctx, dyad_doc *doc, dy_actors_tag_fn tag, void *ud, dyad_error *err) {
    if (!ctx->model || !ctx->model->actors) return DYAD_OK;
    actx X;
    memset(&X, 0, sizeof X);
    X.tag = tag;
    X.tag_ud = ud;
    X.ctx = ctx;
    X.doc = doc;
    X.d = &ctx->model->actors->d;
    X.first_actor = doc->nment;
    X.q_speaker = -1;
    X.q_si = UINT32_MAX - 1;
    X.anaphor_tok = UINT32_MAX;
    X.date = doc->date.n >= 4 ? dy_dict_date(doc->date.p, doc->date.n >= 10 ? 10 : doc->date.n, false) : 0;
    if (X.date < 0) X.date = 0;
    /* a capacity for info that matches mentions already there */
    for (uint32_t si = 0; si < doc->nsent; si++) {
        dyad_status st = do_sentence(&X, si);
        if (st == DYAD_OK && X.failed) st = DYAD_ENOMEM;
        if (st != DYAD_OK) return dy_err(err, st, "out of memory finding actors");
    }
    return DYAD_OK;
}

/* MARK: - codes at the event's date */

bool dy_actors_recode(const dyad_ctx *ctx, const dyad_doc *doc, dy_mention *m, dy_str date) {
    if (!ctx->model || !ctx->model->actors || m->kind != DY_MENTION_ACTOR || m->ent == DY_ENT_AGENT ||
        !m->name.n || date.n < 4)
        return false;
    const dy_dict *d = &ctx->model->actors->d;
    int32_t from = dy_dict_date(date.p, date.n, false), to = dy_dict_date(date.p, date.n, true);
    int32_t now = doc->date.n >= 4 ? dy_dict_date(doc->date.p, doc->date.n >= 10 ? 10 : doc->date.n, false) : 0;
    if (from <= 0 || to <= 0) return false;
    if (now < 0) now = 0;
    if (now >= from && now < to) return false;          /* the document's own period */
    /* the entry: the canonical name looked up as a key */
    dy_word_span sp[32];
    size_t ns = dy_dict_split(m->name.p, m->name.n, sp, 32);
    char key[512];
    size_t kn = 0;
    for (size_t i = 0; i < ns && i < 32; i++) {
        if (kn + sp[i].len + 2 >= sizeof key) return false;
        if (i) key[kn++] = ' ';
        if (sp[i].poss) { memcpy(key + kn, "'s", 2); kn += 2; continue; }
        kn += dy_dict_norm_word(m->name.p + sp[i].off, sp[i].len, key + kn, sizeof key - kn, NULL);
    }
    dy_dict_hit hits[16];
    int nh = dy_dict_lookup(d, key, kn, hits, 16);
    const dy_dict_entry *e = NULL;
    for (int i = 0; i < nh && i < 16 && !e; i++) {
        const dy_dict_entry *x = &d->e[hits[i].entry];
        if (strlen(x->name) == m->name.n && !memcmp(x->name, m->name.p, m->name.n)) e = x;
    }
    if (!e) return false;
    /* only a code the document date gave ("former" and context codes stay) */
    const char *cur = dy_dict_code_at(d, e, now);
    if (strlen(cur) != m->code.n || memcmp(cur, m->code.p, m->code.n)) return false;
    /* a role held at some time in the period: its first day, else its last */
    int32_t at = from;
    if (!dy_dict_active(d, e, from) && dy_dict_active(d, e, to - 1)) at = to - 1;
    const char *c = dy_dict_code_at(d, e, at);
    if (!strcmp(c, cur)) return false;
    set_code(d, m, dy_str_c(c), e->country);
    return true;
}
