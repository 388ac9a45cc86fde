/*
 * seg_internal.h — shared by the segmenter's files: UTF-8 decoding and
 * character classes, token kinds, the tokenizer and the sentence splitter.
 */
#ifndef DY_SEG_INTERNAL_H
#define DY_SEG_INTERNAL_H

#include "segment.h"

/* What the sentence splitter needs to know about a token. */
enum dy_tk {
    DY_TK_WORD = 0,
    DY_TK_FINAL,        /* "." or a run of . ? ! with only periods */
    DY_TK_FINAL_QE,     /* a run of . ? ! holding ? or ! */
    DY_TK_ELLIPSIS,     /* "..." "…" */
    DY_TK_OPEN,         /* opening quote or bracket */
    DY_TK_CLOSE,        /* closing quote or bracket */
    DY_TK_PUNCT,        /* , ; : dashes and other punctuation */
    DY_TK_SYM,          /* $ % and other symbols */
    DY_TK_ABBR_TITLE,   /* Gen. Dr. Mr. No.: never ends a sentence */
    DY_TK_ABBR_MID,     /* e.g. i.e. vs.: never ends a sentence */
    DY_TK_ABBR_END,     /* U.S. Inc. a.m. Jan.: ends one before a sentence starter */
    DY_TK_ABBR_INITIAL, /* W.: as ABBR_END */
    DY_TK_ABBR_ETC      /* etc.: ends one before any capitalised word */
};

typedef struct dy_seg {
    dyad_doc *doc;
    dy_arena *A;
    size_t cap;         /* room in doc->toks and kind */
    uint8_t *kind;      /* enum dy_tk per token */
    size_t nsent_cap;
} dy_seg;

/* Decode one code point at p (n >= 1 bytes available).  Invalid or
 * truncated sequences decode as U+FFFD of length 1. */
static inline uint32_t dy_u8dec(const unsigned char *p, size_t n, size_t *len) {
    unsigned c = p[0];
    if (c < 0x80) { *len = 1; return c; }
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80) {
        *len = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c >= 0xE0 && c <= 0xEF && n >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { *len = 3; return cp; }
    }
    if (c >= 0xF0 && c <= 0xF4 && n >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
        (p[3] & 0xC0) == 0x80) {
        uint32_t cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
                      ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        if (cp >= 0x10000 && cp <= 0x10FFFF) { *len = 4; return cp; }
    }
    *len = 1;
    return 0xFFFD;
}

enum { DY_CC_SPACE = 0, DY_CC_WORD, DY_CC_OTHER };
int dy_seg_class(uint32_t c);           /* DY_CC_* */
bool dy_seg_upper(uint32_t c);          /* uppercase letter */
bool dy_seg_lower(uint32_t c);          /* lowercase letter */

/* Abbreviation kind (DY_TK_ABBR_*) of p[0..n), which ends in '.', or
 * DY_TK_WORD when it is not one. */
int dy_seg_abbrev(const char *p, size_t n);
/* Capitalised words that commonly open a sentence ("The", "He", "But"). */
bool dy_seg_starter(const char *p, size_t n);
/* Capitalised function words that open the text after a run-in heading. */
bool dy_seg_runin(const char *p, size_t n);
/* Verbs of saying that follow a quotation ("said", "asked"). */
bool dy_seg_speech_verb(const char *p, size_t n);

/* Append the tokens of text[b, e) (one paragraph) to doc->toks. */
dyad_status dy_seg_tokenize(dy_seg *S, size_t b, size_t e, dyad_error *err);
/* Cut tokens [t0, t1) of paragraph `para` into sentences. */
dyad_status dy_seg_sentences(dy_seg *S, uint32_t para, size_t t0, size_t t1, dyad_error *err);

#endif
