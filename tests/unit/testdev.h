/* A network device for unit tests: every frame the stack sends is kept
 * in test_cap (up to TEST_CAP_MAX, counted by test_ncap, which a test
 * resets), and test_inject() hands it a frame as if received. */
#ifndef TESTS_UNIT_TESTDEV_H
#define TESTS_UNIT_TESTDEV_H
#include <net/netdevice.h>

#define TEST_CAP_MAX 16

struct test_frame {
	uint8_t data[1600];
	size_t len;
};
extern struct test_frame test_cap[TEST_CAP_MAX];
extern unsigned int test_ncap;
extern const struct net_device_operations test_dev_ops;

/* Receive frame on netdev and let the stack run. */
void test_inject(struct net_device *netdev, const void *frame, size_t len);

#endif
