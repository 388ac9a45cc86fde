/*
 * pint.h — internals shared by the tagger, lemmatizer and parser: feature
 * hashing, the averaged perceptron (training tables and the read-only
 * runtime table), the model file container, the CoNLL-U reader, and the
 * per-sentence working view (dy_psent) the components fill.
 */
#ifndef DY_PINT_H
#define DY_PINT_H

#include "../base/base.h"
#include "../base/ud.h"

/* MARK: hashing */

static inline uint64_t dy_fmix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}
/* Feature key from a template id and up to three values; never 0. */
__attribute__((always_inline)) static inline uint64_t dy_feat3(uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
    uint64_t h = dy_fmix(((uint64_t)tmpl << 40) ^ 0x51ed27f3a1b2c3d4ULL ^ a);
    h = dy_fmix(h ^ (b * 0x9E3779B97F4A7C15ULL));
    h = dy_fmix(h ^ (c * 0xC2B2AE3D27D4EB4FULL));
    return h ? h : 1;
}
/* A batch of feature keys: out[k] = dy_feat3(t[k] >> 40, a[k], b[k], c[k])
 * for k < n, each t[k] the template id shifted left by 40 (model_io.c; with
 * AVX-512 eight keys at a time where the CPU has it, the same keys). */
void dy_feat3_batch(const uint64_t *t, const uint64_t *a, const uint64_t *b, const uint64_t *c, size_t n,
                    uint64_t *out);
/* Whether dy_feat3_batch hashes eight keys at a time here (else it costs
 * more than hashing each key where it is made). */
bool dy_feat3_batch_wide(void);
#define DY_F1(t, a) dy_feat3((t), (a), 0, 0)
#define DY_F2(t, a, b) dy_feat3((t), (a), (b), 0)
#define DY_F3(t, a, b, c) dy_feat3((t), (a), (b), (c))

/* Fold typographic quotes and dashes to ASCII into out (cap >= 4*n+1 is
 * always enough); returns the length. */
size_t dy_pfold(const char *p, size_t n, char *out, size_t cap);

/* MARK: averaged perceptron — runtime (read-only, in the model file)
 *
 * Serialized as: u32 nclass, u32 tsize, u64 nblob, f32 scale, u32 zero,
 * slots[tsize] {u32 fingerprint (key >> 32), u32 offset or 0xFFFFFFFF when
 * empty}, blob u32[nblob].  A feature's record at blob[offset] is a count k
 * followed by k entries (weight << 8 | class), the weight a signed 24-bit
 * fixed-point number (times scale).  The slot of a key is
 * (u32)key * tsize >> 32, then linear probing. */

typedef struct dy_pw {
    uint32_t nclass;
    uint32_t tsize;
    uint64_t nblob;
    float scale;
    const uint32_t *slots;      /* 2 x tsize */
    const uint32_t *blob;
    /* The runtime copy of the records dy_pw_pack makes (NULL until then):
     * smaller records, each at twice its offset in blob (see model_io.c). */
    uint16_t *prec;
    /* Tables of 3 or 7 classes (the split parser's moves) get instead one
     * entry per slot at the file's slot positions, 8 or 16 bytes: the
     * fingerprint, then the weights of classes 1 .. nclass-1 minus that of
     * class 0 as int16 in units of 2^ishift (INT16_MIN in the first: empty
     * slot).  One memory access per feature; the sums dy_pw_add gives are
     * then relative to class 0 (acc[0] stays 0), which leaves every choice
     * among classes as it was (to the rounding). */
    uint64_t *inl;
    uint8_t ishift;             /* inl: the differences are in units of 2^ishift */
    bool avx2;                  /* dy_pw_add may use AVX2 (set by dy_pw_pack) */
    /* Set before dy_pw_pack (0: dense rows for records of at least half of
     * the classes, at the file's offsets): records of at least dense_min
     * weights become dense rows, the records are laid out anew and rslots
     * is the runtime copy of the slots that point at them. */
    uint32_t dense_min;
    uint32_t *rslots;
} dy_pw;

/* scores[c] += weight (in fixed-point units) for every feature found. */
void dy_pw_score(const dy_pw *pw, const uint64_t *f, size_t nf, float *scores);
/* Point pw into a serialized table; false (with why) when its header and
 * length disagree.  The records are not checked yet: dy_pw_pack or
 * dy_pw_check must pass before scoring. */
