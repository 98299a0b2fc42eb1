/*
 * Building Go-shaped values from OpenSSL certificate structures: names
 * (pkix.Name), extensions, key usages, subject alternative names,
 * authority information access, CRL points, policies and public keys.
 * Name constraints and policy constraints are left at Go's zero values.
 */
#include "runtime/builtins/x509json.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/builtins/b64.h"
#include "runtime/builtins/netaddr.h"

/* ---- Small builders ---------------------------------------------------- */

typedef struct obj {
    rg_arena *arena;
    rg_builder *b;
} obj;

static obj obj_new(rg_arena *arena)
{
    obj o = { arena, rg_object_builder(arena, 16) };
    return o;
}

static void put(obj *o, const char *key, const rg_value *v)
{
    rg_builder_put(o->b, rg_cstring(o->arena, key), v);
}

static const rg_value *bytes_value(rg_arena *arena, const unsigned char *p,
                                   int len)
{
    if (!p || len <= 0)
        return rg_null();
    return rg_cstring(arena, rg_b64_encode(arena, RG_B64_STD, p,
                                           (size_t)len));
}

/* The DER that an i2d call stored at *der (n bytes) as base64; frees it.
 * It takes a pointer so that *der is read after the i2d call runs. */
static const rg_value *der_of(rg_arena *arena, int n, unsigned char **der)
{
    const rg_value *v = bytes_value(arena, *der, n);
    OPENSSL_free(*der);
    *der = NULL;
    return v;
}

/* Values collected into an array. */
typedef struct list {
    rg_arena *arena;
    const rg_value **items;
    size_t count, cap;
} list;

static void list_add(list *l, const rg_value *v)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        const rg_value **items = rg_arena_alloc(l->arena, cap * sizeof *items);
        if (l->count)
            memcpy(items, l->items, l->count * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = v;
}

/* Go marshals an empty slice that was never set as null. */
static const rg_value *list_value(const list *l)
{
    if (l->count == 0)
        return rg_null();
    return rg_array(l->arena, l->items, l->count);
}

static const rg_value *oid_value(rg_arena *arena, const ASN1_OBJECT *o)
{
    char buf[256];
    OBJ_obj2txt(buf, sizeof buf, o, 1);
    list l = { arena, NULL, 0, 0 };
    for (char *p = buf; *p;) {
        list_add(&l, rg_int(arena, strtoll(p, &p, 10)));
        if (*p == '.')
            p++;
    }
    return rg_array(arena, l.items, l.count);
}

static const rg_value *asn1_string(rg_arena *arena, const ASN1_STRING *s)
{
    unsigned char *utf8 = NULL;
    int n = ASN1_STRING_to_UTF8(&utf8, s);
    if (n < 0)
        return rg_cstring(arena, "");
    const rg_value *v = rg_string(arena, (const char *)utf8, (size_t)n);
    OPENSSL_free(utf8);
    return v;
}

/* ---- pkix.Name --------------------------------------------------------- */

typedef struct name_field {
    int nid;
    const char *key;
    bool single;        /* a string, not a list */
} name_field;

static const name_field name_fields[] = {
    { NID_countryName, "Country", false },
    { NID_organizationName, "Organization", false },
    { NID_organizationalUnitName, "OrganizationalUnit", false },
    { NID_localityName, "Locality", false },
    { NID_stateOrProvinceName, "Province", false },
    { NID_streetAddress, "StreetAddress", false },
    { NID_postalCode, "PostalCode", false },
    { NID_serialNumber, "SerialNumber", true },
    { NID_commonName, "CommonName", true },
};

static const rg_value *name_value(rg_arena *arena, const X509_NAME *name)
{
    obj o = obj_new(arena);
    list names = { arena, NULL, 0, 0 };
    int count = name ? X509_NAME_entry_count(name) : 0;
    for (size_t f = 0; f < RG_ARRAY_LEN(name_fields); f++) {
        list vals = { arena, NULL, 0, 0 };
        const rg_value *single = rg_cstring(arena, "");
        for (int i = 0; i < count; i++) {
            X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
            if (OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) !=
                name_fields[f].nid)
                continue;
            single = asn1_string(arena, X509_NAME_ENTRY_get_data(e));
            list_add(&vals, single);
        }
        put(&o, name_fields[f].key,
            name_fields[f].single ? single : list_value(&vals));
    }
    for (int i = 0; i < count; i++) {
        X509_NAME_ENTRY *e = X509_NAME_get_entry(name, i);
        obj n = obj_new(arena);
        put(&n, "Type", oid_value(arena, X509_NAME_ENTRY_get_object(e)));
        put(&n, "Value", asn1_string(arena, X509_NAME_ENTRY_get_data(e)));
        list_add(&names, rg_builder_finish(n.b));
    }
    put(&o, "Names", list_value(&names));
    put(&o, "ExtraNames", rg_null());
    return rg_builder_finish(o.b);
}

