/*
 * Deterministic generator of a synthetic cluster for the scan benchmark:
 *
 *   gen_cluster OUTDIR [RESOURCES]
 *
 * writes RESOURCES (default 2500) Kubernetes objects as multi-document
 * YAML, one file per namespace plus cluster.yaml for cluster-scoped
 * objects.  The mix resembles an application cluster: workloads of every
 * kind with Services, ConfigMaps, Secrets, service accounts and RBAC,
 * some of them misconfigured (privileged, host namespaces, hostPath,
 * latest tags, missing limits).  A fixed linear congruential generator
 * makes the output identical on every run and machine.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Namespaces the objects are spread over. */
#define NAMESPACES 25
/* Default object count: Kubescape's large-cluster threshold. */
#define DEFAULT_RESOURCES 2500

static uint64_t state = 0x2545F4914F6CDD1DULL;

/* Knuth's MMIX LCG; the high bits are the usable ones. */
static unsigned rnd(unsigned n)
{
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((state >> 33) % n);
}

static const char *yes(unsigned percent)
{
    return rnd(100) < percent ? "true" : "false";
}

static void container(FILE *f, const char *indent, int i)
{
    static const char *const images[] = {
        "nginx:1.27", "nginx:latest", "redis:7.2", "postgres:16",
        "registry.example.com/app/api:2.3.1", "busybox"};
    fprintf(f, "%s- name: c%d\n", indent, i);
    fprintf(f, "%s  image: %s\n", indent, images[rnd(6)]);
    fprintf(f, "%s  ports:\n%s  - containerPort: %u\n", indent, indent,
            8000 + rnd(100));
    fprintf(f, "%s  securityContext:\n", indent);
    fprintf(f, "%s    privileged: %s\n", indent, yes(5));
    fprintf(f, "%s    allowPrivilegeEscalation: %s\n", indent, yes(30));
    fprintf(f, "%s    readOnlyRootFilesystem: %s\n", indent, yes(60));
    fprintf(f, "%s    runAsNonRoot: %s\n", indent, yes(60));
    if (rnd(100) < 70)
        fprintf(f, "%s  resources:\n%s    limits:\n%s      cpu: %um\n"
                "%s      memory: %uMi\n", indent, indent, indent,
                100 + rnd(900), indent, 64 + rnd(960));
    if (rnd(100) < 20)
        fprintf(f, "%s  env:\n%s  - name: DB_PASSWORD\n"
                "%s    value: secret%u\n", indent, indent, indent, rnd(999));
    if (rnd(100) < 10)
        fprintf(f, "%s  volumeMounts:\n%s  - name: host\n"
                "%s    mountPath: /host\n", indent, indent, indent);
}

static void pod_spec(FILE *f, const char *indent)
{
    fprintf(f, "%shostPID: %s\n", indent, yes(4));
    fprintf(f, "%shostNetwork: %s\n", indent, yes(4));
    fprintf(f, "%sserviceAccountName: sa-%u\n", indent, rnd(4));
    fprintf(f, "%scontainers:\n", indent);
    int n = 1 + (int)rnd(3);
    for (int i = 0; i < n; i++)
        container(f, indent, i);
    fprintf(f, "%svolumes:\n%s- name: host\n%s  hostPath:\n"
            "%s    path: /var/lib/data%u\n", indent, indent, indent, indent,
            rnd(9));
}

static void workload(FILE *f, const char *kind, const char *ns, int i)
{
    bool cron = strcmp(kind, "CronJob") == 0;
    bool pod = strcmp(kind, "Pod") == 0;
    const char *api = cron || strcmp(kind, "Job") == 0 ? "batch/v1"
                    : pod ? "v1" : "apps/v1";
    fprintf(f, "---\napiVersion: %s\nkind: %s\nmetadata:\n  name: %s-%d\n"
            "  namespace: %s\n  labels:\n    app: app-%d\n", api, kind,
            kind, i, ns, i);
    if (pod) {
        fprintf(f, "spec:\n");
        pod_spec(f, "  ");
        return;
    }
    fprintf(f, "spec:\n");
    if (cron) {
        fprintf(f, "  schedule: \"%u * * * *\"\n  jobTemplate:\n    spec:\n"
                "      template:\n        spec:\n"
                "          restartPolicy: OnFailure\n", rnd(60));
        pod_spec(f, "          ");
        return;
    }
    if (strcmp(kind, "Deployment") == 0 || strcmp(kind, "StatefulSet") == 0)
        fprintf(f, "  replicas: %u\n", 1 + rnd(5));
    fprintf(f, "  selector:\n    matchLabels:\n      app: app-%d\n"
            "  template:\n    metadata:\n      labels:\n        app: app-%d\n"
            "    spec:\n", i, i);
    pod_spec(f, "      ");
}

