/*
 * places.c — the gazetteer (loading data/places/gazetteer.tsv and
 * aliases.txt) and place mentions: recognition by longest match of
 * capitalised token runs against the gazetteer's names, and resolution of
 * ambiguous names by country context (the document's and the sentence's
 * countries, regions, demonyms, actors and dateline) over population.
 * Formats: docs/places.md.
 *
 * The dateline place ("NAIROBI" from "NAIROBI (Reuters) -", which the
 * cleaner cuts from the text) becomes a place mention of sentence 0 with an
 * empty token span (tok_start == tok_end == 0), so events can point at it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mention.h"

/* MARK: - gazetteer */

enum { K_COUNTRY = 'C', K_ADMIN1 = 'A', K_PLACE = 'P', K_DEMONYM = 'D', K_REGION = 'R' };
enum { PF_CAPITAL = 1, PF_SEAT = 2 };

typedef struct gplace {
    dy_str name, admin1;
    char cc[4];
    float lat, lon;
    uint32_t pop;
    uint8_t kind;
    uint8_t flags;
} gplace;

typedef struct gkey {
    uint64_t hash;
    uint32_t off;     /* into keys */
    uint32_t len;
    uint32_t place;
    int32_t next;     /* next key entry with the same key (another place), or -1 */
} gkey;

struct dy_gazetteer {
    char *text, *atext;   /* file contents; slices point here */
    gplace *pl;
    size_t npl, cappl;
    char *keys;
    size_t nkeys, capkeys;
    gkey *k;
    size_t nk, capk;
    uint64_t *stop;       /* sorted key hashes of "stop" lines */
    size_t nstop, capstop;
    uint64_t *drop;       /* sorted key hashes of "drop" lines */
    size_t ndrop, capdrop;
    int32_t *tab;         /* open addressing: first key entry of each distinct key, -1 empty */
    size_t ntab;          /* power of two */
};

#define MAX_KEY 128

/* Lookup key: ASCII lowercase, '-' as a space, apostrophes dropped, runs of
 * spaces as one.  Returns the length (0 when empty or too long). */
static size_t norm_key(const char *p, size_t n, char *out) {
    size_t o = 0;
    bool sp = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\'' || c == '`') continue;
        if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
            ((unsigned char)p[i + 2] == 0x98 || (unsigned char)p[i + 2] == 0x99)) {
            i += 2;
            continue;
        }
        if (c == 0xCA && i + 1 < n && ((unsigned char)p[i + 1] == 0xBC || (unsigned char)p[i + 1] == 0xBB)) {
            i++;
            continue;
        }
        if (c == '-' || c == ' ' || c == '\t') {
            if (!sp) {
                if (o >= MAX_KEY) return 0;
                out[o++] = ' ';
            }
            sp = true;
            continue;
        }
        if (o >= MAX_KEY) return 0;
        out[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        sp = false;
    }
    while (o && out[o - 1] == ' ') o--;
    return o;
}

static bool grow(const dyad_allocator *a, void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t c = *cap ? *cap : 256;
    while (c < need) c = *cap ? c * 2 : need;
    void *q = dy_realloc(a, *p, dy_mul(c, size));
    if (!q) return false;
    *p = q;
    *cap = c;
    return true;
}

static bool add_key(const dyad_allocator *a, dy_gazetteer *g, const char *p, size_t n, uint32_t place) {
    char k[MAX_KEY];
    size_t kn = norm_key(p, n, k);
    if (!kn) return true;
    if (!grow(a, (void **)&g->keys, &g->capkeys, g->nkeys + kn, 1) ||
        !grow(a, (void **)&g->k, &g->capk, g->nk + 1, sizeof *g->k))
        return false;
    memcpy(g->keys + g->nkeys, k, kn);
    g->k[g->nk++] = (gkey){dy_hash(k, kn), (uint32_t)g->nkeys, (uint32_t)kn, place, -1};
    g->nkeys += kn;
    return true;
}