bool dy_pw_view(dy_pw *pw, const void *p, size_t n, const char **why);
/* Check every slot and record of a viewed table; false with why. */
bool dy_pw_check(const dy_pw *pw, const char **why);
/* Check the viewed table and build its compact runtime copy (dy_pw_score
 * uses it from then on); false with why when the records are inconsistent,
 * false with why untouched when memory runs out.  dy_pw_unpack frees it. */
bool dy_pw_pack(const dyad_allocator *a, dy_pw *pw, const char **why);
void dy_pw_unpack(const dyad_allocator *a, dy_pw *pw);
/* Packed tables only: add the features' weights, in units of 256 (score =
 * 256 x sum), to acc[0 .. nclass rounded up to 8); for an inline table (see
 * inl) in units of 2^ishift and relative to class 0. */
void dy_pw_add(const dy_pw *pw, const uint64_t *f, size_t nf, int32_t *acc);

/* MARK: averaged perceptron — training */

typedef struct dy_pwt_ent { double u; float w; uint32_t cls; } dy_pwt_ent;
typedef struct dy_pwt_feat {
    uint64_t key;
    dy_pwt_ent *e;
    uint32_t n, cap;
    uint32_t seen;              /* occurrences counted by dy_pwt_count */
} dy_pwt_feat;
typedef struct dy_pwt {
    uint32_t nclass;
    dy_pwt_feat *tab;
    size_t tsize, nfeat;
    double c;           /* instances seen + 1 */
} dy_pwt;

bool dy_pwt_init(dy_pwt *t, uint32_t nclass);
void dy_pwt_free(dy_pwt *t);
void dy_pwt_score(const dy_pwt *t, const uint64_t *f, size_t nf, float *scores);
bool dy_pwt_update(dy_pwt *t, const uint64_t *f, size_t nf, uint32_t cls, float delta);
/* Count occurrences of the features (for the frequency cut-off). */
bool dy_pwt_count(dy_pwt *t, const uint64_t *f, size_t nf);
/* Adds factor times the averaged weights of src to dst's weights, and takes
 * the larger occurrence count of each feature: the mixture of several
 * trained tables, in a table that was never updated or ticked (its
 * averaged weights are then its weights). */
bool dy_pwt_mix(dy_pwt *dst, const dy_pwt *src, double factor);
static inline void dy_pwt_tick(dy_pwt *t) { t->c += 1; }
/* Append the averaged weights as a serialized dy_pw, keeping features seen
 * at least min_count times (when counted) and weights with |w| >= min_abs. */
bool dy_pwt_serialize(const dy_pwt *t, float min_abs, uint32_t min_count, dy_buf *out);

/* MARK: model file container
 *
 * Little-endian.  Header (64 bytes): magic "DYADPM\r\n", u32 format version,
 * u32 kind, u32 section count, u32 zero, char model_version[40] (NUL
 * padded).  Then the section table (count x {u32 id, u32 zero, u64 offset,
 * u64 length}), the sections (8-aligned) and a trailing u32 CRC-32 of every
 * byte before it. */

#define DY_PM_FORMAT 1
enum { DY_PM_TAGGER = 1, DY_PM_PARSER = 2 };
enum { DY_SEC_META = 1, DY_SEC_WEIGHTS = 2, DY_SEC_LEMMAS = 3, DY_SEC_AMB = 4, DY_SEC_CLUSTERS = 5,
       DY_SEC_LABEL_WEIGHTS = 6, DY_SEC_TAGDICT = 7 };

typedef struct dy_pm_sec { uint32_t id; const void *p; size_t n; } dy_pm_sec;

bool dy_pm_write(const char *path, uint32_t kind, const char *version, const dy_pm_sec *secs,
                 size_t nsec, char *why, size_t whyn);
/* Validate bytes as a model file of `kind`; on success *nsec sections are
 * described in secs (at most maxsec) and version receives the model version. */
bool dy_pm_read(const void *bytes, size_t n, uint32_t kind, dy_pm_sec *secs, size_t maxsec,
                size_t *nsec, char version[41], char *why, size_t whyn);
