/*
 * network.h — the actor network: nodes are actor codes, edges directed
 * dyads (source → target) with event counts per quad class, mentions and
 * summed Goldstein.  Built from event records (`dyad network FILE...`) or
 * from the store's dyad aggregates (`dyad network --db`, /api/network), and
 * written as GraphML, Graphviz DOT or JSON.
 *
 * A dy_net is single-threaded; it owns copies of every string it is given.
 */
#ifndef DY_NETWORK_H
#define DY_NETWORK_H

#include <stdbool.h>

#include <jansson.h>

#include "../base/base.h"

typedef struct dy_net dy_net;

typedef struct dy_net_actor {
    const char *code;                /* required */
    const char *name, *country, *role; /* NULL when unknown */
} dy_net_actor;

/* NULL on OOM.  Free with dy_net_free (NULL accepted). */
dy_net *dy_net_new(void);
void dy_net_free(dy_net *n);

/* Add `events` events (with `mentions` mentions, quad[k] of quad class k+1,
 * Goldstein sum g) from src to tgt.  false on OOM. */
bool dy_net_add(dy_net *n, const dy_net_actor *src, const dy_net_actor *tgt, long events,
                long mentions, const long quad[4], double g);

/* Which records dy_net_add_record counts, by status (a DY_STATUS_* set,
 * base.h).  Default DY_STATUS_FACTUAL: what the text says happened
 * (asserted, reported, alleged), not what it denies, negates or supposes. */
void dy_net_set_statuses(dy_net *n, unsigned statuses);

/* Add one event record (spec/event-record.md); records without a target
 * actor add nothing (a network has only dyads), nor does a record whose
 * status is not in the set (a record without "status" is asserted), nor
 * one whose "id" was added before.  DYAD_EINPUT when the record has no
 * source/target code or event code, or a status that is no status name. */
dyad_status dy_net_add_record(dy_net *n, const json_t *rec, dyad_error *err);

size_t dy_net_node_count(const dy_net *n);
size_t dy_net_edge_count(const dy_net *n);

/* format: "graphml", "dot" or "json" (else DYAD_EINVAL).  Nodes sorted by
 * code, edges by (source, target): the output is deterministic. */
dyad_status dy_net_write(const dy_net *n, const char *format, dy_buf *out, dyad_error *err);

#endif
