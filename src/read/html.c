/*
 * html.c — the article extractor for saved HTML news pages (libxml2's HTML
 * parser, in recover mode, no network).
 *
 *   1. metadata: title (og:title, twitter:title, <title>), publication date
 *      (article:published_time and similar meta tags, JSON-LD datePublished,
 *      <time datetime>);
 *   2. boilerplate: scripts, styles, nav, header, footer, aside, forms,
 *      hidden elements and elements whose class/id/role says navigation,
 *      sharing, related links, newsletter, subscription, comments, ads ...
 *      are skipped;
 *   3. the main container: Readability-style scoring — every paragraph of at
 *      least 25 characters scores 1 + commas + length/100 (at most 3) for its
 *      parent, half for the grandparent, a third further up; containers with
 *      article-like class names gain, link-heavy ones lose; siblings of the
 *      best container that score well or hold real paragraphs are added;
 *   4. text: block elements become paragraphs joined by "\n\n", <br> a line
 *      break, white space collapsed; link lists (more than half link text)
 *      and the <h1> (the title) are left out; figure captions go to
 *      doc->captions, not to the body — also those of a figure written
 *      without <figure> (an image and short text blocks in a div).
 */
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <strings.h>

#include "read.h"

/* MARK: - small helpers */

static bool name_is(const xmlNode *n, const char *tag) {
    return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, tag);
}

static const char *attr(const xmlNode *n, const char *name) {
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && !strcmp((const char *)a->name, name) && a->children &&
            a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static bool ieq(const char *a, const char *b) {
    if (!a || !b) return false;
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y) return false;
    }
    return *a == *b;
}

/* word w in s (lowercased class/id text), bounded by non-letters */
static bool has_word(const char *s, const char *w, bool prefix) {
    size_t wn = strlen(w);
    for (const char *q = s; (q = strstr(q, w)) != NULL; q++) {
        bool left = q == s || !((q[-1] >= 'a' && q[-1] <= 'z'));
        char r = q[wn];
        bool right = prefix || !(r >= 'a' && r <= 'z');
        if (left && right) return true;
    }
    return false;
}

/* The buffer's text without surrounding spaces (an unused buffer is empty). */
static dy_str trimmed(dy_buf b) {
    if (!b.p || !b.n) return (dy_str){"", 0};
    return dy_str_trim((dy_str){b.p, b.n});
}

/* MARK: - boilerplate */

static const char *const junk_tags[] = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "button",
    "iframe", "svg", "select", "input", "textarea", "template", "object", "embed", "canvas",
    "audio", "video", "map", "menu", "dialog", "head", "title", "link", "meta", "label",
    "picture", "img", "source", "math", "option", NULL};

/* class/id words that mark boilerplate (prefix match at a word start) */
static const char *const junk_words[] = {
    "share", "sharing", "social", "related", "newsletter", "subscri", "promo", "comment",
    "sidebar", "breadcrumb", "advert", "sponsor", "popup", "modal", "cookie", "signup",
    "sign-up", "paywall", "outbrain", "taboola", "recirc", "most-popular", "mostpopular",
    "most-read", "mostread", "trending", "byline", "author", "caption", "credit", "toolbar",
    "widget", "banner", "read-more", "readmore", "recommend", "more-stories", "sr-only",
    "visually-hidden", "visuallyhidden", "screen-reader", "disclaimer", "pagination", "masthead",
    "skip", "tags", "tag-list", "topics", "keywords", "footnote", "print", "email", "follow",
    "rail", "teaser", "carousel", "gallery", "video", "player", "nav", "menu", "header",
    "footer", "copyright", "timestamp", "dateline", "meta", "login", "register", "overlay",
    "offscreen", "donate", "inline-ad", "ad-", "ads", "adslot", "dfp", "gpt",
    "newsletters", "bottom-of-article", "after-article", "episode", "podcast", "tooltip",
    "popover", "hovercard", NULL};
/* words that keep an element even if a junk word matched */
static const char *const keep_words[] = {"article-body", "articlebody", "story-body",
                                         "storybody", "post-body", "entry-content",
                                         "article-content", "articlecontent", "story-content",
                                         "body-text", "bodytext", "article__body",
                                         "article-text", "main-content", NULL};