const void *dy_pm_find(const dy_pm_sec *secs, size_t nsec, uint32_t id, size_t *n);
uint32_t dy_crc32(const void *p, size_t n);

/* MARK: CoNLL-U */

typedef struct dy_cword {
    dy_str form, lemma;
    uint8_t upos, xpos, deprel;
    int32_t head;               /* -1 root; -2 unknown ("_") */
    uint32_t line;              /* index into dy_csent.lines */
} dy_cword;

typedef struct dy_csent {
    dy_str *lines;              /* every line of the block, as written */
    size_t nlines;
    dy_cword *w;                /* the basic words (integer ids) */
    size_t nw;
} dy_csent;

typedef struct dy_conllu {
    dy_csent *s;
    size_t ns, cap;
    size_t nwords;
} dy_conllu;

/* Parse CoNLL-U text (borrowed: slices point into text).  Sentences are
 * blocks separated by blank lines.  DYAD_EIO-free: errors are DYAD_EINPUT
 * with a line number. */
dyad_status dy_conllu_parse(const dyad_allocator *a, const char *text, size_t n, dy_conllu *out,
                            dyad_error *err);
void dy_conllu_free(const dyad_allocator *a, dy_conllu *c);
/* Whether the gold tree of s is projective (and single-rooted, complete). */
bool dy_csent_projective(const dy_csent *s);

/* MARK: sentence view used by the components */

typedef struct dy_pword {
    dy_str form;                /* folded form */
    dy_str lower;               /* lowercased folded form */
    uint64_t hw, hl;            /* hashes of form and lower */
    uint64_t hsuf[4], hpre[3];  /* hashes of lower suffixes 1-4, form prefixes 1-3 */
    uint64_t hshape;
    uint64_t amb;               /* XPOS set of the word in training (0 unknown) */
    uint32_t clus;              /* 0 = the tagger has no word classes; else
                                   0x80000000 | dy_clusters_get() */
    uint8_t xpos, upos, tag;    /* predicted (or gold, in training) */
} dy_pword;

/* MARK: word clusters (clusters.c) */

typedef void (*dy_plog)(void *ud, const char *fmt, ...);

typedef struct dy_clus_slot { uint64_t key; uint32_t cls, zero; } dy_clus_slot;
typedef struct dy_clusters {
    const dy_clus_slot *slot;
    uint32_t size;              /* power of two; 0 = no table */
} dy_clusters;
/* Point c into a serialized table (section DY_SEC_CLUSTERS). */
bool dy_clusters_view(dy_clusters *c, const void *p, size_t n, const char **why);
/* (fine + 1) << 16 | (coarse + 1) of the word whose lowercased form hashes
 * to hl; 0 when it has no class. */
uint32_t dy_clusters_get(const dy_clusters *c, uint64_t hl);
typedef struct dy_clusters_opts {
    uint32_t fine, coarse;      /* class counts */
    uint32_t min_count;         /* words seen fewer times get no class */
    int iters;                  /* exchange passes */
    dy_plog log;
    void *logud;
} dy_clusters_opts;
/* Cluster the words of the CoNLL-U files; appends "word\tfine\tcoarse\tcount"
 * lines to out (most frequent first). */
bool dy_clusters_train(const dy_conllu *const *cs, size_t nc, const dy_clusters_opts *o, dy_buf *out,
                       char *why, size_t whyn);
/* Serialize such a TSV as a DY_SEC_CLUSTERS table. */
bool dy_clusters_build(const char *tsv, size_t n, dy_buf *out, char *why, size_t whyn);
/* Read a TSV file (path may be NULL: no table) into out and point c at it. */
bool dy_clusters_load_tsv(const char *path, dy_buf *out, dy_clusters *c, char *why, size_t whyn);

/* MARK: tagger */

typedef struct dy_amb_slot { uint64_t key, mask; } dy_amb_slot;
/* Tag dictionary slot: key = hash of the folded form (case kept) | 1, 0 =
 * empty; tag = the tag class the form always had in training. */
typedef struct dy_tdict_slot { uint64_t key; uint32_t tag, zero; } dy_tdict_slot;

