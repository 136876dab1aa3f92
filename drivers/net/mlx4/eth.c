/* An Ethernet port: one CQ and one QP (the MLX service type, which on
 * an Ethernet port sends and receives whole frames), a filled receive
 * ring, SET_PORT, steering entries for exactly the addresses we answer
 * (our MAC and broadcast) and INIT_PORT.  Link state comes from port
 * events, and from QUERY_PORT while the link is down. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cxboot/io.h>
#include <cxboot/iobuf.h>
#include <cxboot/timer.h>
#include <net/ethernet.h>
#include "mlx4.h"

#define ETH_SQ 16		/* sends in flight */
#define ETH_RQ 128		/* receive buffers posted: the burst we take */
#define ETH_CQ 256		/* > ETH_SQ + ETH_RQ: never overrun */
#define RX_LEN 1536		/* a frame plus a VLAN tag */
#define PORT_MTU (ETH_FRAME_LEN + 40)
#define QP_ST_MLX 7
#define SET_PORT_ETH 1
#define SET_PORT_GENERAL 0x000
#define SET_PORT_RQP 0x100
#define WQE_SEND 0x0a
#define CQE_ERROR 0x1e
#define LINK_POLL_MS 500
#define EV_PORT_DOWN 1
#define EV_PORT_ACTIVE 4
#define MCG_PROT_ETH 1
#define STEER_UC 1
#define STEER_MC 0

