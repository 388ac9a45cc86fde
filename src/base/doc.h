/*
 * doc.h — one document as it moves through the pipeline.  Each stage fills
 * its own layer and reads only the layers before it:
 *
 *   read     id, date, title, ..., raw          (src/read/)
 *   clean    text, map, paras, drops, dateline  (src/clean/)
 *   segment  sents, toks                        (src/segment/)
 *   parse    tok.upos/xpos/lemma/head/deprel    (src/parse/)
 *   mention  ments                              (src/mention/)
 *   code     events                             (src/code/)
 *
 * Everything lives in the context's arena.  Offsets called start/end are
 * byte offsets into doc->raw (the text as read: the file's bytes, the JSON
 * "text" value, or the text extracted from an HTML page); offsets called
 * cstart/cend are into doc->text (the cleaned text).
 */
#ifndef DY_DOC_H
#define DY_DOC_H

#include "base.h"
#include "ud.h"

typedef struct dy_para {
    uint32_t cstart, cend;      /* in doc->text */
    uint32_t start, end;        /* in doc->raw */
    uint8_t kind;               /* DY_PARA_BODY, DY_PARA_CAPTION, DY_PARA_TITLE */
} dy_para;

enum { DY_PARA_BODY = 0, DY_PARA_CAPTION = 1, DY_PARA_TITLE = 2 };

/* Something the cleaner removed, for `dyad clean --explain`. */
typedef struct dy_drop {
    uint32_t start, end;        /* in doc->raw */
    dy_str rule;                /* rule id, e.g. "promo.subscribe" */
    dy_str why;                 /* short reason, e.g. "duplicate of paragraph 3" */
} dy_drop;

typedef struct dy_token {
    uint32_t start, end;        /* raw offsets */
    uint32_t cstart, cend;      /* clean offsets */
    dy_str form;                /* the token's text in doc->text */
    dy_str norm;                /* normalised form for models: quotes/dashes folded */
    dy_str lemma;               /* set by parse */
    uint8_t upos;               /* enum dy_upos, set by parse */
    uint8_t xpos;               /* enum dy_xpos, set by parse */
    uint8_t deprel;             /* enum dy_deprel, set by parse */
    uint8_t flags;              /* DY_TOK_* */
    int32_t head;               /* index of the head within the sentence, -1 = root */
} dy_token;

enum {
    DY_TOK_SPACE_AFTER = 1u << 0,  /* whitespace follows in the text */
    DY_TOK_CAP = 1u << 1,          /* starts with an uppercase letter */
    DY_TOK_SENT_START = 1u << 2
};

typedef struct dy_sentence {
    uint32_t start, end;        /* raw offsets */
    uint32_t cstart, cend;      /* clean offsets */
    uint32_t tok0, ntok;        /* tokens doc->toks[tok0 .. tok0+ntok) */
    uint32_t para;              /* index in doc->paras */
    uint8_t flags;              /* DY_SENT_* */
} dy_sentence;

/* The event coder's parse gate (src/base/pipeline.c): a document processed
 * straight to DYAD_STAGE_CODE has only the sentences that can give an event
 * parsed.  An unparsed sentence has no tree: every head -1, every deprel
 * DY_DEP_NONE; stages test dy_sent_parsed before reading a tree.  A stage
 * that would have read the tree of an unparsed sentence for something other
 * sentences use marks it DY_SENT_WANT_PARSE, and the pipeline parses it and
 * runs that stage again.  An unparsed sentence is tagged and lemmatised
 * (upos, xpos, lemma as in a full parse) unless it is also DY_SENT_UNTAGGED:
 * a sentence with no actor mention, whose actors the actor pass could find
 * without tags, is left with upos, xpos 0 and no lemma (the actor pass tags
 * a sentence through the pipeline's hook when it reads a tag there; the
 * parse tags an untagged sentence it is asked to parse).  Stages read no
 * tag of an unparsed sentence but the actor pass's. */
enum {
    DY_SENT_UNPARSED = 1u << 0,
    DY_SENT_WANT_PARSE = 1u << 1,
    DY_SENT_UNTAGGED = 1u << 2
};