static const char *const good_words[] = {"article", "body", "content", "entry", "main", "post",
                                         "text", "story", "blog", NULL};
static const char *const bad_words[] = {"comment", "meta", "footer", "footnote", "sidebar",
                                        "sponsor", "share", "related", "promo", "widget",
                                        "masthead", "media", "outbrain", "shoutbox", NULL};

/* The class and id of n, lowercased, '_' as '-', and a camelCase word
 * boundary as '-' ("newsCaption" reads as "news-caption"). */
static void class_id(const xmlNode *n, char *buf, size_t cap) {
    const char *c = attr(n, "class"), *i = attr(n, "id");
    if (!c) c = "";
    if (!i) i = "";
    size_t k = 0;
    for (int part = 0; part < 2; part++) {
        const char *s = part ? i : c;
        if (part && k + 1 < cap) buf[k++] = ' ';
        for (const char *p = s; *p && k + 2 < cap; p++) {
            char ch = *p;
            if (ch >= 'A' && ch <= 'Z') {
                if (p > s && p[-1] >= 'a' && p[-1] <= 'z') buf[k++] = '-';
                ch = (char)(ch + 32);
            } else if (ch == '_') {
                ch = '-';
            }
            buf[k++] = ch;
        }
    }
    buf[k] = 0;
}

static bool any_word(const char *s, const char *const *words, bool prefix) {
    for (const char *const *w = words; *w; w++)
        if (has_word(s, *w, prefix)) return true;
    return false;
}

/* Junk whatever its content: scripts, navigation, hidden elements. */
static bool junk_by_tag(const xmlNode *n) {
    for (const char *const *t = junk_tags; *t; t++)
        if (name_is(n, *t)) return true;
    if (attr(n, "hidden")) return true;
    const char *ah = attr(n, "aria-hidden");
    if (ah && ieq(ah, "true")) return true;
    const char *st = attr(n, "style");
    if (st && (strstr(st, "display:none") || strstr(st, "display: none") ||
               strstr(st, "visibility:hidden") || strstr(st, "visibility: hidden")))
        return true;
    const char *role = attr(n, "role");
    if (role && (ieq(role, "navigation") || ieq(role, "complementary") || ieq(role, "banner") ||
                 ieq(role, "contentinfo") || ieq(role, "menu") || ieq(role, "dialog") ||
                 ieq(role, "alert") || ieq(role, "search")))
        return true;
    return false;
}

static bool is_junk(const xmlNode *n) {
    if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE) return true;
    if (n->type != XML_ELEMENT_NODE) return false;
    if (junk_by_tag(n)) return true;
    if (name_is(n, "body") || name_is(n, "html") || name_is(n, "main") || name_is(n, "article"))
        return false;
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (ci[0] == ' ' && ci[1] == 0) return false;
    if (any_word(ci, keep_words, true)) return false;
    return any_word(ci, junk_words, true);
}

/* MARK: - text measure */

typedef struct meas {
    size_t chars, link_chars, commas;
} meas;

static void measure(const xmlNode *n, bool in_link, meas *m, int depth) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)c->content;
            if (!t) continue;
            for (; *t; t++) {
                unsigned char ch = (unsigned char)*t;
                if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || (ch & 0xC0) == 0x80)
                    continue;
                m->chars++;
                if (in_link) m->link_chars++;
                if (ch == ',') m->commas++;
            }
        } else if (c->type == XML_ELEMENT_NODE && !junk_by_tag(c) && !name_is(c, "figure") &&
                   depth < 200) {
            measure(c, in_link || name_is(c, "a"), m, depth + 1);
        }
    }
}

static bool text_div(const xmlNode *n);

/* Characters in the <p> elements under n that are not mostly links. */
static size_t prose(const xmlNode *n, int depth) {
    size_t k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || depth > 200 || junk_by_tag(c)) continue;
        if (name_is(c, "p") || text_div(c)) {
            meas m = {0, 0, 0};
            measure(c, false, &m, depth);
            if (m.link_chars * 2 < m.chars) k += m.chars;
        } else {
            k += prose(c, depth + 1);
        }
    }
    return k;
}