/* ---- Keys and algorithms ----------------------------------------------- */

const rg_value *rg_x509json_bignum(rg_arena *arena, const BIGNUM *bn)
{
    char *dec = BN_bn2dec(bn);
    const rg_value *v = rg_number_parse(arena, dec, strlen(dec));
    OPENSSL_free(dec);
    return v ? v : rg_null();
}

static const rg_value *key_param(rg_arena *arena, EVP_PKEY *key,
                                 const char *param)
{
    BIGNUM *bn = NULL;
    if (!EVP_PKEY_get_bn_param(key, param, &bn))
        return rg_null();
    const rg_value *v = rg_x509json_bignum(arena, bn);
    BN_free(bn);
    return v;
}

int rg_x509json_key_algorithm(EVP_PKEY *key)
{
    switch (key ? EVP_PKEY_get_base_id(key) : 0) {
    case EVP_PKEY_RSA: return 1;
    case EVP_PKEY_DSA: return 2;
    case EVP_PKEY_EC: return 3;
    case EVP_PKEY_ED25519: return 4;
    default: return 0;
    }
}

const rg_value *rg_x509json_pubkey(rg_arena *arena, EVP_PKEY *key)
{
    obj o = obj_new(arena);
    switch (rg_x509json_key_algorithm(key)) {
    case 1:
        put(&o, "N", key_param(arena, key, OSSL_PKEY_PARAM_RSA_N));
        put(&o, "E", key_param(arena, key, OSSL_PKEY_PARAM_RSA_E));
        return rg_builder_finish(o.b);
    case 3:
        put(&o, "Curve", rg_builder_finish(rg_object_builder(arena, 0)));
        put(&o, "X", key_param(arena, key, OSSL_PKEY_PARAM_EC_PUB_X));
        put(&o, "Y", key_param(arena, key, OSSL_PKEY_PARAM_EC_PUB_Y));
        return rg_builder_finish(o.b);
    case 4: {
        unsigned char raw[64];
        size_t n = sizeof raw;
        if (!EVP_PKEY_get_raw_public_key(key, raw, &n))
            return rg_null();
        return bytes_value(arena, raw, (int)n);
    }
    default:
        return rg_null();
    }
}

/* Go's SignatureAlgorithm number for a signature algorithm NID. */
static int signature_algorithm(int nid)
{
    static const int map[][2] = {
        { NID_md2WithRSAEncryption, 1 }, { NID_md5WithRSAEncryption, 2 },
        { NID_sha1WithRSAEncryption, 3 }, { NID_sha256WithRSAEncryption, 4 },
        { NID_sha384WithRSAEncryption, 5 },
        { NID_sha512WithRSAEncryption, 6 }, { NID_dsaWithSHA1, 7 },
        { NID_dsa_with_SHA256, 8 }, { NID_ecdsa_with_SHA1, 9 },
        { NID_ecdsa_with_SHA256, 10 }, { NID_ecdsa_with_SHA384, 11 },
        { NID_ecdsa_with_SHA512, 12 }, { NID_rsassaPss, 13 },
        { NID_ED25519, 16 },
    };
    for (size_t i = 0; i < RG_ARRAY_LEN(map); i++)
        if (map[i][0] == nid)
            return map[i][1];
    return 0;
}

/* ---- Extensions -------------------------------------------------------- */

static const rg_value *extensions_value(rg_arena *arena,
                                        const STACK_OF(X509_EXTENSION) *exts)
{
    list l = { arena, NULL, 0, 0 };
    for (int i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
        X509_EXTENSION *e = sk_X509_EXTENSION_value(exts, i);
        ASN1_OCTET_STRING *data = X509_EXTENSION_get_data(e);
        obj o = obj_new(arena);
        put(&o, "Id", oid_value(arena, X509_EXTENSION_get_object(e)));
        put(&o, "Critical", rg_bool(X509_EXTENSION_get_critical(e) > 0));
        put(&o, "Value", bytes_value(arena, ASN1_STRING_get0_data(data),
                                     ASN1_STRING_length(data)));
        list_add(&l, rg_builder_finish(o.b));
    }
    return list_value(&l);
}