typedef enum dy_mention_kind {
    DY_MENTION_ACTOR = 0,
    DY_MENTION_TIME,
    DY_MENTION_PLACE
} dy_mention_kind;

/* What kind of thing an actor mention names: used by coreference agreement. */
enum { DY_ENT_STATE = 0, DY_ENT_PERSON, DY_ENT_GROUP, DY_ENT_ORG, DY_ENT_AGENT };

typedef struct dy_mention {
    uint8_t kind;               /* dy_mention_kind */
    uint32_t sent;              /* sentence index */
    uint32_t tok_start, tok_end;/* token span within the sentence, [start, end) */
    uint32_t head_tok;          /* token within the sentence that heads the span */
    uint32_t start, end;        /* raw offsets */
    dy_str text;                /* the words as written */
    /* actors */
    dy_str code, name, country, role; /* country/role .p == NULL when n/a */
    uint8_t ent;                /* DY_ENT_* */
    uint8_t plural;
    uint8_t pronoun;            /* resolved pronoun or definite description */
    int32_t antecedent;         /* mention index, or -1 */
    /* times */
    dy_str value;               /* TIMEX3 value: 2019-01-09, 2016-07, 2014-SU, 198 */
    /* places */
    dy_str pname, pcountry, padmin1;
    double lat, lon;
} dy_mention;

typedef enum dy_status_kind {
    DY_ST_ASSERTED = 0,
    DY_ST_REPORTED,
    DY_ST_ALLEGED,
    DY_ST_DENIED,
    DY_ST_NEGATED,
    DY_ST_HYPOTHETICAL
} dy_status_kind;

typedef struct dy_event {
    uint32_t sent;              /* sentence index */
    uint32_t num;               /* event number within the sentence */
    int32_t src, tgt;           /* mention indexes; tgt -1 when none */
    int32_t attr;               /* attribution mention, or -1 */
    int32_t time, place;        /* mention indexes, or -1 */
    char code[5];               /* CAMEO code, NUL-terminated: "072", "1823" */
    uint8_t status;             /* dy_status_kind */
    uint32_t trig_tok;          /* trigger token (within the sentence) */
    uint32_t trig_ntok;         /* trigger length in tokens (>= 1) */
    dy_str date;                /* YYYY, YYYY-MM or YYYY-MM-DD */
    dy_str explain;             /* pattern, parse path, status cues */
} dy_event;

struct dy_pword;     /* src/parse/pint.h */

struct dyad_doc {
    dyad_ctx *ctx;
    int stage;                  /* last dyad_stage run, 0 = read */
    int input;                  /* dyad_input it was read as */
    /* read */
    dy_str id, date, title, source, url;
    dy_str raw;
    dy_str *captions; size_t ncaptions; /* raw texts of figure captions (HTML) */
    /* clean */
    dy_str text;                /* cleaned text, paragraphs joined by "\n\n" */
    uint32_t *map;              /* map[i] = raw offset of text byte i; text.n+1 entries */
    dy_para *paras; size_t npara;
    dy_drop *drops; size_t ndrop;
    dy_str dateline;            /* "BAGHDAD" from "BAGHDAD (AP) —", or empty */
    dy_str dateline_text;       /* the whole dateline as written */
    /* segment */
    dy_sentence *sents; size_t nsent;
    dy_token *toks; size_t ntok;
    /* parse (gated): the tagger's words of each sentence, for parsing later */
    struct dy_pword **pwords;
    /* mention */
    dy_mention *ments; size_t nment;
    /* code */
    dy_event *events; size_t nevent;
};

/* Whether sentence s of doc has a dependency tree: tagged (a parser was
 * loaded, or the tokens came from CoNLL-U) and not left unparsed by the gate. */
static inline bool dy_sent_parsed(const dyad_doc *doc, const dy_sentence *s) {
    return s->ntok && doc->toks[s->tok0].upos != 0 && !(s->flags & DY_SENT_UNPARSED);
}

#endif