/* Whether a sibling of n (before or after it) is text that is not blank. */
static bool text_beside(const xmlNode *n) {
    const xmlNode *first = n;
    while (first->prev) first = first->prev;
    for (const xmlNode *s = first; s; s = s->next)
        if (s != n && s->type == XML_TEXT_NODE && s->content &&
            strspn((const char *)s->content, " \t\r\n") < strlen((const char *)s->content))
            return true;
    return false;
}

/* Whether n is an inline element inside running text (a paragraph, or text
 * around it): its words belong to the sentence whatever its class says
 * ('neighboring <a class="meta-loc">South Sudan</a>, cease'), unless the
 * class hides it from view ("sr-only"). */
static bool inline_in_text(const xmlNode *n) {
    static const char *const inl[] = {"a", "span", "em", "strong", "b", "i", "abbr", "cite", "q",
                                      "time", "mark", "small", "u", NULL};
    static const char *const hidden[] = {"sr-only", "visually-hidden", "visuallyhidden",
                                         "screen-reader", "offscreen", NULL};
    bool is_inline = false;
    for (const char *const *t = inl; *t && !is_inline; t++) is_inline = name_is(n, *t);
    if (!is_inline) return false;
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (any_word(ci, hidden, true)) return false;
    const xmlNode *p = n->parent;
    if (p && p->type == XML_ELEMENT_NODE && (name_is(p, "p") || name_is(p, "li") || name_is(p, "blockquote")))
        return true;
    return text_beside(n);
}

/* Remove boilerplate from the tree.  An element junked only by its class or
 * id is kept when it holds much prose (pages wrap whole articles in classes
 * like "widget", "paywall" or "modal-enabled") or is a word of running
 * text. */
static void prune(xmlNode *n, int depth) {
    xmlNode *c = n->children;
    while (c) {
        xmlNode *next = c->next;
        bool drop = false;
        if (c->type == XML_ELEMENT_NODE && (name_is(c, "figure") || name_is(c, "figcaption"))) {
            drop = false;
        } else if (depth > 200) {
            drop = c->type == XML_ELEMENT_NODE;
        } else if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE) {
            drop = true;
        } else if (c->type == XML_ELEMENT_NODE && is_junk(c)) {
            drop = true;
            if (!junk_by_tag(c) && (prose(c, depth) >= 300 || inline_in_text(c))) drop = false;
        }
        if (drop) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_ELEMENT_NODE) {
            prune(c, depth + 1);
        }
        c = next;
    }
}

/* An image, or a link or <picture> that holds only images. */
static bool is_image(const xmlNode *n) {
    if (n->type != XML_ELEMENT_NODE) return false;
    if (name_is(n, "img")) return true;
    if (!name_is(n, "a") && !name_is(n, "picture") && !name_is(n, "span")) return false;
    bool img = false;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content &&
            strspn((const char *)c->content, " \t\r\n") < strlen((const char *)c->content))
            return false;
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_is(c, "img")) img = true;
        else if (!name_is(c, "source") && !name_is(c, "noscript")) return false;
    }
    return img;
}

/* A figure written without <figure>: a div (or span, section) whose
 * children are an image and short blocks of text beside it, under 300
 * characters in all, and whose class or a block's says picture ('<div
 * class="media"><img><p class="media__cap">Abdi speaks to reporters
 * ...</p><p>Photo: ...</p></div>').  The box becomes a
 * <figure> and its text blocks <figcaption>s, so their text goes to the
 * captions and not into the body, whatever their class says.  Not a <p>
 * (an icon inside a sentence), not a box with a heading, a list or a
 * paragraph of prose. */
