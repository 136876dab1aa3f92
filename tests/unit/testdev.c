/* The capturing test device (testdev.h). */
#include <string.h>
#include "testdev.h"

struct test_frame test_cap[TEST_CAP_MAX];
unsigned int test_ncap;

static int testdev_open(struct net_device *netdev)
{
	return 0;
}

static void testdev_close(struct net_device *netdev)
{
}

static int testdev_transmit(struct net_device *netdev, struct io_buffer *iob)
{
	if (test_ncap < TEST_CAP_MAX &&
	    iob_len(iob) <= sizeof(test_cap[0].data)) {
		memcpy(test_cap[test_ncap].data, iob->data, iob_len(iob));
		test_cap[test_ncap].len = iob_len(iob);
		test_ncap++;
	}
	netdev_tx_complete(netdev, iob, 0);
	return 0;
}

static void testdev_poll(struct net_device *netdev)
{
}

const struct net_device_operations test_dev_ops = {
	.open = testdev_open,
	.close = testdev_close,
	.transmit = testdev_transmit,
	.poll = testdev_poll,
};

void test_inject(struct net_device *netdev, const void *frame, size_t len)
{
	struct io_buffer *iob = alloc_iob(len);

	memcpy(iob_put(iob, len), frame, len);
	netdev_rx(netdev, iob);
	net_poll();
}
