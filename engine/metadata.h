/*
 * METADATA annotations as values for rego.metadata.rule() and
 * rego.metadata.chain() (see engine/metadata.c).
 */
#ifndef RG_ENGINE_METADATA_H
#define RG_ENGINE_METADATA_H

#include "engine/internal.h"

/* The rule-scope annotation of rule, or {} when it has none.  Lives in
 * arena. */
const rg_value *rg_metadata_rule(rg_arena *arena, const rg_rule *rule);

/* The chain of annotations from rule (at node) up through its package
 * pkg (array of keys) and the packages above: an array of
 * {"path": [...], "annotations": {...}}, the rule's own entry always
 * first.  Lives in arena. */
const rg_value *rg_metadata_chain(rg_arena *arena, const rg_engine *engine,
                                  const rg_node *node, const rg_rule *rule,
                                  const rg_value *pkg);

#endif