static void mark_image_boxes(xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c && depth < 200; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        mark_image_boxes(c, depth + 1);
        if (!name_is(c, "div") && !name_is(c, "span") && !name_is(c, "section")) continue;
        bool img = false, ok = true;
        size_t blocks = 0;
        for (xmlNode *k = c->children; k && ok; k = k->next) {
            if (k->type == XML_TEXT_NODE && k->content &&
                strspn((const char *)k->content, " \t\r\n") < strlen((const char *)k->content))
                ok = false;
            if (k->type != XML_ELEMENT_NODE) continue;
            if (is_image(k)) img = true;
            else if (name_is(k, "p") || name_is(k, "div") || name_is(k, "span") || name_is(k, "small") ||
                     name_is(k, "cite"))
                blocks++;
            else if (!junk_by_tag(k)) ok = false;
        }
        if (!ok || !img || !blocks) continue;
        /* the box or one of its text blocks says it is a picture: a lede
         * paragraph beside the lead image stays */
        static const char *const picwords[] = {"media", "image", "img", "photo", "picture", "pic",
                                               "figure", "fig", "cap", "credit", "visual", "lead-art",
                                               "inline-art", "wp-caption", NULL};
        char ci[512];
        class_id(c, ci, sizeof ci);
        bool pic = any_word(ci, picwords, true);
        for (xmlNode *k = c->children; k && !pic; k = k->next)
            if (k->type == XML_ELEMENT_NODE && !is_image(k)) {
                class_id(k, ci, sizeof ci);
                pic = any_word(ci, picwords, true);
            }
        if (!pic) continue;
        meas m = {0, 0, 0};
        measure(c, false, &m, depth);
        if (m.chars == 0 || m.chars >= 300) continue;
        xmlNodeSetName(c, BAD_CAST "figure");
        for (xmlNode *k = c->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE && !is_image(k) && !junk_by_tag(k))
                xmlNodeSetName(k, BAD_CAST "figcaption");
    }
}

/* Links under n (not counting n itself). */
static size_t count_links(const xmlNode *n, int depth) {
    size_t k = 0;
    for (const xmlNode *c = n->children; c && depth < 200; c = c->next)
        if (c->type == XML_ELEMENT_NODE) k += name_is(c, "a") + count_links(c, depth + 1);
    return k;
}

/* Remove hover cards: a span (or other inline element that is no link)
 * made only of several links, hidden inside a sentence until the reader
 * points at a name ('Rep. <a>Ilhan Omar</a><span class=rollover-block>
 * <a>headline</a> <a>headline</a> <a>MORE</a></span> (D-Minn.)').  Their
 * headlines are no part of the article and their link text makes the
 * article look like a link list.  Bottom-up, so the name around the card
 * stays. */
static void drop_link_cards(xmlNode *n, int depth) {
    xmlNode *c = n->children;
    while (c && depth < 200) {
        xmlNode *next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            drop_link_cards(c, depth + 1);
            if (name_is(c, "span") && count_links(c, depth) >= 2) {
                meas m = {0, 0, 0};
                measure(c, false, &m, depth);
                if (m.chars >= 60 && m.link_chars * 10 >= m.chars * 9) {
                    xmlUnlinkNode(c);
                    xmlFreeNode(c);
                }
            }
        }
        c = next;
    }
}

/* MARK: - scoring */

typedef struct hx {
    dyad_ctx *ctx;
    dyad_doc *doc;
    double *score;
    xmlNode **nodes;
    size_t nn, cap;
    dy_buf out;         /* the body text */
    size_t para_start;  /* start of the current paragraph in out */
    size_t para_chars, para_link;
    int in_link;
    dy_buf cap_buf;     /* one caption */
    dy_str *caps;
    size_t ncaps, capcap;
    const char *title_h1;
    bool oom;
} hx;

static double *score_of(hx *H, xmlNode *n) {
    if (n->_private) return (double *)n->_private;
    if (H->nn == H->cap) {
        size_t nc = H->cap ? H->cap * 2 : 256;
        double *s = dy_arena_grow(&H->ctx->arena, H->score, H->cap, nc, sizeof *s);
        xmlNode **q = dy_arena_grow(&H->ctx->arena, H->nodes, H->cap, nc, sizeof *q);
        if (!s || !q) { H->oom = true; return NULL; }
        /* re-point the nodes already scored at the new array */
        for (size_t i = 0; i < H->nn; i++) q[i]->_private = &s[i];
        H->score = s;
        H->nodes = q;
        H->cap = nc;
    }
    double init = 0;
    if (name_is(n, "div") || name_is(n, "article") || name_is(n, "main") ||
        name_is(n, "section"))
        init = 5;
    else if (name_is(n, "pre") || name_is(n, "td") || name_is(n, "blockquote"))
        init = 3;
    else if (name_is(n, "ol") || name_is(n, "ul") || name_is(n, "dl") || name_is(n, "li") ||
             name_is(n, "form"))
        init = -3;
    else if (name_is(n, "h1") || name_is(n, "h2") || name_is(n, "h3") || name_is(n, "th"))
        init = -5;
    char ci[512];
    class_id(n, ci, sizeof ci);
    if (any_word(ci, keep_words, true)) init += 50;
    else if (any_word(ci, good_words, true)) init += 25;
    if (any_word(ci, bad_words, true)) init -= 25;
    if (name_is(n, "article")) init += 10;
    H->score[H->nn] = init;
    H->nodes[H->nn] = n;
    n->_private = &H->score[H->nn];
    H->nn++;
    return n->_private;
}