static int u64_cmp(const void *x, const void *y) {
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static bool same_key(const dy_gazetteer *g, const gkey *e, uint64_t h, const char *k, size_t kn) {
    return e->hash == h && e->len == kn && !memcmp(g->keys + e->off, k, kn);
}

/* Put key entry i into the table (chained behind an equal key; a repeated
 * (key, place) pair is dropped). */
static void tab_insert(dy_gazetteer *g, int32_t i) {
    gkey *e = &g->k[i];
    size_t mask = g->ntab - 1;
    for (size_t s = (size_t)e->hash & mask;; s = (s + 1) & mask) {
        int32_t h = g->tab[s];
        if (h < 0) {
            g->tab[s] = i;
            return;
        }
        if (same_key(g, &g->k[h], e->hash, g->keys + e->off, e->len)) {
            for (int32_t j = h;; j = g->k[j].next) {
                if (g->k[j].place == e->place) return;
                if (g->k[j].next < 0) {
                    g->k[j].next = i;
                    return;
                }
            }
        }
    }
}

/* (Re)build the table for nk entries plus room for `extra` more. */
static bool tab_build(const dyad_allocator *a, dy_gazetteer *g, size_t extra) {
    size_t n = 64;
    while (n < (g->nk + extra) * 5 / 3) n *= 2; /* load factor <= 0.6 */
    int32_t *t = dy_realloc(a, g->tab, dy_mul(n, sizeof *t));
    if (!t) return false;
    g->tab = t;
    g->ntab = n;
    memset(t, 0xff, n * sizeof *t);
    for (size_t i = 0; i < g->nk; i++) {
        g->k[i].next = -1;
        tab_insert(g, (int32_t)i);
    }
    return true;
}

/* First key entry for k (already normalised), or -1. */
static int32_t find_key(const dy_gazetteer *g, const char *k, size_t kn) {
    if (!g->ntab) return -1;
    uint64_t h = dy_hash(k, kn);
    size_t mask = g->ntab - 1;
    for (size_t s = (size_t)h & mask;; s = (s + 1) & mask) {
        int32_t i = g->tab[s];
        if (i < 0) return -1;
        if (same_key(g, &g->k[i], h, k, kn)) return i;
    }
}

#define FOR_KEYS(g, head, i) for (int32_t i = (head); i >= 0; i = (g)->k[i].next)

static bool is_stop(const dy_gazetteer *g, const char *k, size_t kn) {
    uint64_t h = dy_hash(k, kn);
    return bsearch(&h, g->stop, g->nstop, sizeof *g->stop, u64_cmp) != NULL;
}

static bool is_drop(const dy_gazetteer *g, const char *k, size_t kn) {
    uint64_t h = dy_hash(k, kn);
    return g->ndrop && bsearch(&h, g->drop, g->ndrop, sizeof *g->drop, u64_cmp) != NULL;
}

/* Split a line in place at TABs into at most max fields; returns the count. */
static int split_tabs(char *line, char **f, int max) {
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = 0;
            if (n == max) return max + 1;
            f[n++] = p + 1;
        }
    return n;
}

/* Decimal number [-]digits[.digits]: strtod is most of the load time. */
static bool parse_num(const char *s, double lo, double hi, double *out) {
    bool neg = *s == '-';
    if (neg) s++;
    if (*s < '0' || *s > '9') return false;
    double v = 0, scale = 1;
    int nd = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        if (++nd <= 12) v = v * 10 + (*s - '0');
    if (nd > 12) return false;
    if (*s == '.') {
        s++;
        for (int k = 0; *s >= '0' && *s <= '9'; s++, k++)
            if (k < 9) v = v * 10 + (*s - '0'), scale *= 10;
    }
    if (*s) return false;
    v = (neg ? -v : v) / scale;
    if (!(v >= lo && v <= hi)) return false;
    *out = v;
    return true;
}

static bool valid_cc(const char *s) {
    return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
           s[2] >= 'A' && s[2] <= 'Z';
}

static gplace *new_place(const dyad_allocator *a, dy_gazetteer *g) {
    if (!grow(a, (void **)&g->pl, &g->cappl, g->npl + 1, sizeof *g->pl)) return NULL;
    gplace *p = &g->pl[g->npl++];
    memset(p, 0, sizeof *p);
    return p;
}

static dyad_status load_main(const dyad_allocator *a, dy_gazetteer *g, const char *path,
                             dyad_error *err) {
    size_t n;
    dyad_status st = dy_read_file(a, path, &g->text, &n);
    if (st != DYAD_OK) return dy_err(err, st == DYAD_ENOMEM ? st : DYAD_EMODEL, "%s: cannot read the gazetteer", path);
    /* size the arrays once: growing them by doubling costs copies and page
     * faults, which are most of the load time */
    size_t nlines = 0, nbar = 0;
    for (size_t i = 0; i < n; i++) nlines += g->text[i] == '\n', nbar += g->text[i] == '|';
    if (!grow(a, (void **)&g->pl, &g->cappl, nlines + 512, sizeof *g->pl) ||
        !grow(a, (void **)&g->k, &g->capk, nlines + nbar + 1024, sizeof *g->k) ||
        !grow(a, (void **)&g->keys, &g->capkeys, n + 16384, 1))
        return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
    char *p = g->text, *end = g->text + n;
    size_t lineno = 0;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        *le = 0;
        if (le > p && le[-1] == '\r') le[-1] = 0;
        char *line = p;
        p = le + 1;
        lineno++;
        if (lineno == 1) {
            if (strcmp(line, "#dyad-gazetteer\t1"))
                return dy_err(err, DYAD_EMODEL, "%s:1: not a dyad gazetteer (want \"#dyad-gazetteer<TAB>1\")", path);
            continue;
        }
        if (!line[0] || line[0] == '#') continue;
        char *f[10];
        int nf = split_tabs(line, f, 9);
        if (f[0][0] == 'D' && !f[0][1]) {
            if (nf != 3 || !f[1][0] || !valid_cc(f[2]))
                return dy_err(err, DYAD_EMODEL, "%s:%zu: demonym line needs 3 fields", path, lineno);
            gplace *pl = new_place(a, g);
            if (!pl) return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
            pl->kind = K_DEMONYM;
            pl->name = dy_str_c(f[1]);
            memcpy(pl->cc, f[2], 4);
            if (!add_key(a, g, f[1], strlen(f[1]), (uint32_t)(g->npl - 1)))
                return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
            continue;
        }
        if (nf != 9 || f[0][1] || (f[0][0] != 'C' && f[0][0] != 'A' && f[0][0] != 'P'))
            return dy_err(err, DYAD_EMODEL, "%s:%zu: want 9 TAB-separated fields starting C, A, P (or 3 for D)",
                          path, lineno);
        double lat, lon, pop;
        if (!f[1][0] || !valid_cc(f[2]) || !parse_num(f[4], -90, 90, &lat) ||
            !parse_num(f[5], -180, 180, &lon) || !parse_num(f[6], 0, 4e9, &pop))
            return dy_err(err, DYAD_EMODEL, "%s:%zu: bad name, country code, coordinates or population",
                          path, lineno);
        gplace *pl = new_place(a, g);
        if (!pl) return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
        pl->kind = (uint8_t)f[0][0];
        pl->name = dy_str_c(f[1]);
        memcpy(pl->cc, f[2], 4);
        pl->admin1 = f[3][0] ? dy_str_c(f[3]) : DY_NULLSTR;
        pl->lat = (float)lat;
        pl->lon = (float)lon;
        pl->pop = (uint32_t)pop;
        if (!strcmp(f[7], "PPLC")) pl->flags |= PF_CAPITAL;
        if (!strcmp(f[7], "PPLA")) pl->flags |= PF_SEAT;
        uint32_t id = (uint32_t)(g->npl - 1);
        bool ok = add_key(a, g, f[1], strlen(f[1]), id);
        for (char *s = f[8]; ok && *s;) {
            char *bar = strchr(s, '|');
            size_t len = bar ? (size_t)(bar - s) : strlen(s);
            ok = add_key(a, g, s, len, id);
            s += len + (bar ? 1 : 0);
        }
        if (!ok) return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
    }
    if (g->npl == 0) return dy_err(err, DYAD_EMODEL, "%s: no places", path);
    return DYAD_OK;
}