static const uint8_t eth_broadcast[ETH_ALEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

/* Each port keeps to its own numbers, so reopening reuses them. */
static void port_numbers(struct mlx4_port *port)
{
	struct mlx4 *mlx = port->mlx;
	unsigned int i = port->num - 1;

	port->cq.cqn = mlx->caps.reserved_cqs + i;
	port->qp.qpn = ((mlx->caps.reserved_qps + 7) & ~7u) + 8 + i;
	port->cq.mtt.first = i * (MLX4_MAX_MTTS / 4);
	port->qp.mtt.first = port->cq.mtt.first + MLX4_MAX_MTTS / 8;
}

/* --- receive ring --- */

static void rx_post(struct mlx4_port *port)
{
	struct mlx4_qp *qp = &port->qp;
	struct io_buffer *iob;
	unsigned int slot;
	uint8_t *wqe;

	while (qp->rq_pi - qp->rq_ci < qp->rq_size) {
		iob = alloc_iob(RX_LEN);
		if (!iob)
			break;
		slot = qp->rq_pi & (qp->rq_size - 1);
		qp->rq_iob[slot] = iob;
		wqe = mlx4_rq_wqe(qp, slot);
		be32_put(wqe + 0, RX_LEN);
		be32_put(wqe + 4, port->mlx->lkey);
		be64_put(wqe + 8, virt_to_bus(iob->data));
		qp->rq_pi++;
		wmb();
		be32_put(qp->dbrec.virt, qp->rq_pi & 0xffff);
	}
}

static void rings_drain(struct mlx4_port *port)
{
	struct mlx4_qp *qp = &port->qp;
	struct io_buffer *iob;
	unsigned int i;

	for (i = 0; qp->sq_iob && i < qp->sq_size; i++) {
		iob = qp->sq_iob[i];
		qp->sq_iob[i] = NULL;
		if (iob)
			netdev_tx_complete(port->netdev, iob, -ECANCELED);
	}
	for (i = 0; qp->rq_iob && i < qp->rq_size; i++) {
		free_iob(qp->rq_iob[i]);
		qp->rq_iob[i] = NULL;
	}
}

/* --- steering --- */

static void steer_gid(uint8_t *gid, unsigned int port, const uint8_t *mac,
		      unsigned int steer)
{
	memset(gid, 0, 16);
	gid[5] = port;
	gid[7] = steer << 1;
	memcpy(gid + 10, mac, ETH_ALEN);
}

static bool mcg_empty(const uint8_t *mcg)
{
	static const uint8_t zero[16];

	return !memcmp(mcg + 0x10, zero, 16);
}

/* Add qpn to the entry at index (already read into mcg) for gid. */
static int mcg_add(struct mlx4 *mlx, unsigned int index, uint8_t *mcg,
		   const uint8_t *gid, unsigned int qpn)
{
	unsigned int n = be32_get(mcg + 4) & 0xffffff, i;

	if (mcg_empty(mcg)) {
		memcpy(mcg + 0x10, gid, 16);
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if ((be32_get(mcg + 0x20 + 4 * i) & 0xffffff) == qpn)
			return 0;
	}
	if (0x20 + 4 * (n + 1) > MLX4_MCG_SIZE)
		return -ENOSPC;
	be32_put(mcg + 0x20 + 4 * n, qpn);
	be32_put(mcg + 4, (n + 1) | (uint32_t)MCG_PROT_ETH << 30);
	return mlx4_cmd(mlx, MLX4_CMD_WRITE_MCG, 0, index, mcg, 0, NULL, NULL);
}

/* A free overflow entry (they follow the hash buckets), or 0. */
static unsigned int mcg_free(struct mlx4 *mlx, uint8_t *mcg)
{
	unsigned int i, first = 1u << mlx->log_mc;

	for (i = first; i < 2 * first; i++) {
		if (mlx4_cmd(mlx, MLX4_CMD_READ_MCG, 0, i, NULL, 0, mcg, NULL))
			return 0;
		if (mcg_empty(mcg))
			return i;
	}
	return 0;
}

/* Steer frames for gid to qpn: find gid along its hash chain, or
 * append a new entry to the chain. */
static int steer_attach(struct mlx4 *mlx, const uint8_t *gid,
			unsigned int qpn)
{
	uint8_t *in = mlx4_mailbox(), *mcg = mlx4_mailbox();
	unsigned int index, next;
	uint64_t hash;
	int rc = -ENOMEM;

	if (!in || !mcg)
		goto out;
	memcpy(in, gid, 16);
	rc = mlx4_cmd(mlx, MLX4_CMD_MGID_HASH, 0, 0, in, 0, NULL, &hash);
	index = hash & 0xffff;
	while (!rc) {
		rc = mlx4_cmd(mlx, MLX4_CMD_READ_MCG, 0, index, NULL, 0, mcg,
			      NULL);
		if (rc)
			break;
		if (mcg_empty(mcg) || !memcmp(mcg + 0x10, gid, 16)) {
			rc = mcg_add(mlx, index, mcg, gid, qpn);
			break;
		}
		next = be32_get(mcg) >> 6;
		if (next) {
			index = next;
			continue;
		}
		/* End of the chain: fill a free entry, then link it in. */
		memcpy(in, mcg, MLX4_MCG_SIZE);
		next = mcg_free(mlx, mcg);
		if (!next) {
			rc = -ENOSPC;
			break;
		}
		memset(mcg, 0, MLX4_MCG_SIZE);
		rc = mcg_add(mlx, next, mcg, gid, qpn);
		if (!rc) {
			be32_put(in, next << 6);
			rc = mlx4_cmd(mlx, MLX4_CMD_WRITE_MCG, 0, index, in, 0,
				      NULL, NULL);
		}
		break;
	}
out:
	mlx4_mailbox_free(in);
	mlx4_mailbox_free(mcg);
	return rc;
}

static int steer_port(struct mlx4_port *port)
{
	uint8_t gid[16];
	int rc;

	steer_gid(gid, port->num, port->netdev->ll_addr, STEER_UC);
	rc = steer_attach(port->mlx, gid, port->qp.qpn);
	if (rc)
		return rc;
	steer_gid(gid, port->num, eth_broadcast, STEER_MC);
	return steer_attach(port->mlx, gid, port->qp.qpn);
}

/* --- SET_PORT --- */

static int set_port(struct mlx4_port *port)
{
	struct mlx4 *mlx = port->mlx;
	uint8_t *mb = mlx4_mailbox();
	uint32_t qpn = port->qp.qpn;
	int rc;

	if (!mb)
		return -ENOMEM;
	/* General: MTU, global pause both ways */
	be32_put(mb + 0x00, 0x7);
	be32_put(mb + 0x04, PORT_MTU);
	be32_put(mb + 0x08, 1u << 31);
	be32_put(mb + 0x0c, 1u << 31);
	rc = mlx4_cmd(mlx, MLX4_CMD_SET_PORT, SET_PORT_ETH,
		      SET_PORT_GENERAL | port->num, mb, 0, NULL, NULL);
	if (rc)
		goto out;
	/* Receive QP calculation: everything lands on our QP, but only
	 * what the steering entries let through (no promiscuous mode). */
	memset(mb, 0, MLX4_MAILBOX);
	be32_put(mb + 0x00, qpn);
	be32_put(mb + 0x08, 128);		/* MAC misses: not steered */
	be32_put(mb + 0x0c, 126u << 16 | 127);
	be32_put(mb + 0x14, qpn);		/* unicast promiscuity off */
	be32_put(mb + 0x18, qpn);		/* multicast: direct only */
	rc = mlx4_cmd(mlx, MLX4_CMD_SET_PORT, SET_PORT_ETH,
		      SET_PORT_RQP | port->num, mb, 0, NULL, NULL);
out:
	mlx4_mailbox_free(mb);
	return rc;
}

/* --- open / close --- */

static int hca_get(struct mlx4 *mlx)
{
	int rc = 0;

	if (!mlx->open_count)
		rc = mlx4_hca_start(mlx);
	if (!rc)
		mlx->open_count++;
	return rc;
}

static void hca_put(struct mlx4 *mlx)
{
	if (--mlx->open_count == 0)
		mlx4_hca_stop(mlx);
}

static void eth_teardown(struct mlx4_port *port, bool port_up)
{
	struct mlx4 *mlx = port->mlx;

	if (port_up)
		mlx4_cmd(mlx, MLX4_CMD_CLOSE_PORT, 0, port->num, NULL, 0,
			 NULL, NULL);
	mlx4_qp_stop(mlx, &port->qp);
	rings_drain(port);
	mlx4_qp_destroy(mlx, &port->qp);
	mlx4_cq_destroy(mlx, &port->cq);
	hca_put(mlx);
}

static void check_link(struct mlx4_port *port)
{
	bool up = false;

	port->link_checked = currticks();
	if (mlx4_query_port(port->mlx, port->num, &up, NULL, NULL) == 0 && up)
		netdev_link_up(port->netdev);
}

static int eth_open(struct net_device *netdev)
{
	struct mlx4_port *port = netdev->priv;
	struct mlx4 *mlx = port->mlx;
	int rc = hca_get(mlx);

	if (rc)
		return rc;
	port_numbers(port);
	rc = mlx4_cq_create(mlx, &port->cq, ETH_CQ);
	if (!rc)
		rc = mlx4_qp_create(mlx, &port->qp, QP_ST_MLX, ETH_SQ, ETH_RQ,
				    &port->cq, port->num);
	if (!rc) {
		rx_post(port);
		rc = set_port(port);
	}
	if (!rc)
		rc = steer_port(port);
	if (!rc)
		rc = mlx4_cmd(mlx, MLX4_CMD_INIT_PORT, 0, port->num, NULL, 0,
			      NULL, NULL);
	if (rc) {
		eth_teardown(port, false);
		return rc;
	}
	netdev_link_down(netdev);
	check_link(port);
	return 0;
}

static void eth_close(struct net_device *netdev)
{
	eth_teardown(netdev->priv, true);
}

static int eth_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	struct mlx4_port *port = netdev->priv;
	struct mlx4_qp *qp = &port->qp;
	unsigned int idx = qp->sq_pi;
	uint8_t *wqe;

	if (qp->sq_pi - qp->sq_ci >= ETH_SQ)
		return -ENOBUFS;
	wqe = mlx4_sq_wqe(qp, idx);
	qp->sq_iob[idx & (qp->sq_size - 1)] = iob;
	be32_put(wqe + 16, iob_len(iob));
	be32_put(wqe + 20, port->mlx->lkey);
	be64_put(wqe + 24, virt_to_bus(iob->data));
	be32_put(wqe + 4, 2);			/* ds: ctrl + data */
	be32_put(wqe + 8, 3u << 2 | 1u << 1);	/* completion, solicited */
	be32_put(wqe + 12, 0);
	wmb();
	/* The owner bit makes the entry the device's: written last */
	be32_put(wqe, (idx & qp->sq_size ? 1u << 31 : 0) | WQE_SEND);
	qp->sq_pi++;
	mlx4_sq_ring(port->mlx, qp);
	return 0;
}