static bool is_para(const xmlNode *n) {
    return name_is(n, "p") || name_is(n, "pre") || name_is(n, "td") || name_is(n, "h2") ||
           name_is(n, "h3") || name_is(n, "li");
}

/* A div without block children but with text counts as a paragraph. */
static bool text_div(const xmlNode *n) {
    if (!name_is(n, "div")) return false;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            (name_is(c, "div") || name_is(c, "p") || name_is(c, "ul") || name_is(c, "ol") ||
             name_is(c, "table") || name_is(c, "section") || name_is(c, "article") ||
             name_is(c, "blockquote") || name_is(c, "figure") || name_is(c, "h2") ||
             name_is(c, "h3") || name_is(c, "main") || name_is(c, "pre")))
            return false;
    return true;
}

static void score_tree(hx *H, xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c && !H->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || name_is(c, "figure")) continue;
        if (depth > 200) continue;
        if (is_para(c) || text_div(c)) {
            meas m = {0, 0, 0};
            measure(c, false, &m, depth);
            if (m.chars >= 25 && m.link_chars * 2 < m.chars) {
                double s = 1 + (double)m.commas + (m.chars / 100 > 3 ? 3 : (double)(m.chars / 100));
                xmlNode *a = c->parent;
                for (int lvl = 0; a && a->type == XML_ELEMENT_NODE && lvl < 5; lvl++, a = a->parent) {
                    double *sc = score_of(H, a);
                    if (!sc) return;
                    *sc += s / (lvl == 0 ? 1 : lvl == 1 ? 2 : lvl * 3);
                }
            }
            if (!text_div(c)) continue; /* paragraphs hold no candidates */
        }
        score_tree(H, c, depth + 1);
    }
}

/* MARK: - text output */

static bool is_block(const xmlNode *n) {
    static const char *const blocks[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
        "section", "article", "main", "table", "tr", "td", "th", "dd", "dt", "dl", "figure",
        "hr", "address", "center", "details", "summary", "body", NULL};
    if (n->type != XML_ELEMENT_NODE) return false;
    for (const char *const *b = blocks; *b; b++)
        if (name_is(n, *b)) return true;
    return false;
}

static void para_break(hx *H) {
    /* trim trailing spaces/newlines of the paragraph */
    while (H->out.n > H->para_start &&
           (H->out.p[H->out.n - 1] == ' ' || H->out.p[H->out.n - 1] == '\n'))
        H->out.n--;
    if (H->out.n > H->para_start) {
        /* a link list, not prose: drop it */
        if (H->para_link * 2 > H->para_chars) H->out.n = H->para_start;
        else {
            dy_buf_puts(&H->out, "\n\n");
            H->para_start = H->out.n;
        }
    }
    H->para_chars = H->para_link = 0;
}

static void put_text(hx *H, dy_buf *b, const char *t, bool count) {
    for (; *t; t++) {
        char ch = *t;
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            if (b->n && b->p[b->n - 1] != ' ' && b->p[b->n - 1] != '\n') dy_buf_putc(b, ' ');
            continue;
        }
        dy_buf_putc(b, ch);
        if (count && ((unsigned char)ch & 0xC0) != 0x80) {
            H->para_chars++;
            if (H->in_link) H->para_link++;
        }
    }
}

static void caption_text(hx *H, xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) put_text(H, &H->cap_buf, (const char *)c->content, false);
        else if (c->type == XML_ELEMENT_NODE && depth < 100 && !name_is(c, "script") &&
                 !name_is(c, "style")) {
            if (name_is(c, "br") || is_block(c)) put_text(H, &H->cap_buf, " ", false);
            caption_text(H, c, depth + 1);
        }
    }
}