/* Index the key entry just added (add_key may have added none). */
static bool tab_add_last(const dyad_allocator *a, dy_gazetteer *g) {
    if (g->nk == 0) return true;
    if (g->nk * 5 / 3 >= g->ntab) return tab_build(a, g, g->nk);
    tab_insert(g, (int32_t)(g->nk - 1));
    return true;
}

static dyad_status load_aliases(const dyad_allocator *a, dy_gazetteer *g, const char *path,
                                dyad_error *err) {
    size_t n;
    dyad_status st = dy_read_file(a, path, &g->atext, &n);
    if (st != DYAD_OK) return dy_err(err, st == DYAD_ENOMEM ? st : DYAD_EMODEL, "%s: cannot read the place aliases", path);
    char *p = g->atext, *end = g->atext + n;
    size_t lineno = 0;
    size_t nplmain = g->npl;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end;
        *le = 0;
        if (le > p && le[-1] == '\r') le[-1] = 0;
        char *line = p;
        p = le + 1;
        lineno++;
        if (!line[0] || line[0] == '#') continue;
        char *f[10];
        int nf = split_tabs(line, f, 9);
        if (!strcmp(f[0], "stop") || !strcmp(f[0], "drop")) {
            char k[MAX_KEY];
            size_t kn = nf == 2 ? norm_key(f[1], strlen(f[1]), k) : 0;
            if (!kn) return dy_err(err, DYAD_EMODEL, "%s:%zu: %s takes one name", path, lineno, f[0]);
            bool drop = f[0][0] == 'd';
            if (!grow(a, drop ? (void **)&g->drop : (void **)&g->stop, drop ? &g->capdrop : &g->capstop,
                      (drop ? g->ndrop : g->nstop) + 1, sizeof(uint64_t)))
                return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
            if (drop) g->drop[g->ndrop++] = dy_hash(k, kn);
            else g->stop[g->nstop++] = dy_hash(k, kn);
        } else if (!strcmp(f[0], "alias")) {
            if (nf != 4 || !valid_cc(f[3]))
                return dy_err(err, DYAD_EMODEL, "%s:%zu: alias takes spelling, name, ISO3", path, lineno);
            char k[MAX_KEY];
            size_t kn = norm_key(f[2], strlen(f[2]), k);
            int64_t best = -1;
            FOR_KEYS(g, kn ? find_key(g, k, kn) : -1, i) {
                    const gplace *q = &g->pl[g->k[i].place];
                    if (q->kind == K_DEMONYM || memcmp(q->cc, f[3], 3)) continue;
                    if (best < 0 || q->kind == K_COUNTRY ||
                        (g->pl[best].kind != K_COUNTRY && q->pop > g->pl[best].pop))
                        best = g->k[i].place;
                }
            /* or a place an earlier "place" line added */
            for (size_t i = nplmain; best < 0 && i < g->npl; i++) {
                char k2[MAX_KEY];
                size_t k2n = norm_key(g->pl[i].name.p, g->pl[i].name.n, k2);
                if (k2n == kn && !memcmp(k2, k, kn) && !memcmp(g->pl[i].cc, f[3], 3)) best = (int64_t)i;
            }
            if (best < 0)
                return dy_err(err, DYAD_EMODEL, "%s:%zu: alias target \"%s\" (%s) is not in the gazetteer",
                              path, lineno, f[2], f[3]);
            if (!add_key(a, g, f[1], strlen(f[1]), (uint32_t)best) || !tab_add_last(a, g))
                return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
        } else if (!strcmp(f[0], "place")) {
            double lat, lon, pop;
            if (nf != 8 || !f[1][0] || !valid_cc(f[2]) || !parse_num(f[4], -90, 90, &lat) ||
                !parse_num(f[5], -180, 180, &lon) || !parse_num(f[6], 0, 4e9, &pop))
                return dy_err(err, DYAD_EMODEL,
                              "%s:%zu: place takes name, ISO3, admin1, lat, lon, population, kind", path, lineno);
            gplace *pl = new_place(a, g);
            if (!pl) return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
            pl->kind = K_REGION;
            pl->name = dy_str_c(f[1]);
            memcpy(pl->cc, f[2], 4);
            pl->admin1 = f[3][0] ? dy_str_c(f[3]) : DY_NULLSTR;
            pl->lat = (float)lat;
            pl->lon = (float)lon;
            pl->pop = (uint32_t)pop;
            if (!add_key(a, g, f[1], strlen(f[1]), (uint32_t)(g->npl - 1)) || !tab_add_last(a, g))
                return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
        } else {
            return dy_err(err, DYAD_EMODEL, "%s:%zu: unknown line kind \"%s\" (alias, place, stop, drop)", path,
                          lineno, f[0]);
        }
    }
    qsort(g->stop, g->nstop, sizeof *g->stop, u64_cmp);
    if (g->ndrop) qsort(g->drop, g->ndrop, sizeof *g->drop, u64_cmp);
    return DYAD_OK;
}

