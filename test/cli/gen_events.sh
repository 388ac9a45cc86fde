#!/bin/sh
# gen_events.sh N — N synthetic documents of event records (spec
# event-record.md), 3 records each: two of their own and one shared by every
# document (the same event reported N times).  Used by the store tests.
n=${1:-1000}
awk -v n="$n" 'BEGIN {
  for (i = 0; i < n; i++) {
    d = sprintf("gen-%06d", i);
    day = sprintf("20%02d-%02d-%02d", 10 + i % 10, 1 + i % 12, 1 + i % 28);
    for (k = 0; k < 3; k++) {
      if (k == 2) { src = "IRN"; tgt = "AFGINSTAL"; code = "072"; q = 2; g = 8.3; dt = "2017-12-01" }
      else { src = sprintf("X%05d", i); tgt = (k ? "USAGOV" : "RUSGOV"); code = (k ? "190" : "042"); q = (k ? 4 : 1); g = (k ? -10.0 : 1.9); dt = day }
      printf("{\"id\":\"%s-%06d-0\",\"doc_id\":\"%s\",\"sentence_index\":%d,\"sentence\":\"Sentence %d of %s.\",\"report_date\":\"%s\",\"date\":\"%s\",", d, k, d, k, k, d, day, dt);
      printf("\"source\":{\"code\":\"%s\",\"name\":\"%s\",\"country\":null,\"role\":null,\"text\":\"%s\"},", src, src, src);
      printf("\"target\":{\"code\":\"%s\",\"name\":\"%s\",\"country\":null,\"role\":null,\"text\":\"%s\"},", tgt, tgt, tgt);
      printf("\"code\":\"%s\",\"root_code\":\"%s\",\"quad_class\":%d,\"goldstein\":%.1f,\"status\":\"asserted\",\"attribution\":null,\"location\":null,\"trigger\":\"did\"}\n", code, substr(code, 1, 2), q, g);
    }
  }
}'
