/* The --connectx option of cxboot-sim: parse the adapter description,
 * build the model, open its ports and trace file, and plug it into the
 * simulated PCI bus.  Each use adds one adapter in its own slot. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/pci.h>
#include <host_opt.h>
#include "linux_api.h"
#include "cx.h"

#define O_WRONLY 01
#define O_CREAT 0100
#define O_APPEND 02000
#define FIRST_SLOT 0x10

static unsigned int adapters;

/* "cmd:OP:STATUS", "cqe:N", "nolink:P" or "nosense", joined by '+'. */
int cx_set_faults(struct cx_dev *cx, const char *spec)
{
	while (*spec) {
		const char *end = strchr(spec, '+');
		size_t len = end ? (size_t)(end - spec) : strlen(spec);
		char *rest;

		if (strncmp(spec, "cmd:", 4) == 0) {
			cx->fault.cmd_op = strtoul(spec + 4, &rest, 0);
			if (*rest != ':')
				return -EINVAL;
			cx->fault.cmd_status = strtoul(rest + 1, &rest, 0);
		} else if (strncmp(spec, "cqe:", 4) == 0) {
			cx->fault.cqe_every = strtoul(spec + 4, &rest, 0);
		} else if (strncmp(spec, "nolink:", 7) == 0) {
			unsigned long p = strtoul(spec + 7, &rest, 0);

			if (p < 1 || p > 2)
				return -EINVAL;
			cx->fault.nolink[p] = true;
		} else if (len == 7 && strncmp(spec, "nosense", 7) == 0) {
			rest = (char *)spec + 7;
		} else {
			return -EINVAL;
		}
		if (rest != spec + len)
			return -EINVAL;
		if (len == 7 && strncmp(spec, "nosense", 7) == 0)
			cx->fault.nosense = true;
		spec += len + (end ? 1 : 0);
	}
	return 0;
}

static int setup_port(struct cx_dev *cx, unsigned int n, const char *spec,
		      unsigned int rate)
{
	struct cx_port *p = &cx->port[n];
	const char *ifname = NULL;

	p->rate_mbps = rate ? rate : 10000;
	p->mac[0] = 0x00;
	p->mac[1] = 0x02;
	p->mac[2] = 0xc9;			/* Mellanox OUI */
	p->mac[3] = cx->pci.bdf >> 3;
	p->mac[4] = cx->seed;
	p->mac[5] = n;
	if (!spec || strcmp(spec, "none") == 0) {
		p->kind = PORT_NONE;
	} else if (strcmp(spec, "ib") == 0) {
		p->kind = PORT_IB;
	} else if (strncmp(spec, "eth:", 4) == 0) {
		p->kind = PORT_ETH;
		ifname = spec + 4;
	} else if (strncmp(spec, "auto:", 5) == 0) {
		p->kind = PORT_AUTO;
		ifname = spec + 5;
	} else {
		return -EINVAL;
	}
	if (!ifname)
		return 0;
	if (!*ifname || strlen(ifname) >= sizeof(p->ifname))
		return -EINVAL;
	strcpy(p->ifname, ifname);
	return cx_port_open(p) ? -ENODEV : 0;
}

/* The expansion ROM's contents; the rest of the BAR reads 0xff. */
static int load_rom(struct cx_dev *cx, const char *path)
{
	void *data;
	size_t len;

	if (linux_read_file(path, &data, &len))
		return -EIO;
	if (len > CX_ROM_SIZE) {
		free(data);
		return -EFBIG;
	}
	cx->rom = malloc(CX_ROM_SIZE);
	if (!cx->rom) {
		free(data);
		return -ENOMEM;
	}
	memset(cx->rom, 0xff, CX_ROM_SIZE);
	memcpy(cx->rom, data, len);
	free(data);
	return 0;
}

struct cx_dev *cx_create_config(const struct cx_config *conf)
{
	struct cx_dev *cx = cx_create(conf);

	if (!cx)
		return NULL;
	for (unsigned int n = 1; n <= 2; n++) {
		if (setup_port(cx, n, conf->port[n], conf->rate_mbps)) {
			printf("connectx: port%u=%s: cannot attach\n", n,
			       conf->port[n]);
			cx_destroy(cx);
			return NULL;
		}
	}
	if (conf->fault && cx_set_faults(cx, conf->fault)) {
		printf("connectx: fault=%s: not understood\n", conf->fault);
		cx_destroy(cx);
		return NULL;
	}
	if (conf->rom && load_rom(cx, conf->rom)) {
		printf("connectx: rom=%s: cannot read (at most 1 MiB)\n",
		       conf->rom);
		cx_destroy(cx);
		return NULL;
	}
	if (conf->stats && !(cx->stats_path = strdup(conf->stats))) {
		cx_destroy(cx);
		return NULL;
	}
	if (conf->trace) {
		cx->trace_fd = linux_syscall(SYS_open, (long)conf->trace,
					     O_WRONLY | O_CREAT | O_APPEND,
					     0644, 0, 0, 0);
		if (cx->trace_fd < 0) {
			printf("connectx: trace=%s: cannot open\n",
			       conf->trace);
			cx_destroy(cx);
			return NULL;
		}
	}
	return cx;
}

/* Split "key=value,key=value" in place into conf. */
static int parse(char *arg, struct cx_config *conf)
{
	for (char *kv = arg, *next; kv && *kv; kv = next) {
		char *val;

		next = strchr(kv, ',');
		if (next)
			*next++ = '\0';
		val = strchr(kv, '=');
		if (!val)
			return -EINVAL;
		*val++ = '\0';
		if (strcmp(kv, "port1") == 0)
			conf->port[1] = val;
		else if (strcmp(kv, "port2") == 0)
			conf->port[2] = val;
		else if (strcmp(kv, "devid") == 0)
			conf->devid = strtoul(val, NULL, 16);
		else if (strcmp(kv, "seed") == 0)
			conf->seed = strtoul(val, NULL, 0);
		else if (strcmp(kv, "trace") == 0)
			conf->trace = val;
		else if (strcmp(kv, "fault") == 0)
			conf->fault = val;
		else if (strcmp(kv, "stats") == 0)
			conf->stats = val;
		else if (strcmp(kv, "rom") == 0)
			conf->rom = val;
		else if (strcmp(kv, "rate") == 0)
			conf->rate_mbps = strtoul(val, NULL, 0);
		else
			return -EINVAL;
	}
	return conf->port[1] ? 0 : -EINVAL;
}

static int connectx_attach(const char *arg)
{
	struct cx_config conf = { 0 };
	struct cx_dev *cx;
	char *copy = strdup(arg);

	if (!copy)
		return -ENOMEM;
	if (parse(copy, &conf)) {
		printf("--connectx %s: expected port1=eth:IFNAME[,port2=...]"
		       "[,devid=HEX][,seed=N][,trace=FILE][,fault=SPEC]\n",
		       arg);
		free(copy);
		return -EINVAL;
	}
	conf.bdf = PCI_BDF(0, FIRST_SLOT + adapters, 0);
	cx = cx_create_config(&conf);
	free(copy);
	if (!cx)
		return -EINVAL;
	adapters++;
	return sim_pci_register(cx_pci(cx));
}

HOST_OPTION(connectx_opt) = {
	.name = "--connectx",
	.usage = "port1=eth:IFNAME[,port2=eth:IFNAME|auto:IFNAME|ib|none]"
		 "[,devid=HEX][,seed=N][,trace=FILE][,fault=SPEC]",
	.handle = connectx_attach,
};