dyad_status dy_gazetteer_load(const dyad_allocator *a, const char *data_dir, dy_gazetteer **out,
                              dyad_error *err) {
    *out = NULL;
    dy_gazetteer *g = dy_malloc(a, sizeof *g);
    if (!g) return dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
    memset(g, 0, sizeof *g);
    char path[1200];
    dyad_status st;
    if (!dy_path_join(path, sizeof path, data_dir, "places/gazetteer.tsv"))
        st = dy_err(err, DYAD_EINVAL, "data directory name too long");
    else
        st = load_main(a, g, path, err);
    if (st == DYAD_OK && !tab_build(a, g, 1024)) st = dy_err(err, DYAD_ENOMEM, "out of memory loading the gazetteer");
    if (st == DYAD_OK) {
        if (!dy_path_join(path, sizeof path, data_dir, "places/aliases.txt"))
            st = dy_err(err, DYAD_EINVAL, "data directory name too long");
        else
            st = load_aliases(a, g, path, err);
    }
    if (st != DYAD_OK) {
        dy_gazetteer_free(a, g);
        return st;
    }
    *out = g;
    return DYAD_OK;
}

void dy_gazetteer_free(const dyad_allocator *a, dy_gazetteer *g) {
    if (!g) return;
    dy_free(a, g->text);
    dy_free(a, g->atext);
    dy_free(a, g->pl);
    dy_free(a, g->keys);
    dy_free(a, g->k);
    dy_free(a, g->stop);
    dy_free(a, g->drop);
    dy_free(a, g->tab);
    dy_free(a, g);
}

/* MARK: - recognition */

typedef struct pmatch {
    uint32_t sent;
    uint32_t t0, t1;      /* the name's tokens */
    uint32_t s0, s1;      /* the mention's tokens (modifier, type word, qualifier) */
    int32_t head;         /* first key entry of the name */
    int type;             /* 1 "province"-like word after it, 2 "city"-like */
    bool prep;            /* a place preposition or direction word before it */
    bool stop;
    bool qual;            /* ", Alabama" narrowed it */
    int32_t qcc_place;    /* qualifier's place, or -1 */
    int32_t best;         /* chosen place, or -1 */
} pmatch;

typedef struct psignal {
    uint32_t sent;        /* UINT32_MAX: document-wide only (dateline) */
    char cc[4];
    float w;
    dy_str admin1;        /* a region named in the text, or empty */
    int32_t from;         /* the match it comes from (not its own evidence), or -1 */
} psignal;

static bool tok_is(const dy_token *t, const char *s) { return dy_str_ieq(t->form, dy_str_c(s)); }

static bool tok_in(const dy_token *t, const char *const *list) {
    for (size_t i = 0; list[i]; i++)
        if (tok_is(t, list[i])) return true;
    return false;
}

static const char *const CONNECT[] = {"al", "el", "ad", "as", "ar", "an", "az", "ash", "de", "del", "la",
                                      "le", "of", "upon", "du", "des", "da", "do", "dos", "das", "von",
                                      "van", "der", "bin", "ibn", "abu", "e", "i", "y", "-", "'", ".",
                                      "en", "sur", "am", "ez", "es", "ed", NULL};
static const char *const PREP[] = {"in", "near", "at", "from", "to", "into", "outside", "inside", "around",
                                   "across", "throughout", "toward", "towards", "via", "through", "within",
                                   "over", "of", "between", "off", "along", "nearby", "beyond", "visited",
                                   "visit", "visiting", "entered", "reached", "fled", "captured", "seized",
                                   "shelled", "bombed", "raided", "stormed", "leave", "left", "returned",
                                   "back", "outskirts", "towns", "villages", "cities", "struck", "strike",
                                   "strikes", "hit", "attacked", "attack", "besieged", "encircled",
                                   "surrounded", "liberated", "recaptured", "retook", "overran",
                                   "evacuated", "approached", "control", "controls", "controlled",
                                   "occupied", "invaded", "shelling", "bombing", "siege", "annexed",
                                   "toured", "flew", "travelled", "traveled", "marched", "blockaded",
                                   NULL};
static const char *const DIRECTION[] = {"northern", "southern", "eastern", "western", "central", "north",
                                        "south", "east", "west", "northeastern", "northwestern",
                                        "southeastern", "southwestern", "northeast", "northwest",
                                        "southeast", "southwest", "north-western", "north-eastern",
                                        "south-western", "south-eastern", "northwest", "upper", "lower",
                                        "mainland", NULL};