static void find_captions(hx *H, xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c && !H->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || depth > 200) continue;
        if (name_is(c, "figcaption")) {
            dy_buf_clear(&H->cap_buf);
            caption_text(H, c, depth + 1);
            dy_str s = trimmed(H->cap_buf);
            if (!s.n || H->cap_buf.err) continue;
            bool seen = false;
            for (size_t i = 0; i < H->ncaps && !seen; i++) seen = dy_str_eq(H->caps[i], s);
            if (seen) continue;
            if (H->ncaps == H->capcap) {
                size_t nc = H->capcap ? H->capcap * 2 : 8;
                dy_str *q = dy_arena_grow(&H->ctx->arena, H->caps, H->capcap, nc, sizeof *q);
                if (!q) { H->oom = true; return; }
                H->caps = q;
                H->capcap = nc;
            }
            H->caps[H->ncaps] = dy_utf8_repair(&H->ctx->arena, s.p, s.n);
            if (!H->caps[H->ncaps].p) { H->oom = true; return; }
            H->ncaps++;
            continue;
        }
        if (name_is(c, "script") || name_is(c, "style")) continue;
        find_captions(H, c, depth + 1);
    }
}

static void emit(hx *H, xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) put_text(H, &H->out, (const char *)c->content, true);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || depth > 200) continue;
        if (name_is(c, "br")) {
            while (H->out.n > H->para_start && H->out.p[H->out.n - 1] == ' ') H->out.n--;
            if (H->out.n > H->para_start) dy_buf_putc(&H->out, '\n');
            continue;
        }
        if (name_is(c, "figure") || name_is(c, "figcaption") || name_is(c, "h1")) continue;
        bool block = is_block(c);
        if (block) para_break(H);
        bool link = name_is(c, "a");
        if (link) H->in_link++;
        emit(H, c, depth + 1);
        if (link) H->in_link--;
        if (block) para_break(H);
    }
}

/* MARK: - metadata */

static void meta_date_from_json(hx *H, json_t *j, int depth) {
    if (!j || depth > 20 || H->doc->date.p) return;
    if (json_is_object(j)) {
        json_t *d = json_object_get(j, "datePublished");
        if (!d) d = json_object_get(j, "dateCreated");
        if (d && json_is_string(d))
            dy_read_set_date(H->ctx, H->doc, json_string_value(d), json_string_length(d));
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) {
            if (json_is_object(v) || json_is_array(v)) meta_date_from_json(H, v, depth + 1);
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) meta_date_from_json(H, v, depth + 1);
    }
}

typedef struct metas {
    const char *og_title, *tw_title, *title, *date;
    const xmlNode *time;
} metas;

static const char *const date_metas[] = {
    "article:published_time", "og:article:published_time", "article.published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime", "article_date_original",
    "original-publish-date", "og:published_time", "published_time", "article:published",
    "displaydate", "dc.date.created", NULL};

static void scan_meta(hx *H, xmlNode *n, metas *M, int depth) {
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || depth > 200) continue;
        if (name_is(c, "meta")) {
            const char *k = attr(c, "property");
            if (!k) k = attr(c, "name");
            if (!k) k = attr(c, "itemprop");
            const char *v = attr(c, "content");
            if (!v) v = attr(c, "datetime");
            if (k && v) {
                if (ieq(k, "og:title") && !M->og_title) M->og_title = v;
                else if (ieq(k, "twitter:title") && !M->tw_title) M->tw_title = v;
                else if (!M->date)
                    for (const char *const *d = date_metas; *d; d++)
                        if (ieq(k, *d)) { M->date = v; break; }
            }
            continue;
        }
        if (name_is(c, "title") && !M->title && c->children && c->children->content) {
            M->title = (const char *)c->children->content;
            continue;
        }
        if (name_is(c, "script") || name_is(c, "style")) continue;
        if (name_is(c, "time") && !M->time && attr(c, "datetime")) M->time = c;
        if (name_is(c, "h1") && !H->title_h1 && !is_junk(c)) {
            dy_buf_clear(&H->cap_buf);
            caption_text(H, c, 0);
            dy_str s = trimmed(H->cap_buf);
            if (s.n && !H->cap_buf.err) {
                dy_str t = dy_arena_strdup(&H->ctx->arena, s.p, s.n);
                H->title_h1 = t.p;
            }
        }
        scan_meta(H, c, M, depth + 1);
    }
}