/* Completions are in order: a send CQE completes every WQE up to the
 * one it names. */
static void tx_done(struct mlx4_port *port, unsigned int counter, int rc)
{
	struct mlx4_qp *qp = &port->qp;
	struct io_buffer *iob;
	unsigned int slot;

	while (qp->sq_ci != qp->sq_pi) {
		slot = qp->sq_ci & (qp->sq_size - 1);
		iob = qp->sq_iob[slot];
		qp->sq_iob[slot] = NULL;
		qp->sq_ci++;
		netdev_tx_complete(port->netdev, iob,
				   ((qp->sq_ci - 1) & 0xffff) == counter ?
				   rc : 0);
		if (((qp->sq_ci - 1) & 0xffff) == counter)
			break;
	}
}

static void rx_done(struct mlx4_port *port, size_t len, int rc)
{
	struct mlx4_qp *qp = &port->qp;
	unsigned int slot = qp->rq_ci & (qp->rq_size - 1);
	struct io_buffer *iob = qp->rq_iob[slot];

	qp->rq_iob[slot] = NULL;
	qp->rq_ci++;
	if (!iob)
		return;
	if (!rc && len > RX_LEN)
		rc = -EIO;
	if (rc) {
		netdev_rx_err(port->netdev, iob, rc);
		return;
	}
	iob_put(iob, len);
	netdev_rx(port->netdev, iob);
}