static const char *const REGION_WORD[] = {"province", "governorate", "region", "state", "district",
                                          "oblast", "county", "prefecture", "territory", "provinces",
                                          "regions", NULL};
static const char *const CITY_WORD[] = {"city", "town", "village", NULL};
static const char *const WHEN_WORD[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                        "Sunday", "January", "February", "March", "April", "May", "June",
                                        "July", "August", "September", "October", "November", "December",
                                        "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", NULL};
static const char *const ORG_AFTER[] = {"Times", "Post", "Journal", "Herald", "Tribune", "Gazette",
                                        "Daily", "News", "University", "College", "FC", "United",
                                        "Club", "Airlines", "Airways", "Bank", "Group", "Institute",
                                        "Street", "Avenue", "Road", "Declaration", "Accord", "Accords",
                                        "Agreement", "Protocol", "Convention", "Process", "Summit",
                                        "Stock", "Exchange", "Observatory", "Post's", NULL};

static const char *const AGENT_NEXT[] = {"said", "says", "say", "has", "have", "had", "is", "was", "were",
                                         "are", "will", "would", "could", "can", "may", "must", "should",
                                         "accused", "accuses", "denied", "denies", "warned", "warns",
                                         "called", "calls", "urged", "urges", "announced", "rejected",
                                         "condemned", "demanded", "insisted", "agreed", "signed", "sent",
                                         "plans", "wants", "wanted", "responded", "retaliated", "vowed",
                                         "claimed", "blamed", "threatened", "refused", "declined",
                                         "launched", "imposed", "expelled", "recalled", "summoned",
                                         "'s", "\xe2\x80\x99s", "and", "or", NULL};

static bool capitalised(const dy_token *t) {
    return (t->flags & DY_TOK_CAP) != 0 || (t->form.n && t->form.p[0] >= 'A' && t->form.p[0] <= 'Z');
}

/* Capitalised, or an Arabic-style article before a capital: "al-Bab". */
static bool namey(const dy_token *t) {
    if (capitalised(t)) return true;
    for (size_t i = 1; i + 1 < t->form.n && i < 5; i++)
        if (t->form.p[i] == '-' && t->form.p[i + 1] >= 'A' && t->form.p[i + 1] <= 'Z') return true;
    return false;
}

/* Match the longest gazetteer name starting at token i of sentence s. */
static bool longest(const dy_gazetteer *g, const dyad_doc *doc, const dy_sentence *s, uint32_t i,
                    pmatch *m) {
    const dy_token *T = doc->toks + s->tok0;
    if (!namey(&T[i])) return false;
    uint32_t maxn = s->ntok - i < 6 ? s->ntok - i : 6;
    for (uint32_t n = maxn; n >= 1; n--) {
        const dy_token *last = &T[i + n - 1];
        if (!namey(last)) continue;
        bool ok = true;
        char raw[MAX_KEY * 2];
        size_t rn = 0;
        for (uint32_t k = i; k < i + n && ok; k++) {
            const dy_token *t = &T[k];
            if (k > i && !namey(t) && !tok_in(t, CONNECT)) ok = false;
            if (t->form.n == 1 && !((t->form.p[0] >= 'A' && t->form.p[0] <= 'Z') ||
                                    t->form.p[0] == '-' || t->form.p[0] == '.' || t->form.p[0] == '\''))
                ok = false;
            if (!ok || rn + t->form.n + 1 >= sizeof raw) {
                ok = false;
                break;
            }
            memcpy(raw + rn, t->form.p, t->form.n);
            rn += t->form.n;
            if (k + 1 < i + n && T[k + 1].cstart > t->cend) raw[rn++] = ' ';
        }
        if (!ok) continue;
        char key[MAX_KEY];
        size_t kn = norm_key(raw, rn, key);
        int32_t head = kn ? find_key(g, key, kn) : -1;
        if (head < 0 || is_drop(g, key, kn)) continue;
        memset(m, 0, sizeof *m);
        m->t0 = i;
        m->t1 = i + n;
        m->s0 = i;
        m->s1 = i + n;
        m->head = head;
        m->stop = is_stop(g, key, kn);
        m->qcc_place = -1;
        m->best = -1;
        return true;
    }
    return false;
}

typedef struct pctx {
    const dy_gazetteer *g;
    const dyad_doc *doc;
    pmatch *m;
    size_t nm;
    psignal *sg;
    size_t nsg;
} pctx;

static bool only_demonyms(const dy_gazetteer *g, const pmatch *m) {
    FOR_KEYS(g, m->head, i)
        if (g->pl[g->k[i].place].kind != K_DEMONYM) return false;
    return true;
}

/* The single country of all (non-demonym unless only) candidates, or NULL. */
static const char *one_country(const dy_gazetteer *g, const pmatch *m, bool *has_country, dy_str *admin1) {
    const char *cc = NULL;
    bool dem = only_demonyms(g, m);
    *has_country = false;
    *admin1 = DY_NULLSTR;
    FOR_KEYS(g, m->head, i) /* a country's name means the country: "Lebanon" */
        if (g->pl[g->k[i].place].kind == K_COUNTRY) {
            *has_country = true;
            return g->pl[g->k[i].place].cc;
        }
    FOR_KEYS(g, m->head, i) {
        const gplace *p = &g->pl[g->k[i].place];
        if (!dem && p->kind == K_DEMONYM) continue;
        if (cc && memcmp(cc, p->cc, 3)) return NULL;
        cc = p->cc;
        if (p->kind == K_COUNTRY) *has_country = true;
        if (p->kind == K_ADMIN1 || p->kind == K_REGION) *admin1 = p->admin1.p ? p->admin1 : p->name;
        else if (p->kind == K_PLACE && !admin1->n) *admin1 = p->admin1;
    }
    return cc;
}