typedef struct san_lists {
    list dns, email, ip, uri, uri_strings;
} san_lists;

/* A URI in the shape of Go's url.URL. */
static const rg_value *url_value(rg_arena *arena, const char *s)
{
    obj o = obj_new(arena);
    const char *colon = strchr(s, ':');
    const char *scheme_end = colon ? colon : s;
    const char *rest = colon ? colon + 1 : s;
    const char *host = "", *path = rest;
    size_t host_len = 0;
    if (strncmp(rest, "//", 2) == 0) {
        host = rest + 2;
        host_len = strcspn(host, "/?#");
        path = host + host_len;
    }
    size_t path_len = strcspn(path, "?#");
    const char *query = path[path_len] == '?' ? path + path_len + 1 : "";
    size_t query_len = strcspn(query, "#");
    const char *frag = strchr(path, '#');
    put(&o, "Scheme", rg_string(arena, s, (size_t)(scheme_end - s)));
    put(&o, "Opaque", rg_cstring(arena, ""));
    put(&o, "User", rg_null());
    put(&o, "Host", rg_string(arena, host, host_len));
    put(&o, "Path", rg_string(arena, path, path_len));
    put(&o, "RawPath", rg_cstring(arena, ""));
    put(&o, "OmitHost", rg_bool(false));
    put(&o, "ForceQuery", rg_bool(false));
    put(&o, "RawQuery", rg_string(arena, query, query_len));
    put(&o, "Fragment", rg_cstring(arena, frag ? frag + 1 : ""));
    put(&o, "RawFragment", rg_cstring(arena, ""));
    return rg_builder_finish(o.b);
}

static void collect_sans(rg_arena *arena, GENERAL_NAMES *names, san_lists *s)
{
    for (int i = 0; i < sk_GENERAL_NAME_num(names); i++) {
        GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        if (g->type == GEN_DNS) {
            list_add(&s->dns, asn1_string(arena, g->d.dNSName));
        } else if (g->type == GEN_EMAIL) {
            list_add(&s->email, asn1_string(arena, g->d.rfc822Name));
        } else if (g->type == GEN_URI) {
            const rg_value *u =
                asn1_string(arena, g->d.uniformResourceIdentifier);
            list_add(&s->uri_strings, u);
            list_add(&s->uri, url_value(arena, rg_string_bytes(u)));
        } else if (g->type == GEN_IPADD) {
            rg_ip ip;
            int n = ASN1_STRING_length(g->d.iPAddress);
            if (n != 4 && n != 16)
                continue;
            memcpy(ip.b, ASN1_STRING_get0_data(g->d.iPAddress), (size_t)n);
            ip.len = n;
            list_add(&s->ip, rg_cstring(arena, rg_netaddr_format(arena, &ip)));
        }
    }
}

static void put_sans(obj *o, rg_arena *arena, GENERAL_NAMES *names,
                     bool uri_strings)
{
    san_lists s;
    memset(&s, 0, sizeof s);
    s.dns.arena = s.email.arena = s.ip.arena = s.uri.arena = arena;
    s.uri_strings.arena = arena;
    if (names)
        collect_sans(arena, names, &s);
    put(o, "DNSNames", list_value(&s.dns));
    put(o, "EmailAddresses", list_value(&s.email));
    put(o, "IPAddresses", list_value(&s.ip));
    put(o, "URIs", list_value(&s.uri));
    if (uri_strings)
        put(o, "URIStrings", list_value(&s.uri_strings));
}

/* Go's ExtKeyUsage numbers, in Go's order. */
static const int ext_key_usage_nids[] = {
    NID_anyExtendedKeyUsage, NID_server_auth, NID_client_auth,
    NID_code_sign, NID_email_protect, NID_ipsecEndSystem, NID_ipsecTunnel,
    NID_ipsecUser, NID_time_stamp, NID_OCSP_sign, NID_ms_sgc, NID_ns_sgc,
    NID_ms_code_com, NID_undef,
};