static void scan_ld(hx *H, xmlNode *n, int depth) {
    for (xmlNode *c = n->children; c && !H->doc->date.p; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || depth > 200) continue;
        if (name_is(c, "script")) {
            const char *ty = attr(c, "type");
            if (ty && ieq(ty, "application/ld+json") && c->children && c->children->content) {
                json_t *j = json_loads((const char *)c->children->content, JSON_DECODE_ANY, NULL);
                meta_date_from_json(H, j, 0);
                json_decref(j);
            }
            continue;
        }
        scan_ld(H, c, depth + 1);
    }
}

static void set_title(hx *H, const char *t) {
    if (H->doc->title.p || !t) return;
    dy_str s = dy_str_trim(dy_str_c(t));
    if (!s.n) return;
    /* collapse white space */
    dy_buf b;
    dy_buf_init(&b, H->ctx->arena.alloc);
    for (size_t i = 0; i < s.n; i++) {
        char ch = s.p[i];
        if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
        if (ch == ' ' && b.n && b.p[b.n - 1] == ' ') continue;
        dy_buf_putc(&b, ch);
    }
    if (!b.err) H->doc->title = dy_utf8_repair(&H->ctx->arena, b.p, b.n);
    dy_buf_free(&b);
}

/* MARK: - the extractor */

/* The encoding to hand the parser: UTF-8 unless the page declares another. */
static const char *page_encoding(const char *p, size_t n) {
    size_t lim = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < lim; i++) {
        if ((p[i] | 32) == 'c' && !strncmp(p + i + 1, "harset", 6)) {
            size_t j = i + 7;
            while (j < lim && (p[j] == ' ' || p[j] == '=' || p[j] == '"' || p[j] == '\''))
                j++;
            if (j + 4 < lim && (p[j] | 32) == 'u' && (p[j + 1] | 32) == 't' &&
                (p[j + 2] | 32) == 'f')
                return "UTF-8";
            if (j + 5 < lim && !strncmp(p + j, "ascii", 5)) return "UTF-8";
            if (j + 8 < lim && !strncasecmp(p + j, "us-ascii", 8)) return "UTF-8";
            return NULL; /* let libxml2 follow the page's declaration */
        }
    }
    return "UTF-8";
}

static xmlNode *best_candidate(hx *H) {
    xmlNode *best = NULL;
    double bs = 0;
    for (size_t i = 0; i < H->nn; i++) {
        xmlNode *n = H->nodes[i];
        meas m = {0, 0, 0};
        measure(n, name_is(n, "a"), &m, 0);
        double ld = m.chars ? (double)m.link_chars / (double)m.chars : 1;
        double s = H->score[i] * (1 - ld);
        H->score[i] = s;
        if (!best || s > bs) { best = n; bs = s; }
    }
    /* An article split over several containers (one per paragraph group,
     * with ads between): when three of the five best other containers
     * scoring at least 3/4 of the best lie under one close ancestor, that
     * ancestor is the article. */
    if (best) {
        xmlNode *top[5];
        double ts[5];
        size_t nt = 0;
        for (size_t i = 0; i < H->nn; i++) {
            double s = H->score[i];
            if (H->nodes[i] == best || s < bs * 0.75) continue;
            size_t k = nt < 5 ? nt++ : 5;
            while (k > 0 && ts[k - 1] < s) {
                if (k < 5) { top[k] = top[k - 1]; ts[k] = ts[k - 1]; }
                k--;
            }
            if (k < 5) { top[k] = H->nodes[i]; ts[k] = s; }
        }
        xmlNode *a = best->parent;
        for (int lvl = 0; nt >= 3 && a && a->type == XML_ELEMENT_NODE && lvl < 6;
             lvl++, a = a->parent) {
            if (name_is(a, "body")) break;
            size_t inside = 0;
            for (size_t k = 0; k < nt; k++)
                for (const xmlNode *u = top[k]->parent; u; u = u->parent)
                    if (u == a) { inside++; break; }
            if (inside >= 3) { best = a; break; }
        }
    }
    return best;
}

