/*
 * The list of builtin tables, one X-macro line per category file.
 *
 * Each line RG_BUILTIN_TABLE(cat) names the table
 * `const rg_builtin_def rg_builtins_cat[]` defined in
 * runtime/builtins/cat.c and terminated by an entry whose name is NULL.
 * The includer defines RG_BUILTIN_TABLE before including this file; the
 * file has no include guard on purpose, since it is expanded several
 * times.  Keep one line per table so that merges stay trivial.
 */
#ifndef RG_BUILTIN_TABLE
#error "define RG_BUILTIN_TABLE(category) before including tables.h"
#endif

RG_BUILTIN_TABLE(compare)
RG_BUILTIN_TABLE(strings)
RG_BUILTIN_TABLE(trim)
RG_BUILTIN_TABLE(split)
RG_BUILTIN_TABLE(types)
RG_BUILTIN_TABLE(time)
RG_BUILTIN_TABLE(jsonfilter)
RG_BUILTIN_TABLE(jsonpatch)
RG_BUILTIN_TABLE(net)
RG_BUILTIN_TABLE(crypto)
RG_BUILTIN_TABLE(x509)
RG_BUILTIN_TABLE(x509pair)
RG_BUILTIN_TABLE(objects)
RG_BUILTIN_TABLE(subset)
RG_BUILTIN_TABLE(arrays)
RG_BUILTIN_TABLE(aggregates)
RG_BUILTIN_TABLE(sets)
RG_BUILTIN_TABLE(graph)
RG_BUILTIN_TABLE(regex)
RG_BUILTIN_TABLE(regex_replace)
RG_BUILTIN_TABLE(numbers)
RG_BUILTIN_TABLE(bits)
RG_BUILTIN_TABLE(range)
RG_BUILTIN_TABLE(sprintf)
RG_BUILTIN_TABLE(encoding)
RG_BUILTIN_TABLE(jsonb)
RG_BUILTIN_TABLE(glob)
RG_BUILTIN_TABLE(units)
RG_BUILTIN_TABLE(semver)
RG_BUILTIN_TABLE(uri)
RG_BUILTIN_TABLE(render)
RG_BUILTIN_TABLE(globs)
RG_BUILTIN_TABLE(jwt)
RG_BUILTIN_TABLE(jwtverify)
RG_BUILTIN_TABLE(jwtsign)
RG_BUILTIN_TABLE(uuid)
RG_BUILTIN_TABLE(aws)
RG_BUILTIN_TABLE(jsonschema)
RG_BUILTIN_TABLE(http)
RG_BUILTIN_TABLE(yaml)
RG_BUILTIN_TABLE(graphql)
