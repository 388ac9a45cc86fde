/*
 * sentence.c — decide where sentences end among a paragraph's tokens.
 *
 * A boundary may follow a sentence-final token (. ? ! runs, an ellipsis, an
 * abbreviation that can end a sentence) together with the closing quotes
 * and brackets right after it.  What comes next decides:
 *   . ? !      break before a word that is not lowercase (capitalised,
 *              digit, uncased script) — except ?” / !” followed by an
 *              attribution ("Why?” Smith asked.);
 *   … ...      break only before a sentence starter (The, He, But ...);
 *   U.S. Inc. a.m. Jan. W.   same: "sanctions on the U.S. The move" breaks,
 *              "the U.S. Army" and "George W. Bush" do not;
 *   etc.       break before any capitalised word;
 *   Gen. Sen. Dr. No.   only before a starter that is no number word: a
 *              title precedes a name ("Hun Sen. The opposition" breaks);
 *   e.g. vs.   never.
 * A run-in heading also ends where its text begins: flattened pages put a
 * subhead and the next paragraph on one line ("Media outlets closed On
 * another front, ...").  At most RUNIN_MAX tokens after the last boundary,
 * a capitalised function word (dy_seg_runin) between two lowercase words
 * opens a sentence: "The Hague", "Gone With The Wind" and "in Syria In a
 * statement" do not break.
 * Sentences longer than DY_SEG_MAX_SENT_TOKENS are cut there.
 */
#include <string.h>

#include "seg_internal.h"

static uint32_t first_cp(const dy_token *t) {
    size_t l;
    if (!t->form.n) return 0;
    return dy_u8dec((const unsigned char *)t->form.p, t->form.n, &l);
}

/* A word that opens with a capital or an uncased letter or a digit. */
static bool opens_sentence(const dy_token *t, int kind) {
    if (kind == DY_TK_FINAL || kind == DY_TK_FINAL_QE || kind == DY_TK_PUNCT || kind == DY_TK_CLOSE ||
        kind == DY_TK_ELLIPSIS)
        return false;
    uint32_t c = first_cp(t);
    if (c == '@' || c == '#') return false;
    return !dy_seg_lower(c) && dy_seg_class(c) == DY_CC_WORD;
}

static bool capitalised(const dy_token *t) { return dy_seg_upper(first_cp(t)); }

/* After ?” or !”: Name Name said / the senator asked — up to four words
 * without punctuation, then a verb of saying. */
static bool attribution(const dy_seg *S, size_t j, size_t t1) {
    const dy_token *T = S->doc->toks;
    for (size_t k = j; k < t1 && k < j + 5; k++) {
        int kind = S->kind[k];
        if (kind != DY_TK_WORD && kind != DY_TK_ABBR_TITLE && kind != DY_TK_ABBR_INITIAL &&
            kind != DY_TK_ABBR_END)
            return false;
        if (k > j && dy_seg_speech_verb(T[k].form.p, T[k].form.n)) return true;
    }
    return false;
}

enum { RUNIN_MAX = 12 };

/* Token i opens the text after a run-in heading that began at start. */
static bool after_heading(const dy_seg *S, size_t start, size_t i, size_t t1) {
    const dy_token *T = S->doc->toks;
    const uint8_t *K = S->kind;
    if (i <= start || i - start > RUNIN_MAX || i + 1 >= t1) return false;
    if (K[i] != DY_TK_WORD || K[i - 1] != DY_TK_WORD || K[i + 1] != DY_TK_WORD) return false;
    return capitalised(&T[i]) && dy_seg_runin(T[i].form.p, T[i].form.n) && dy_seg_lower(first_cp(&T[i - 1])) &&
           dy_seg_lower(first_cp(&T[i + 1]));
}

static dyad_status add_sentence(dy_seg *S, uint32_t para, size_t a, size_t b, dyad_error *err) {
    dyad_doc *d = S->doc;
    if (d->nsent == S->nsent_cap) {
        size_t nc = S->nsent_cap ? S->nsent_cap * 2 : 64;
        dy_sentence *s = dy_arena_grow(S->A, d->sents, d->nsent, nc, sizeof *s);
        if (!s) return dy_err(err, DYAD_ENOMEM, "out of memory segmenting");
        d->sents = s;
        S->nsent_cap = nc;
    }
    dy_sentence *s = &d->sents[d->nsent++];
    memset(s, 0, sizeof *s);
    s->tok0 = (uint32_t)a;
    s->ntok = (uint32_t)(b - a);
    s->para = para;
    s->cstart = d->toks[a].cstart;
    s->cend = d->toks[b - 1].cend;
    return DYAD_OK;
}

static bool number_word(const dy_token *t) {
    static const char *const w[] = {"First", "Last", "No", "One", "Three", "Two"};
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (dy_str_eqc(t->form, w[i])) return true;
    return false;
}

dyad_status dy_seg_sentences(dy_seg *S, uint32_t para, size_t t0, size_t t1, dyad_error *err) {
    const dy_token *T = S->doc->toks;
    const uint8_t *K = S->kind;
    size_t start = t0;
    size_t i = t0;
    while (i < t1) {
        int kind = K[i];
        size_t j = i + 1;           /* first token after the boundary candidate */
        bool brk = false;
        if (kind == DY_TK_FINAL || kind == DY_TK_FINAL_QE || kind == DY_TK_ELLIPSIS || kind == DY_TK_ABBR_END ||
            kind == DY_TK_ABBR_INITIAL || kind == DY_TK_ABBR_ETC || kind == DY_TK_ABBR_TITLE) {
            bool quoted = false;
            while (j < t1 && K[j] == DY_TK_CLOSE) { j++; quoted = true; }
            size_t w = j;           /* first word after any openers and symbols */
            while (w < t1 && (K[w] == DY_TK_OPEN || K[w] == DY_TK_SYM)) w++;
            if (j < t1 && w < t1) {
                const dy_token *n = &T[w];
                switch (kind) {
                case DY_TK_FINAL:
                case DY_TK_FINAL_QE:
                    brk = opens_sentence(n, K[w]);
                    if (brk && kind == DY_TK_FINAL_QE && quoted && w == j && attribution(S, w, t1)) brk = false;
                    break;
                case DY_TK_ABBR_ETC:
                    brk = capitalised(n);
                    break;
                case DY_TK_ABBR_TITLE:
                    /* A title precedes a name or number, never "The" or
                     * "He": "Prime Minister Hun Sen. The opposition" ends
                     * at the name.  Number words may follow "No.", and "Dr. No" is a name. */
                    brk = capitalised(n) && dy_seg_starter(n->form.p, n->form.n) &&
                          !number_word(n);
                    break;
                default: /* ellipsis, abbreviations that may end a sentence, initials */
                    brk = capitalised(n) && dy_seg_starter(n->form.p, n->form.n);
                    break;
                }
            }
        }
        if (!brk && j < t1 && after_heading(S, start, j, t1)) brk = true;
        if (!brk && j - start >= DY_SEG_MAX_SENT_TOKENS && j < t1) {
            brk = true;
            j = i + 1;
        }
        if (brk) {
            dyad_status st = add_sentence(S, para, start, j, err);
            if (st) return st;
            start = j;
        }
        i = j;
    }
    if (start < t1) return add_sentence(S, para, start, t1, err);
    return DYAD_OK;
}
