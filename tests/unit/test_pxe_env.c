/* The PXE API tests' surroundings: the server's view of real-mode
 * memory on the host (SEG:OFF and physical addresses index
 * test_real_mem; the PC's own is arch/x86/interface/pxe/pxe_real.c),
 * and a device to serve on. */
#include <string.h>
#include <cxboot/settings.h>
#include <net/ethernet.h>
#include <pxe.h>
#include "testdev.h"
#include "test_pxe.h"

uint8_t test_real_mem[TEST_REAL_MEM_SIZE];

void *real_to_virt(uint16_t seg, uint16_t off)
{
	return test_real_mem + ((uint32_t)seg << 4) + off;
}

bool virt_to_real(const void *p, struct segoff16 *out)
{
	const uint8_t *b = p;

	if (b < test_real_mem || b >= test_real_mem + 0x100000)
		return false;
	out->segment = (b - test_real_mem) >> 4;
	out->offset = (b - test_real_mem) & 0xf;
	return true;
}

void *phys_to_virt(uint32_t phys)
{
	return phys < TEST_REAL_MEM_SIZE ? test_real_mem + phys : NULL;
}

int test_pxe_unhook_rc;
unsigned int test_pxe_unhooks;

int pxe_unhook_vectors(void)
{
	test_pxe_unhooks++;
	return test_pxe_unhook_rc;
}

const uint8_t test_pxe_mac[6] = { 2, 0, 0, 0, 0, 0x0a };
const uint8_t test_pxe_peer_mac[6] = { 2, 0, 0, 0, 0, 0x0b };
const uint8_t test_pxe_ip[4] = { 10, 0, 0, 2 };
const uint8_t test_pxe_peer_ip[4] = { 10, 0, 0, 1 };

const struct pxe_layout test_pxe_layout = {
	.pxenv_entry = { .segment = 0x9800, .offset = 0x10 },
	.pxe_entry = { .segment = 0x9800, .offset = 0x20 },
	.code_seg = 0x9800, .code_size = 0x400,
	.data_seg = TEST_PXE_BASE >> 4, .data_size = sizeof(struct pxe_basemem),
	.stack_seg = 0x9840, .stack_size = 0x800,
};

/* The peer asks for us by ARP: that teaches us its address. */
static void test_pxe_announce_peer(struct net_device *nd)
{
	static const uint8_t head[] = { 0, 1, 8, 0, 6, 4, 0, 1 };
	uint8_t f[42];

	memset(f, 0xff, 6);
	memcpy(f + 6, test_pxe_peer_mac, 6);
	f[12] = 0x08;
	f[13] = 0x06;
	memcpy(f + 14, head, sizeof(head));
	memcpy(f + 22, test_pxe_peer_mac, 6);
	memcpy(f + 28, test_pxe_peer_ip, 4);
	memset(f + 32, 0, 6);
	memcpy(f + 38, test_pxe_ip, 4);
	test_inject(nd, f, sizeof(f));
}

struct net_device *test_pxe_up(void)
{
	static const uint8_t mask[4] = { 255, 255, 255, 0 };
	struct net_device *nd = alloc_etherdev(0);

	if (!nd)
		return NULL;
	nd->op = &test_dev_ops;
	memcpy(nd->hw_addr, test_pxe_mac, 6);
	if (register_netdev(nd) != 0) {
		netdev_put(nd);
		return NULL;
	}
	store_setting(netdev_settings(nd), &ip_setting, test_pxe_ip, 4);
	store_setting(netdev_settings(nd), &netmask_setting, mask, 4);
	netdev_open(nd);
	test_pxe_announce_peer(nd);
	test_ncap = 0;
	if (pxe_activate(test_pxe_basemem, &test_pxe_layout, nd,
			 "cmd line") != 0) {
		test_pxe_down(nd);
		return NULL;
	}
	return nd;
}

void test_pxe_down(struct net_device *nd)
{
	pxe_deactivate();
	netdev_close(nd);
	unregister_netdev(nd);
	netdev_put(nd);
}