static void other(FILE *f, int type, const char *ns, int i)
{
    switch (type) {
    case 0:
        fprintf(f, "---\napiVersion: v1\nkind: Service\nmetadata:\n"
                "  name: svc-%d\n  namespace: %s\nspec:\n  type: %s\n"
                "  selector:\n    app: app-%d\n  ports:\n  - port: 80\n",
                i, ns, rnd(100) < 15 ? "LoadBalancer" : "ClusterIP", i);
        break;
    case 1:
        fprintf(f, "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                "  name: cm-%d\n  namespace: %s\ndata:\n  mode: \"on\"\n"
                "  %s: value-%u\n", i, ns,
                rnd(100) < 10 ? "password" : "level", rnd(1000));
        break;
    case 2:
        fprintf(f, "---\napiVersion: v1\nkind: Secret\nmetadata:\n"
                "  name: secret-%d\n  namespace: %s\ntype: Opaque\n"
                "data:\n  token: dG9rZW4=\n", i, ns);
        break;
    case 3:
        fprintf(f, "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n"
                "  name: sa-%d\n  namespace: %s\n", i, ns);
        break;
    case 4:
        fprintf(f, "---\napiVersion: rbac.authorization.k8s.io/v1\n"
                "kind: Role\nmetadata:\n  name: role-%d\n  namespace: %s\n"
                "rules:\n- apiGroups: [\"\"]\n  resources: [\"%s\"]\n"
                "  verbs: [\"get\", \"list\"%s]\n", i, ns,
                rnd(100) < 20 ? "secrets" : "pods",
                rnd(100) < 20 ? ", \"create\", \"delete\"" : "");
        break;
    default:
        fprintf(f, "---\napiVersion: rbac.authorization.k8s.io/v1\n"
                "kind: RoleBinding\nmetadata:\n  name: rb-%d\n"
                "  namespace: %s\nroleRef:\n"
                "  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n"
                "  name: role-%d\nsubjects:\n- kind: ServiceAccount\n"
                "  name: sa-%u\n  namespace: %s\n", i, ns, i - 1, rnd(4),
                ns);
    }
}

static void cluster_scoped(FILE *f, int i)
{
    if (i % 2 == 0) {
        fprintf(f, "---\napiVersion: rbac.authorization.k8s.io/v1\n"
                "kind: ClusterRole\nmetadata:\n  name: cr-%d\nrules:\n"
                "- apiGroups: [\"%s\"]\n  resources: [\"%s\"]\n"
                "  verbs: [\"%s\"]\n", i, rnd(10) ? "" : "*",
                rnd(10) ? "nodes" : "*", rnd(10) ? "get" : "*");
        return;
    }
    fprintf(f, "---\napiVersion: rbac.authorization.k8s.io/v1\n"
            "kind: ClusterRoleBinding\nmetadata:\n  name: crb-%d\n"
            "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n"
            "  kind: ClusterRole\n  name: cr-%d\nsubjects:\n"
            "- kind: %s\n  name: %s\n  apiGroup: rbac.authorization.k8s.io\n",
            i, i - 1, rnd(10) ? "Group" : "User",
            rnd(10) ? "developers" : "system:anonymous");
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.yaml", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "gen_cluster: cannot write %s: %s\n", path,
                strerror(errno));
        exit(1);
    }
    return f;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: gen_cluster OUTDIR [RESOURCES]\n");
        return 2;
    }
    int total = argc == 3 ? atoi(argv[2]) : DEFAULT_RESOURCES;
    if (total < NAMESPACES * 2) {
        fprintf(stderr, "gen_cluster: RESOURCES must be at least %d\n",
                NAMESPACES * 2);
        return 2;
    }
    mkdir(argv[1], 0755);
    static const char *const kinds[] = {
        "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"};
    int cluster = total / 20;       /* 5% cluster-scoped RBAC */
    int per_ns = (total - cluster) / NAMESPACES;
    int written = 0;
    for (int n = 0; n < NAMESPACES; n++) {
        char ns[32];
        snprintf(ns, sizeof ns, "team-%02d", n);
        FILE *f = open_out(argv[1], ns);
        fprintf(f, "apiVersion: v1\nkind: Namespace\nmetadata:\n"
                "  name: %s\n", ns);
        written++;
        int count = per_ns - 1;
        if (n == NAMESPACES - 1)
            count = total - cluster - written;
        for (int i = 0; i < count; i++, written++) {
            if (i % 2 == 0)
                workload(f, kinds[rnd(6)], ns, written);
            else
                other(f, (int)rnd(6), ns, written);
        }
        fclose(f);
    }
    FILE *f = open_out(argv[1], "cluster");
    for (int i = 0; i < cluster; i++, written++)
        cluster_scoped(f, written);
    fclose(f);
    return 0;
}