static void put_ext_key_usage(obj *o, rg_arena *arena, X509 *cert)
{
    list known = { arena, NULL, 0, 0 }, unknown = { arena, NULL, 0, 0 };
    EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(cert, NID_ext_key_usage,
                                               NULL, NULL);
    for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku); i++) {
        ASN1_OBJECT *obj_id = sk_ASN1_OBJECT_value(eku, i);
        int nid = OBJ_obj2nid(obj_id);
        size_t k = 0;
        while (ext_key_usage_nids[k] != NID_undef &&
               ext_key_usage_nids[k] != nid)
            k++;
        if (nid != NID_undef && ext_key_usage_nids[k] == nid)
            list_add(&known, rg_int(arena, (int64_t)k));
        else
            list_add(&unknown, oid_value(arena, obj_id));
    }
    EXTENDED_KEY_USAGE_free(eku);
    put(o, "ExtKeyUsage", list_value(&known));
    put(o, "UnknownExtKeyUsage", list_value(&unknown));
}

/* Go's KeyUsage bit order: digitalSignature is bit 0. */
static int64_t key_usage(X509 *cert)
{
    static const uint32_t bits[9] = {
        KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION, KU_KEY_ENCIPHERMENT,
        KU_DATA_ENCIPHERMENT, KU_KEY_AGREEMENT, KU_KEY_CERT_SIGN,
        KU_CRL_SIGN, KU_ENCIPHER_ONLY, KU_DECIPHER_ONLY,
    };
    uint32_t ku = X509_get_key_usage(cert);
    if (ku == UINT32_MAX)
        return 0;
    int64_t out = 0;
    for (int i = 0; i < 9; i++)
        if (ku & bits[i])
            out |= (int64_t)1 << i;
    return out;
}

static void put_basic_constraints(obj *o, rg_arena *arena, X509 *cert)
{
    BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(cert, NID_basic_constraints,
                                             NULL, NULL);
    int64_t max_path = 0;
    bool zero = false;
    if (bc && bc->pathlen) {
        max_path = ASN1_INTEGER_get(bc->pathlen);
        zero = max_path == 0;
    } else if (bc) {
        max_path = -1;
    }
    put(o, "BasicConstraintsValid", rg_bool(bc != NULL));
    put(o, "IsCA", rg_bool(bc && bc->ca));
    put(o, "MaxPathLen", rg_int(arena, max_path));
    put(o, "MaxPathLenZero", rg_bool(zero));
    BASIC_CONSTRAINTS_free(bc);
}

static void put_key_ids(obj *o, rg_arena *arena, X509 *cert)
{
    const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(cert);
    const ASN1_OCTET_STRING *akid = X509_get0_authority_key_id(cert);
    put(o, "SubjectKeyId",
        skid ? bytes_value(arena, ASN1_STRING_get0_data(skid),
                           ASN1_STRING_length(skid))
             : rg_null());
    put(o, "AuthorityKeyId",
        akid ? bytes_value(arena, ASN1_STRING_get0_data(akid),
                           ASN1_STRING_length(akid))
             : rg_null());
}

static void put_access_info(obj *o, rg_arena *arena, X509 *cert)
{
    list ocsp = { arena, NULL, 0, 0 }, issuers = { arena, NULL, 0, 0 };
    AUTHORITY_INFO_ACCESS *aia = X509_get_ext_d2i(cert, NID_info_access,
                                                  NULL, NULL);
    for (int i = 0; aia && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
        ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
        if (ad->location->type != GEN_URI)
            continue;
        const rg_value *u =
            asn1_string(arena, ad->location->d.uniformResourceIdentifier);
        int nid = OBJ_obj2nid(ad->method);
        if (nid == NID_ad_OCSP)
            list_add(&ocsp, u);
        else if (nid == NID_ad_ca_issuers)
            list_add(&issuers, u);
    }
    AUTHORITY_INFO_ACCESS_free(aia);
    put(o, "OCSPServer", list_value(&ocsp));
    put(o, "IssuingCertificateURL", list_value(&issuers));
}