dyad_status dy_html_extract(dyad_ctx *ctx, dyad_doc *doc, const char *p, size_t n,
                            dyad_error *err) {
    if (n > INT_MAX) return dy_err(err, DYAD_ELIMIT, "HTML page too large");
    const char *enc = page_encoding(p, n);
    dy_str in = {p, n};
    if (enc) {
        in = dy_utf8_repair(&ctx->arena, p, n);
        if (!in.p) return dy_err(err, DYAD_ENOMEM, "out of memory");
    }
    xmlInitParser();
    htmlDocPtr hd = htmlReadMemory(in.p, (int)in.n, NULL, enc,
                                   HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                       HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                       HTML_PARSE_COMPACT);
    if (!hd) return dy_err(err, DYAD_EINPUT, "not an HTML page: the parser found no document");
    xmlNode *root = xmlDocGetRootElement(hd);
    if (!root) {
        xmlFreeDoc(hd);
        return dy_err(err, DYAD_EINPUT, "no article text found: the page has no elements");
    }
    hx H;
    memset(&H, 0, sizeof H);
    H.ctx = ctx;
    H.doc = doc;
    dy_buf_init(&H.out, ctx->arena.alloc);
    dy_buf_init(&H.cap_buf, ctx->arena.alloc);
    /* metadata */
    metas M;
    memset(&M, 0, sizeof M);
    scan_meta(&H, root, &M, 0);
    set_title(&H, M.og_title);
    set_title(&H, M.tw_title);
    set_title(&H, H.title_h1);
    set_title(&H, M.title);
    if (M.date) dy_read_set_date(ctx, doc, M.date, strlen(M.date));
    if (!doc->date.p) scan_ld(&H, root, 0);
    if (!doc->date.p && M.time) {
        const char *d = attr(M.time, "datetime");
        dy_read_set_date(ctx, doc, d, strlen(d));
    }
    /* the main container */
    xmlNode *body = root;
    for (xmlNode *c = root->children; c; c = c->next)
        if (name_is(c, "body")) body = c;
    mark_image_boxes(body, 0);
    prune(body, 0);
    drop_link_cards(body, 0);
    score_tree(&H, body, 0);
    xmlNode *best = H.oom ? NULL : best_candidate(&H);
    if (!best) best = body;
    H.in_link = 0;
    if (best != body && best->parent) {
        double bs = best->_private ? *(double *)best->_private : 0;
        double thr = bs * 0.2 > 10 ? bs * 0.2 : 10;
        for (xmlNode *s = best->parent->children; s; s = s->next) {
            bool take = s == best;
            if (!take && s->type == XML_ELEMENT_NODE) {
                double ss = s->_private ? *(double *)s->_private : 0;
                if (ss >= thr) take = true;
                else if (name_is(s, "p")) {
                    meas m = {0, 0, 0};
                    measure(s, false, &m, 0);
                    double ld = m.chars ? (double)m.link_chars / (double)m.chars : 1;
                    if (m.chars > 80 && ld < 0.25) take = true;
                }
            }
            if (!take) continue;
            para_break(&H);
            emit(&H, s, 1);
            para_break(&H);
        }
    } else {
        emit(&H, best, 0);
    }
    para_break(&H);
    if (trimmed(H.out).n == 0 && best != body) {
        /* the scoring found nothing usable: take the whole page */
        H.out.n = 0;
        H.para_start = 0;
        emit(&H, body, 0);
        para_break(&H);
    }
    find_captions(&H, body, 0);
    for (size_t i = 0; i < H.nn; i++) H.nodes[i]->_private = NULL;
    xmlFreeDoc(hd);
    dyad_status st = DYAD_OK;
    if (H.oom || H.out.err || H.cap_buf.err) {
        st = dy_err(err, DYAD_ENOMEM, "out of memory reading the HTML page");
    } else {
        while (H.out.n && H.out.p[H.out.n - 1] == '\n') H.out.n--;
        if (trimmed(H.out).n == 0) {
            st = dy_err(err, DYAD_EINPUT, "no article text found in the HTML page");
        } else {
            doc->raw = dy_utf8_repair(&ctx->arena, H.out.p, H.out.n);
            if (!doc->raw.p) st = dy_err(err, DYAD_ENOMEM, "out of memory");
            doc->captions = H.caps;
            doc->ncaptions = H.ncaps;
        }
    }
    dy_buf_free(&H.out);
    dy_buf_free(&H.cap_buf);
    return st;
}