static void eth_poll(struct net_device *netdev)
{
	struct mlx4_port *port = netdev->priv;
	struct mlx4 *mlx = port->mlx;
	unsigned int opcode, counter;
	uint8_t *cqe;
	int rc;

	mlx4_poll_eq(mlx);
	while ((cqe = mlx4_cq_next(&port->cq))) {
		opcode = cqe[31] & 0x1f;
		counter = be32_get(cqe + 24) >> 16;
		rc = 0;
		if (opcode == CQE_ERROR) {
			printf("%s: mlx4 %s completion error, syndrome %02x\n",
			       netdev->name, cqe[31] & 0x40 ? "send" :
			       "receive", cqe[27]);
			rc = -EIO;
		}
		if (cqe[31] & 0x40)
			tx_done(port, counter, rc);
		else
			rx_done(port, be32_get(cqe + 20), rc);
		mlx4_cq_done(&port->cq);
	}
	rx_post(port);
	if (!netdev_link_ok(netdev) &&
	    currticks() - port->link_checked >= LINK_POLL_MS)
		check_link(port);
}

static void eth_event(struct mlx4_port *port, unsigned int subtype)
{
	if (!port->netdev || !netdev_is_open(port->netdev))
		return;
	if (subtype == EV_PORT_ACTIVE)
		netdev_link_up(port->netdev);
	else if (subtype == EV_PORT_DOWN)
		netdev_link_down(port->netdev);
}

static const struct net_device_operations eth_ops = {
	.open = eth_open,
	.close = eth_close,
	.transmit = eth_transmit,
	.poll = eth_poll,
};

static int eth_probe(struct mlx4_port *port)
{
	struct net_device *netdev = alloc_etherdev(0);

	if (!netdev)
		return -ENOMEM;
	netdev->priv = port;
	netdev->op = &eth_ops;
	netdev->rx_burst = ETH_RQ;
	memcpy(netdev->hw_addr, port->mac, ETH_ALEN);
	netdev_link_down(netdev);
	port->netdev = netdev;
	return 0;
}

const struct mlx4_port_type mlx4_eth_port = {
	.name = "Ethernet",
	.probe = eth_probe,
	.event = eth_event,
};
