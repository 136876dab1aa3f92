/* The few Linux system calls and structures the hosted build uses,
 * declared here so that no host header is needed. */
#ifndef ARCH_LINUX_API_H
#define ARCH_LINUX_API_H
#include <stdint.h>
#include <stddef.h>

long linux_syscall(long nr, long a, long b, long c, long d, long e, long f);

#define SYS_read 0
#define SYS_write 1
#define SYS_open 2
#define SYS_close 3
#define SYS_fstat 5
#define SYS_poll 7
#define SYS_mmap 9
#define SYS_munmap 11
#define SYS_madvise 28
#define SYS_ioctl 16
#define SYS_socket 41
#define SYS_sendto 44
#define SYS_recvfrom 45
#define SYS_recvmmsg 299
#define SYS_bind 49
#define SYS_setsockopt 54
#define SYS_exit_group 231
#define SYS_clock_gettime 228

static inline long linux_read(int fd, void *buf, size_t n)
{ return linux_syscall(SYS_read, fd, (long)buf, n, 0, 0, 0); }
static inline long linux_write(int fd, const void *buf, size_t n)
{ return linux_syscall(SYS_write, fd, (long)buf, n, 0, 0, 0); }
static inline int linux_open(const char *path, int flags)
{ return linux_syscall(SYS_open, (long)path, flags, 0, 0, 0, 0); }
static inline int linux_close(int fd)
{ return linux_syscall(SYS_close, fd, 0, 0, 0, 0, 0); }
static inline int linux_ioctl(int fd, unsigned long req, void *arg)
{ return linux_syscall(SYS_ioctl, fd, req, (long)arg, 0, 0, 0); }
static inline int linux_socket(int dom, int type, int proto)
{ return linux_syscall(SYS_socket, dom, type, proto, 0, 0, 0); }
static inline int linux_bind(int fd, const void *addr, int len)
{ return linux_syscall(SYS_bind, fd, (long)addr, len, 0, 0, 0); }
static inline int linux_setsockopt(int fd, int lvl, int opt, const void *v,
				   int len)
{ return linux_syscall(SYS_setsockopt, fd, lvl, opt, (long)v, len, 0); }
static inline long linux_sendto(int fd, const void *buf, size_t len,
				int flags)
{ return linux_syscall(SYS_sendto, fd, (long)buf, len, flags, 0, 0); }
static inline long linux_recvfrom(int fd, void *buf, size_t len, int flags,
				  void *addr, int *alen)
{ return linux_syscall(SYS_recvfrom, fd, (long)buf, len, flags,
		       (long)addr, (long)alen); }
struct linux_iovec { void *base; size_t len; };
struct linux_msghdr {
	void *name;
	int namelen;
	struct linux_iovec *iov;
	size_t iovlen;
	void *control;
	size_t controllen;
	int flags;
};
struct linux_mmsghdr { struct linux_msghdr hdr; unsigned int len; };
static inline int linux_recvmmsg(int fd, struct linux_mmsghdr *msgs,
				 unsigned int n, int flags)
{ return linux_syscall(SYS_recvmmsg, fd, (long)msgs, n, flags, 0, 0); }
static inline void *linux_mmap(void *addr, size_t len, int prot, int flags,
			       int fd, long off)
{ return (void *)linux_syscall(SYS_mmap, (long)addr, len, prot, flags, fd,
			       off); }