typedef struct dy_tagger {
    dy_pw pw;
    const dy_amb_slot *amb;     /* ambiguity classes: lowercase-form hash -> XPOS bits */
    uint32_t amb_size;          /* power of two, 0 = none */
    dy_clusters clus;           /* word classes (size 0 = none) */
    const dy_tdict_slot *dict;  /* tag dictionary: these forms are not scored */
    uint32_t dict_size;         /* power of two, 0 = none */
    uint32_t ntag;
    uint8_t xpos[256], upos[256];   /* tag class -> xpos / upos */
} dy_tagger;

/* Fill the view of n words (arena gives memory for folded strings). */
bool dy_pwords_init(dy_arena *ar, dy_pword *w, const dy_str *forms, size_t n);
size_t dy_tagger_feats(const dy_pword *w, size_t n, size_t i, uint64_t *f);
/* Set w[i].amb and w[i].clus from the tagger's tables. */
void dy_tagger_amb(const dy_tagger *t, dy_pword *w, size_t n);
void dy_tagger_run(const dy_tagger *t, dy_pword *w, size_t n);
/* The features of dy_tagger_feats that depend on the word's form alone,
 * and the others: the two lists make the same multiset as dy_tagger_feats. */
size_t dy_tagger_feats_word(const dy_pword *x, uint64_t *f);
size_t dy_tagger_feats_context(const dy_pword *w, size_t n, size_t i, uint64_t *f);
/* A cache of the sums of the word features of recent forms, for one thread
 * (a dyad_ctx's); the tags are exactly those of dy_tagger_run.  NULL when
 * out of memory. */
typedef struct dy_tagcache dy_tagcache;
dy_tagcache *dy_tagcache_new(const dyad_allocator *a, const dy_tagger *t);
void dy_tagcache_free(dy_tagcache *c);
/* dy_tagger_run with a cache of t's (NULL: none). */
void dy_tagger_run_cached(const dy_tagger *t, dy_tagcache *c, dy_pword *w, size_t n);
/* The first index of the largest of a[0 .. n) (n >= 1); a must hold n
 * rounded up to 4 values (those past n are read, never chosen). */
uint32_t dy_argmax_sums(const int32_t *a, uint32_t n);
/* The tag class of a word of the tag dictionary (hw: dy_pword.hw), -1 when
 * the word is not in it. */
int dy_tagger_dict(const dy_tagger *t, uint64_t hw);
/* Serialize a tag dictionary (section DY_SEC_TAGDICT) of the forms of
 * train seen at least min_count times with one tag class (px/pu: class ->
 * XPOS/UPOS, ntag classes) in at least purity_bp / 10000 of them. */
bool dy_tagdict_build(const dy_conllu *train, const uint8_t *px, const uint8_t *pu, uint32_t ntag,
                      uint32_t min_count, uint32_t purity_bp, dy_buf *out);
/* Point t at a serialized tag dictionary; false (why says) when it is
 * malformed or names a tag class t does not have. */
bool dy_tagdict_view(dy_tagger *t, const void *p, size_t n, const char **why);
bool dy_tagger_load(dy_tagger *t, const dy_pm_sec *secs, size_t nsec, const char **why);
/* The tagger of a loaded parse model (for bench_parse). */
struct dy_parse_model;
const dy_tagger *dy_parse_tagger(const struct dy_parse_model *m);
/* Train on train (dev may be NULL: reports accuracy per epoch on it) and
 * write the model file; log receives progress lines (may be NULL). */
typedef struct dy_train_opts {
    int epochs;
    uint64_t seed;
    uint32_t min_count;         /* drop features seen fewer times in epoch 1 */
    const char *tagger_path;    /* parser: tagger for dev scores (may be NULL) */
    int jackknife;              /* parser: train on tags predicted by K taggers, each
                                   trained without its fold (0/1 = gold tags) */
    int tagger_epochs;          /* epochs of those taggers */
    const char *version;        /* model version string */
    dy_plog log;                /* progress lines (may be NULL) */
    void *logud;
    const char *clusters_path;  /* parser: word clusters TSV (may be NULL) */
    uint32_t split;             /* parser: 0 = one classifier over labelled moves; 1 or 3 =
                                   a move classifier (SHIFT, and LEFT and RIGHT per label
                                   group) and a label classifier scored on arcs only
                                   (DY_SEC_LABEL_WEIGHTS) */
    uint32_t mix;               /* parser: 0/1 = one run; K = K runs with seeds seed ..
                                   seed + K - 1, their averaged weights averaged */
} dy_train_opts;
bool dy_tagger_train(const dy_conllu *train, const dy_conllu *dev, const dy_train_opts *o,
                     const char *out_path, char *why, size_t whyn);