static float weight(const pctx *c, const char *cc, uint32_t sent, bool *admin_hit, dy_str admin1,
                    int32_t self) {
    float dw = 0, sw = 0;
    for (size_t i = 0; i < c->nsg; i++) {
        const psignal *s = &c->sg[i];
        /* a name is not evidence for itself, nor are its repetitions */
        if (memcmp(s->cc, cc, 3) || (self >= 0 && s->from >= 0 && c->m[s->from].head == c->m[self].head))
            continue;
        dw += s->w;
        if (s->sent == sent) sw += s->w;
        if (admin1.n && s->admin1.n && dy_str_ieq(s->admin1, admin1)) *admin_hit = true;
    }
    return 1.2f * log2f(1 + dw) + 1.5f * log2f(1 + sw);
}

static float score(const pctx *c, const pmatch *m, const gplace *p, uint32_t sent, int32_t self) {
    double pop = p->kind == K_COUNTRY ? 1e8 : p->kind == K_REGION && p->pop < 100000 ? 100000 : p->pop;
    float s = (float)log10(pop + 1000);
    bool hit = false;
    s += weight(c, p->cc, sent, &hit, p->kind == K_PLACE ? p->admin1 : p->kind == K_ADMIN1 ? p->name : DY_NULLSTR, self);
    if (hit) s += 2.5f;
    if (m && m->type == 1) s += (p->kind == K_ADMIN1 || p->kind == K_REGION) ? 3.0f : -1.0f;
    if (m && m->type == 2 && p->kind == K_PLACE) s += 2.0f;
    if (p->kind == K_ADMIN1 && !(m && m->type == 1)) s -= 0.8f;
    if (p->flags & PF_CAPITAL) s += 0.5f;
    if (p->flags & PF_SEAT) s += 0.2f;
    return s;
}

static bool qual_ok(const gplace *p, const gplace *q) {
    if (memcmp(p->cc, q->cc, 3)) return false;
    if (q->kind == K_COUNTRY) return true;
    dy_str qa = q->admin1.p ? q->admin1 : q->name;
    return p->admin1.n && dy_str_ieq(p->admin1, qa);
}

static int32_t resolve(const pctx *c, const pmatch *m, int32_t self) {
    const dy_gazetteer *g = c->g;
    const gplace *q = m->qcc_place >= 0 ? &g->pl[m->qcc_place] : NULL;
    int32_t best = -1;
    float bs = -1e9f;
    FOR_KEYS(g, m->head, i) {
        uint32_t id = g->k[i].place;
        const gplace *p = &g->pl[id];
        if (p->kind == K_DEMONYM) continue;
        if (q && !qual_ok(p, q)) continue;
        float s = score(c, m, p, m->sent, self);
        if (s > bs) bs = s, best = (int32_t)id;
    }
    return best;
}

static dyad_status push_signal(dyad_ctx *ctx, pctx *c, size_t *cap, uint32_t sent, const char *cc, float w,
                               dy_str admin1, int32_t from) {
    if (c->nsg == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        psignal *n = dy_arena_grow(&ctx->arena, c->sg, c->nsg, nc, sizeof *n);
        if (!n) return DYAD_ENOMEM;
        c->sg = n;
        *cap = nc;
    }
    psignal *s = &c->sg[c->nsg++];
    s->sent = sent;
    memcpy(s->cc, cc, 3);
    s->cc[3] = 0;
    s->w = w;
    s->admin1 = admin1;
    s->from = from;
    return DYAD_OK;
}

static dyad_status emit_place(dyad_ctx *ctx, dyad_doc *doc, const gplace *p, uint32_t sent, uint32_t s0,
                              uint32_t s1, uint32_t head, dyad_error *err) {
    dy_mention *mt = dy_mention_push(ctx, doc);
    if (!mt) return dy_err(err, DYAD_ENOMEM, "out of memory");
    mt->kind = DY_MENTION_PLACE;
    mt->sent = sent;
    mt->tok_start = s0;
    mt->tok_end = s1;
    mt->head_tok = head;
    if (s1 > s0) {
        const dy_token *a = &doc->toks[doc->sents[sent].tok0 + s0];
        const dy_token *b = &doc->toks[doc->sents[sent].tok0 + s1 - 1];
        mt->start = a->start;
        mt->end = b->end;
        mt->text = (dy_str){doc->text.p + a->cstart, b->cend - a->cstart};
    }
    mt->pname = p->name;
    mt->pcountry = (dy_str){p->cc, 3};
    mt->padmin1 = p->kind == K_COUNTRY ? DY_NULLSTR : p->kind == K_ADMIN1 ? p->name : p->admin1;
    mt->lat = p->lat;
    mt->lon = p->lon;
    return DYAD_OK;
}