static void put_crl_points(obj *o, rg_arena *arena, X509 *cert)
{
    list l = { arena, NULL, 0, 0 };
    CRL_DIST_POINTS *dps = X509_get_ext_d2i(cert, NID_crl_distribution_points,
                                            NULL, NULL);
    for (int i = 0; dps && i < sk_DIST_POINT_num(dps); i++) {
        DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
        if (!dp->distpoint || dp->distpoint->type != 0)
            continue;
        GENERAL_NAMES *names = dp->distpoint->name.fullname;
        for (int k = 0; k < sk_GENERAL_NAME_num(names); k++) {
            GENERAL_NAME *g = sk_GENERAL_NAME_value(names, k);
            if (g->type == GEN_URI)
                list_add(&l, asn1_string(arena,
                                         g->d.uniformResourceIdentifier));
        }
    }
    CRL_DIST_POINTS_free(dps);
    put(o, "CRLDistributionPoints", list_value(&l));
}

static void put_policies(obj *o, rg_arena *arena, X509 *cert)
{
    list ids = { arena, NULL, 0, 0 }, texts = { arena, NULL, 0, 0 };
    CERTIFICATEPOLICIES *pol = X509_get_ext_d2i(cert,
                                                NID_certificate_policies,
                                                NULL, NULL);
    for (int i = 0; pol && i < sk_POLICYINFO_num(pol); i++) {
        POLICYINFO *pi = sk_POLICYINFO_value(pol, i);
        char buf[256];
        OBJ_obj2txt(buf, sizeof buf, pi->policyid, 1);
        list_add(&ids, oid_value(arena, pi->policyid));
        list_add(&texts, rg_cstring(arena, buf));
    }
    CERTIFICATEPOLICIES_free(pol);
    put(o, "PolicyIdentifiers", list_value(&ids));
    put(o, "Policies", list_value(&texts));
}

/* Fields of Go's Certificate this file leaves at their zero values. */
static void put_zero_fields(obj *o, rg_arena *arena)
{
    static const char *const nulls[] = {
        "ExtraExtensions", "UnhandledCriticalExtensions",
        "PermittedDNSDomains", "ExcludedDNSDomains", "PermittedIPRanges",
        "ExcludedIPRanges", "PermittedEmailAddresses",
        "ExcludedEmailAddresses", "PermittedURIDomains",
        "ExcludedURIDomains", "PolicyMappings",
    };
    for (size_t i = 0; i < RG_ARRAY_LEN(nulls); i++)
        put(o, nulls[i], rg_null());
    static const char *const zeros[] = {
        "InhibitAnyPolicy", "InhibitPolicyMapping", "RequireExplicitPolicy",
    };
    for (size_t i = 0; i < RG_ARRAY_LEN(zeros); i++)
        put(o, zeros[i], rg_int(arena, 0));
    put(o, "PermittedDNSDomainsCritical", rg_bool(false));
    put(o, "InhibitAnyPolicyZero", rg_bool(false));
    put(o, "InhibitPolicyMappingZero", rg_bool(false));
    put(o, "RequireExplicitPolicyZero", rg_bool(false));
}

static const rg_value *time_value(rg_arena *arena, const ASN1_TIME *t)
{
    struct tm tm;
    if (!ASN1_TIME_to_tm(t, &tm))
        return rg_null();
    return rg_cstring(arena, rg_arena_printf(arena,
        "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
        tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec));
}

static void put_raw(obj *o, rg_arena *arena, X509 *cert)
{
    unsigned char *der = NULL;
    put(o, "Raw", der_of(arena, i2d_X509(cert, &der), &der));
    put(o, "RawTBSCertificate",
        der_of(arena, i2d_re_X509_tbs(cert, &der), &der));
    put(o, "RawSubjectPublicKeyInfo",
        der_of(arena, i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der),
               &der));
    put(o, "RawSubject",
        der_of(arena, i2d_X509_NAME(X509_get_subject_name(cert), &der),
               &der));
    put(o, "RawIssuer",
        der_of(arena, i2d_X509_NAME(X509_get_issuer_name(cert), &der),
               &der));
}

static void put_signature(obj *o, rg_arena *arena, X509 *cert)
{
    const ASN1_BIT_STRING *sig;
    const X509_ALGOR *alg;
    X509_get0_signature(&sig, &alg, cert);
    put(o, "Signature", bytes_value(arena, ASN1_STRING_get0_data(sig),
                                    ASN1_STRING_length(sig)));
    put(o, "SignatureAlgorithm",
        rg_int(arena, signature_algorithm(X509_get_signature_nid(cert))));
}