static inline int linux_munmap(void *addr, size_t len)
{ return linux_syscall(SYS_munmap, (long)addr, len, 0, 0, 0, 0); }
static inline int linux_madvise(void *addr, size_t len, int advice)
{ return linux_syscall(SYS_madvise, (long)addr, len, advice, 0, 0, 0); }
static inline __attribute__((noreturn)) void linux_exit(int status)
{
	linux_syscall(SYS_exit_group, status, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

#define O_RDONLY 0
#define O_WRONLY 01
#define O_CREAT 0100
#define O_TRUNC 01000
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000
#define MSG_DONTWAIT 0x40

struct linux_timespec { long tv_sec, tv_nsec; };
#define CLOCK_MONOTONIC 1
/* Through the vDSO once linux_vdso_init() was given its image. */
int linux_clock_gettime(int clk, struct linux_timespec *ts);
void linux_vdso_init(const void *image);

struct linux_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	uint64_t times[6];
	int64_t reserved[3];
};
static inline int linux_fstat(int fd, struct linux_stat *st)
{ return linux_syscall(SYS_fstat, fd, (long)st, 0, 0, 0, 0); }

struct linux_pollfd { int fd; short events, revents; };
#define POLLIN 1
static inline int linux_poll(struct linux_pollfd *fds, unsigned n, int ms)
{ return linux_syscall(SYS_poll, (long)fds, n, ms, 0, 0, 0); }

/* Terminal control (kernel struct termios) */
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};
#define TCGETS 0x5401
#define TCSETS 0x5402
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define IEXTEN 0100000
#define ICRNL 0000400
#define IXON 0002000
#define VTIME 5
#define VMIN 6

/* Packet sockets */
#define AF_PACKET 17
#define SOCK_RAW 3
#define SOL_PACKET 263
#define PACKET_ADD_MEMBERSHIP 1
#define PACKET_MR_PROMISC 1
#define PACKET_RX_RING 5
#define PACKET_VERSION 10
#define PACKET_IGNORE_OUTGOING 23
#define TPACKET_V2 1
#define ETH_P_ALL 0x0003
#define SIOCGIFFLAGS 0x8913
#define SIOCGIFMTU 0x8921
#define SIOCGIFHWADDR 0x8927
#define SIOCGIFINDEX 0x8933
#define IFF_UP 0x1
#define IFF_RUNNING 0x40

struct linux_sockaddr_ll {
	uint16_t sll_family;
	uint16_t sll_protocol;   /* network order */
	int32_t sll_ifindex;
	uint16_t sll_hatype;
	uint8_t sll_pkttype;
	uint8_t sll_halen;
	uint8_t sll_addr[8];
};
/* A receive ring (PACKET_RX_RING, TPACKET_V2): frame_nr slots of
 * frame_size bytes, in blocks of block_size, mapped into our memory. */
struct linux_tpacket_req {
	uint32_t block_size, block_nr, frame_size, frame_nr;
};
/* The head of each slot: tp_status says whose the slot is; the frame
 * is tp_snaplen bytes (of tp_len on the wire) at tp_mac. */
struct linux_tpacket2_hdr {
	uint32_t tp_status, tp_len, tp_snaplen;
	uint16_t tp_mac, tp_net;
	uint32_t tp_sec, tp_nsec;
	uint16_t tp_vlan_tci, tp_vlan_tpid;
	uint8_t tp_padding[4];
};
#define TP_STATUS_KERNEL 0
#define TP_STATUS_USER 1
/* The slot head and the struct sockaddr_ll after it, 16-byte aligned. */
#define TPACKET2_HDRLEN (32 + 20)
struct linux_packet_mreq {
	int32_t mr_ifindex;
	uint16_t mr_type, mr_alen;
	uint8_t mr_address[8];
};
struct linux_ifreq {
	char ifr_name[16];
	union {
		struct { uint16_t sa_family; uint8_t sa_data[14]; } hwaddr;
		int ifindex;
		int mtu;
		short flags;
		uint8_t pad[24];
	};
};

/* Platform services shared by the arch/linux files. */
void linux_console_init(void);
void linux_console_fini(void);
int linux_console_fd_ready(void);   /* fd to wait on, or -1 */
int linux_net_attach(const char *ifname);
/* File descriptors the idle wait should watch (network sockets). */
int linux_net_fds(struct linux_pollfd *fds, int max);
int linux_read_file(const char *path, void **data, size_t *len);
int cxboot_main(int argc, char **argv);
/* The simulated function at bdf, or NULL (arch/linux/simpci.c). */
struct sim_pci *sim_pci_find(uint32_t bdf);

#endif