/* Rewrite the tagger model file at tagger_path to out_path (may be the same
 * path) with the tag dictionary of train added (or replaced); weights and
 * every other section stay as they are.  min_count and purity_bp as for
 * dy_tagdict_build (0: the thresholds dy_tagger_train uses). */
bool dy_tagger_add_dict(const char *tagger_path, const dy_conllu *train, uint32_t min_count, uint32_t purity_bp,
                        const char *out_path, char *why, size_t whyn);

/* MARK: lemmatizer */

typedef struct dy_lemmatizer dy_lemmatizer;
/* Exception lists (data_dir/lemma/{noun,verb,adj,adv}.exc) plus the form ->
 * lemma table stored in the tagger model (text "lower\txpos\tlemma\n"). */
dyad_status dy_lemma_load(const dyad_allocator *a, const char *data_dir, const char *tab,
                          size_t tabn, dy_lemmatizer **out, dyad_error *err);
void dy_lemma_free(const dyad_allocator *a, dy_lemmatizer *l);
/* Lemma of form with XPOS; the result is form itself, a slice of the
 * tables, or written into the arena. */
dy_str dy_lemma(const dy_lemmatizer *l, dy_arena *ar, dy_str form, int xpos, int upos);
/* Whether the training treebank had the lowercase form with this XPOS (at
 * least once: the table keeps every pair). */
bool dy_lemma_seen(const dy_lemmatizer *l, dy_str lower, int xpos);
/* Build the table text for the model from training data. */
bool dy_lemma_table(const dy_conllu *train, dy_buf *out);

/* MARK: parser */

typedef struct dy_parser {
    dy_pw pw;                   /* joint: classes SHIFT, LEFT/RIGHT x label; split: the
                                   moves SHIFT, LEFT, RIGHT */
    dy_pw lw;                   /* split only: labels of an arc (nlab classes) */
    bool split;                 /* the model has DY_SEC_LABEL_WEIGHTS */
    /* false (as loaded): a joint model on a packed table keeps the sums of
     * the buffer's words and of each stack word alone for the next states
     * (exact, see parser.c run_joint_packed); true (unit tests): every
     * key of every state is looked up */
    bool nokeep;
    dy_clusters clus;           /* word classes (size 0 = none) */
    uint32_t nlab;
    uint8_t lab[128];           /* label index -> deprel id */
} dy_parser;
/* The parser of a loaded parse model (for the unit tests). */
const dy_parser *dy_parse_parser(const struct dy_parse_model *m);

bool dy_parser_load(dy_parser *p, const dy_pm_sec *secs, size_t nsec, const char **why);
/* Parse n words (tags set); heads (-1 = root) and deprels out.  scratch
 * comes from the arena. */
bool dy_parser_run(const dy_parser *p, dy_arena *ar, const dy_pword *w, size_t n, int32_t *head,
                   uint8_t *deprel);
bool dy_parser_train(const dy_conllu *train, const dy_conllu *dev, const dy_train_opts *o,
                     const char *out_path, char *why, size_t whyn);

/* Transition system (arc-hybrid, root at the end of the buffer), exposed
 * for the unit tests. */
enum { DY_TR_SHIFT = 0, DY_TR_LEFT = 1, DY_TR_RIGHT = 2 };
/* Run the static oracle on a projective gold tree (heads -1 = root);
 * writes the derived heads; false when the oracle got stuck. */
bool dy_parser_oracle_check(const int32_t *gold, size_t n, int32_t *out);

/* PRNG for shuffling (xorshift64*). */
static inline uint64_t dy_prng(uint64_t *s) {
    uint64_t x = *s ? *s : 0x2545F4914F6CDD1DULL;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* Shuffle order[0..n) in place (Fisher-Yates) with dy_prng(s): the
 * training order of an epoch. */
static inline void dy_shuffle(size_t *order, size_t n, uint64_t *s) {
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(dy_prng(s) % i);
        size_t tmp = order[i - 1]; order[i - 1] = order[j]; order[j] = tmp;
    }
}

#endif