dyad_status dy_places_find(dyad_ctx *ctx, dyad_doc *doc, dyad_error *err) {
    const dy_gazetteer *g = ctx->model ? ctx->model->gaz : NULL;
    if (!g || !g->nk) return DYAD_OK;
    pctx c = {g, doc, NULL, 0, NULL, 0};
    size_t capm = 0, capsg = 0;
    size_t nactor = doc->nment;
    /* pass 1: names */
    for (uint32_t si = 0; si < doc->nsent; si++) {
        const dy_sentence *s = &doc->sents[si];
        const dy_token *T = doc->toks + s->tok0;
        for (uint32_t i = 0; i < s->ntok;) {
            pmatch m;
            if (!longest(g, doc, s, i, &m)) {
                i++;
                continue;
            }
            m.sent = si;
            i = m.t1;
            /* inside a person's name (from the actor pass) or a time ("in March")? */
            bool person = false;
            for (size_t k = 0; k < nactor && !person; k++) {
                const dy_mention *a = &doc->ments[k];
                if (((a->kind == DY_MENTION_ACTOR && a->ent == DY_ENT_PERSON) || a->kind == DY_MENTION_TIME) &&
                    a->sent == si && a->tok_start < m.t1 && m.t0 < a->tok_end)
                    person = true;
            }
            if (person) continue;
            if (m.t1 < s->ntok && capitalised(&T[m.t1]) && tok_in(&T[m.t1], ORG_AFTER)) continue;
            /* direction word and preposition before, type word after */
            uint32_t b = m.t0;
            if (b > 0 && !capitalised(&T[b - 1]) && tok_in(&T[b - 1], DIRECTION)) {
                b--;
                m.s0 = b;
                m.prep = true;
            }
            uint32_t pb = b;
            if (pb > 0 && tok_is(&T[pb - 1], "the")) pb--;
            if (pb > 0 && tok_in(&T[pb - 1], PREP)) m.prep = true;
            if (pb > 0 && (tok_is(&T[pb - 1], "and") || tok_is(&T[pb - 1], "or") || tok_is(&T[pb - 1], ",")) &&
                c.nm > 0 && c.m[c.nm - 1].sent == si && c.m[c.nm - 1].s1 + 1 == pb && c.m[c.nm - 1].prep)
                m.prep = true;
            /* one word inside a longer proper name ("Abu Bakr", "Van Hollen",
             * "President Jordan"): not a place unless a preposition says so */
            if (m.t1 == m.t0 + 1 && !m.prep && m.t0 > 0 && capitalised(&T[m.t0 - 1]) &&
                !(T[m.t0 - 1].flags & DY_TOK_SENT_START) && m.t0 - 1 != 0)
                m.stop = true;
            /* ... and a following capitalised word ("Lake Superior", "Roman
             * Catholic", "Hurricane Maria") even after a preposition */
            if (m.t1 == m.t0 + 1 && m.t1 < s->ntok && capitalised(&T[m.t1]) && !tok_in(&T[m.t1], REGION_WORD) &&
                !tok_in(&T[m.t1], CITY_WORD) && !tok_in(&T[m.t1], WHEN_WORD))
                continue;
            if (m.t1 < s->ntok && tok_in(&T[m.t1], REGION_WORD)) m.type = 1, m.s1 = m.t1 + 1;
            else if (m.t1 < s->ntok && !capitalised(&T[m.t1]) && tok_in(&T[m.t1], CITY_WORD))
                m.type = 2, m.s1 = m.t1 + 1;
            /* qualifier: "Birmingham, Alabama", "Hyderabad, Pakistan" */
            if (m.s1 + 1 < s->ntok && tok_is(&T[m.s1], ",")) {
                pmatch q;
                if (longest(g, doc, s, m.s1 + 1, &q)) {
                    int32_t qp = -1;
                    FOR_KEYS(g, q.head, k) {
                        const gplace *p = &g->pl[g->k[k].place];
                        if (p->kind != K_COUNTRY && p->kind != K_ADMIN1) continue;
                        bool fits = false;
                        for (int32_t j = m.head; j >= 0 && !fits; j = g->k[j].next)
                            fits = g->pl[g->k[j].place].kind != K_DEMONYM &&
                                   qual_ok(&g->pl[g->k[j].place], p) && g->k[j].place != g->k[k].place;
                        if (fits && (qp < 0 || p->kind == K_COUNTRY)) qp = (int32_t)g->k[k].place;
                    }
                    if (qp >= 0) {
                        m.qcc_place = qp;
                        m.qual = true;
                        m.s1 = q.t1;
                        i = q.t1;
                    }
                }
            }
            if (c.nm == capm) {
                size_t nc = capm ? capm * 2 : 32;
                pmatch *n = dy_arena_grow(&ctx->arena, c.m, c.nm, nc, sizeof *n);
                if (!n) return dy_err(err, DYAD_ENOMEM, "out of memory");
                c.m = n;
                capm = nc;
            }
            c.m[c.nm++] = m;
        }
    }
    /* pass 2: context signals */
    for (size_t i = 0; i < c.nm; i++) {
        const pmatch *m = &c.m[i];
        if (m->stop && !m->prep) continue;
        bool hc;
        dy_str a1;
        const char *cc = m->qcc_place >= 0 ? g->pl[m->qcc_place].cc : one_country(g, m, &hc, &a1);
        if (m->qcc_place >= 0) {
            const gplace *q = &g->pl[m->qcc_place];
            hc = q->kind == K_COUNTRY;
            a1 = q->kind == K_ADMIN1 ? q->name : DY_NULLSTR;
        }
        if (cc && push_signal(ctx, &c, &capsg, m->sent, cc, hc ? 2.0f : 1.0f, a1, (int32_t)i) != DYAD_OK)
            return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < nactor; k++) {
        const dy_mention *a = &doc->ments[k];
        if (a->kind != DY_MENTION_ACTOR || a->country.n != 3 || !a->country.p) continue;
        char cc[4] = {a->country.p[0], a->country.p[1], a->country.p[2], 0};
        if (!valid_cc(cc)) continue;
        if (push_signal(ctx, &c, &capsg, a->sent, cc, 1.0f, DY_NULLSTR, -1) != DYAD_OK)
            return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    /* the dateline: resolved with the body's context, then context itself */
    int32_t dl = -1;
    if (doc->dateline.n && doc->nsent) {
        char key[MAX_KEY];
        size_t kn = norm_key(doc->dateline.p, doc->dateline.n, key);
        int32_t head = kn ? find_key(g, key, kn) : -1;
        if (head >= 0) {
            pmatch dm;
            memset(&dm, 0, sizeof dm);
            dm.head = head, dm.qcc_place = -1, dm.sent = UINT32_MAX;
            dl = resolve(&c, &dm, -1);
            if (dl >= 0 && push_signal(ctx, &c, &capsg, UINT32_MAX, g->pl[dl].cc, 2.0f, DY_NULLSTR, -1) != DYAD_OK)
                return dy_err(err, DYAD_ENOMEM, "out of memory");
        }
    }
    /* pass 3: resolve and emit */
    if (dl >= 0) {
        dyad_status st = emit_place(ctx, doc, &g->pl[dl], 0, 0, 0, 0, err);
        if (st != DYAD_OK) return st;
        dy_mention *mt = &doc->ments[doc->nment - 1];
        mt->text = doc->dateline;
        /* where the dateline sits in the raw text, if it is there as written */
        size_t lim = doc->raw.n < 512 ? doc->raw.n : 512;
        for (size_t k = 0; k + doc->dateline.n <= lim; k++)
            if (!memcmp(doc->raw.p + k, doc->dateline.p, doc->dateline.n)) {
                mt->start = (uint32_t)k;
                mt->end = (uint32_t)(k + doc->dateline.n);
                break;
            }
    }
    for (size_t i = 0; i < c.nm; i++) {
        pmatch *m = &c.m[i];
        if (m->stop && !m->prep) continue;
        if (only_demonyms(g, m)) continue;
        m->best = resolve(&c, m, (int32_t)i);
        if (m->best < 0) continue;
        const gplace *p = &g->pl[m->best];
        bool plain = !m->prep && !m->qual && !m->type;
        /* "Somali forces": a demonym first */
        bool dem = false;
        FOR_KEYS(g, m->head, k) dem = dem || g->pl[g->k[k].place].kind == K_DEMONYM;
        if (dem && plain) continue;
        /* a small place named without a preposition, in a story with no
         * other sign of its country, is more often a word or a surname
         * ("Bryant", "Alliance") than a place */
        if (p->kind != K_COUNTRY && p->kind != K_REGION && p->pop < 200000) {
            /* the sentence must name its country (or region) when the name
             * stands bare; a small town of a country the story never
             * mentions, in a story about other countries, is another town
             * of that name missing from the gazetteer ("Nawa" in Syria) */
            float dw = 0, sw = 0;
            bool hit = false;
            size_t others = 0;
            for (size_t k = 0; k < c.nsg; k++) {
                const psignal *sg = &c.sg[k];
                if (sg->from >= 0 && c.m[sg->from].head == m->head) continue;
                others++;
                if (!memcmp(sg->cc, p->cc, 3)) {
                    dw += sg->w;
                    if (sg->sent == m->sent) sw += sg->w;
                    if (p->admin1.n && sg->admin1.n && dy_str_ieq(sg->admin1, p->admin1)) hit = true;
                }
            }
            if (plain && sw <= 0 && !hit) continue;
            if (!m->qual && dw <= 0 && others > 0 && p->pop < 50000) continue;
        }
        /* countries and capitals stand for governments ("Moscow said"):
         * places only where the text says so */
        const dy_token *T = doc->toks + doc->sents[m->sent].tok0;
        if (p->kind == K_COUNTRY && !m->prep && !m->qual) continue;
        if ((p->flags & PF_CAPITAL) && !m->prep && !m->qual) {
            /* "Moscow said", "Kyiv's allies": the government, not the city */
            const dy_sentence *s = &doc->sents[m->sent];
            bool agent = m->s1 < s->ntok && tok_in(&T[m->s1], AGENT_NEXT);
            /* as the subject, the government: lead and context countries
             * of other sentences count this place */
            if (!agent && (s->flags & DY_SENT_UNPARSED)) doc->sents[m->sent].flags |= DY_SENT_WANT_PARSE;
            if (dy_sent_parsed(doc, s)) {
                uint8_t d = T[m->t1 - 1].deprel;
                agent = agent || d == DY_DEP_NSUBJ || d == DY_DEP_NSUBJ_PASS || d == DY_DEP_NMOD_POSS;
            }
            if (agent) continue;
        }
        uint32_t head = m->t1 - 1;
        if (dy_sent_parsed(doc, &doc->sents[m->sent]))
            for (uint32_t t = m->t0; t < m->t1; t++)
                if (T[t].head < (int32_t)m->t0 || T[t].head >= (int32_t)m->t1) {
                    head = t;
                    break;
                }
        dyad_status st = emit_place(ctx, doc, p, m->sent, m->s0, m->s1, head, err);
        if (st != DYAD_OK) return st;
    }
    return DYAD_OK;
}
