/* test_base.c — arena, buffer, JSON escaping, UD tables. */
#include "base/base.h"
#include "base/ud.h"
#include "harness.h"

TEST(arena_alloc_and_reset) {
    dy_arena a;
    dy_arena_init(&a, NULL);
    char *p = dy_arena_alloc(&a, 10);
    CHECK(p != NULL);
    CHECK(((uintptr_t)p & 15) == 0);
    void *big = dy_arena_alloc(&a, 1 << 20);
    CHECK(big != NULL);
    dy_str s = dy_arena_strdup(&a, "hello", 5);
    CHECK_EQ_STR(s.p, "hello");
    dy_arena_reset(&a);
    CHECK_EQ_INT(a.used_total, 0);
    a.limit = 100;
    CHECK(dy_arena_alloc(&a, 200) == NULL);
    dy_arena_free(&a);
}

TEST(buf_json_escapes_and_repairs_utf8) {
    dy_buf b;
    dy_buf_init(&b, NULL);
    dy_buf_json_str(&b, "a\"b\\\n\x01\xff" "\xc3\xa9", 9);
    CHECK_EQ_STR(dy_buf_cstr(&b), "\"a\\\"b\\\\\\n\\u0001\xEF\xBF\xBD\xc3\xa9\"");
    dy_buf_clear(&b);
    dy_buf_printf(&b, "%d-%s", 42, "x");
    CHECK_EQ_STR(dy_buf_cstr(&b), "42-x");
    dy_buf_free(&b);
}

TEST(str_trim_unicode_spaces) {
    dy_str s = dy_str_trim(dy_str_c("\xc2\xa0 hi \xe2\x80\x89"));
    CHECK_EQ_SLICE(s.p, s.n, "hi");
    CHECK(dy_str_ieq(dy_str_c("NATO"), dy_str_c("nato")));
}

TEST(ud_tables_match_enum) {
    CHECK_EQ_INT(dy_deprel_count, DY_DEP_COUNT_);
    CHECK_EQ_INT(dy_deprel_find(dy_str_c("nsubj:pass")), DY_DEP_NSUBJ_PASS);
    CHECK_EQ_INT(dy_deprel_find(dy_str_c("obl:agent")), DY_DEP_OBL_AGENT);
    CHECK_EQ_INT(dy_deprel_find(dy_str_c("det:poss")), DY_DEP_DET_POSS);
    CHECK_EQ_INT(dy_upos_find(dy_str_c("PROPN")), DY_UPOS_PROPN);
    CHECK(dy_xpos_find(dy_str_c("PRP$")) > 0);
    CHECK_EQ_INT(dy_xpos_find(dy_str_c("nope")), 0);
}