const rg_value *rg_x509json_cert(rg_arena *arena, X509 *cert)
{
    obj o = obj_new(arena);
    put_raw(&o, arena, cert);
    put_signature(&o, arena, cert);
    EVP_PKEY *key = X509_get0_pubkey(cert);
    put(&o, "PublicKeyAlgorithm",
        rg_int(arena, rg_x509json_key_algorithm(key)));
    put(&o, "PublicKey", rg_x509json_pubkey(arena, key));
    put(&o, "Version", rg_int(arena, X509_get_version(cert) + 1));
    BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), NULL);
    put(&o, "SerialNumber", serial ? rg_x509json_bignum(arena, serial)
                                   : rg_null());
    BN_free(serial);
    put(&o, "Issuer", name_value(arena, X509_get_issuer_name(cert)));
    put(&o, "Subject", name_value(arena, X509_get_subject_name(cert)));
    put(&o, "NotBefore", time_value(arena, X509_get0_notBefore(cert)));
    put(&o, "NotAfter", time_value(arena, X509_get0_notAfter(cert)));
    put(&o, "KeyUsage", rg_int(arena, key_usage(cert)));
    put(&o, "Extensions", extensions_value(arena, X509_get0_extensions(cert)));
    put_ext_key_usage(&o, arena, cert);
    put_basic_constraints(&o, arena, cert);
    put_key_ids(&o, arena, cert);
    put_access_info(&o, arena, cert);
    GENERAL_NAMES *sans = X509_get_ext_d2i(cert, NID_subject_alt_name,
                                           NULL, NULL);
    put_sans(&o, arena, sans, true);
    GENERAL_NAMES_free(sans);
    put_crl_points(&o, arena, cert);
    put_policies(&o, arena, cert);
    put_zero_fields(&o, arena);
    return rg_builder_finish(o.b);
}

static GENERAL_NAMES *csr_sans(STACK_OF(X509_EXTENSION) *exts)
{
    for (int i = 0; i < sk_X509_EXTENSION_num(exts); i++) {
        X509_EXTENSION *e = sk_X509_EXTENSION_value(exts, i);
        if (OBJ_obj2nid(X509_EXTENSION_get_object(e)) == NID_subject_alt_name)
            return X509V3_EXT_d2i(e);
    }
    return NULL;
}

const rg_value *rg_x509json_csr(rg_arena *arena, X509_REQ *req)
{
    obj o = obj_new(arena);
    unsigned char *der = NULL;
    put(&o, "Raw", der_of(arena, i2d_X509_REQ(req, &der), &der));
    put(&o, "RawTBSCertificateRequest",
        der_of(arena, i2d_re_X509_REQ_tbs(req, &der), &der));
    EVP_PKEY *key = X509_REQ_get0_pubkey(req);
    put(&o, "RawSubjectPublicKeyInfo",
        der_of(arena, key ? i2d_PUBKEY(key, &der) : 0, &der));
    put(&o, "RawSubject",
        der_of(arena, i2d_X509_NAME(X509_REQ_get_subject_name(req), &der),
               &der));
    put(&o, "Version", rg_int(arena, X509_REQ_get_version(req)));
    const ASN1_BIT_STRING *sig;
    const X509_ALGOR *alg;
    X509_REQ_get0_signature(req, &sig, &alg);
    put(&o, "Signature", bytes_value(arena, ASN1_STRING_get0_data(sig),
                                     ASN1_STRING_length(sig)));
    put(&o, "SignatureAlgorithm",
        rg_int(arena, signature_algorithm(X509_REQ_get_signature_nid(req))));
    put(&o, "PublicKeyAlgorithm",
        rg_int(arena, rg_x509json_key_algorithm(key)));
    put(&o, "PublicKey", rg_x509json_pubkey(arena, key));
    put(&o, "Subject", name_value(arena, X509_REQ_get_subject_name(req)));
    put(&o, "Attributes", rg_null());
    STACK_OF(X509_EXTENSION) *exts = X509_REQ_get_extensions(req);
    put(&o, "Extensions", extensions_value(arena, exts));
    put(&o, "ExtraExtensions", rg_null());
    GENERAL_NAMES *sans = csr_sans(exts);
    put_sans(&o, arena, sans, false);
    GENERAL_NAMES_free(sans);
    sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    return rg_builder_finish(o.b);
}
