/* nslookup SETTING NAME: resolve a host name and store its IPv4
 * address in a setting (as iPXE scripts use it). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cxboot/errdetail.h>
#include <cxboot/job.h>
#include <cxboot/settings.h>
#include <net/dns.h>
#include <usr/parseopt.h>
#include <usr/shell.h>

struct lookup {
	struct job job;
	struct resolv resolv;
	struct in_addr addr;
};

static void lookup_done(struct resolv *r, int rc, struct in_addr addr)
{
	struct lookup *l = container_of(r, struct lookup, resolv);

	l->addr = addr;
	job_finish(&l->job, rc);
}

static void lookup_cancel(struct job *job)
{
	struct lookup *l = container_of(job, struct lookup, job);

	resolv_cancel(&l->resolv);
}

static int nslookup_exec(int argc, char **argv)
{
	struct settings *settings;
	struct setting setting;
	/* On the stack: the lookup ends (or is cancelled) before this
	 * returns, so it needs no reference count. */
	struct lookup l;
	int rc, i = parse_options(argc, argv, NULL, 0, "SETTING NAME", 2, 2);

	if (i < 0)
		return i;
	rc = parse_setting_name(argv[i], &settings, &setting,
				&setting_type_ipv4);
	if (rc) {
		printf("\"%s\": %s\n", argv[i], strerror(rc));
		return rc;
	}
	/* The value is an address whatever type the name asked for. */
	setting.type = &setting_type_ipv4;
	job_init(&l.job, lookup_cancel);
	error_detail_forget();
	rc = resolv_start(&l.resolv, argv[i + 1], lookup_done, NULL);
	if (rc == 0)
		rc = job_wait(&l.job, NULL, false);
	if (rc) {
		printf("Could not resolve %s: %s\n", argv[i + 1],
		       strerror(rc));
		error_detail_print(rc);
		return rc;
	}
	rc = store_setting(settings, &setting, &l.addr, sizeof(l.addr));
	if (rc)
		printf("Could not set \"%s\": %s\n", argv[i], strerror(rc));
	return rc;
}
COMMAND(nslookup) = { "nslookup", nslookup_exec };
