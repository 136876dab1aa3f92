/* The PXE API server: what a chainloaded NBP calls through the PXENV+
 * and !PXE entry points and INT 1Ah AX=5650h.
 *
 * The real-mode glue (arch/x86/core, through the one mode-switch
 * module) does only this:
 *   1. before the NBP runs: reserve sizeof(struct pxe_basemem) of base
 *      memory (16-byte aligned, taken off 40:13h) and its entry code,
 *      then pxe_activate();
 *   2. PXENV+ entry (far call, BX = opcode, ES:DI = parameter block):
 *      pxe_entry_pxenv(regs);
 *      !PXE entry (far call with the opcode and a SEG:OFF of the block
 *      on the stack): pxe_entry_pxe(regs, ss, sp), sp as at the entry
 *      point's first instruction (pointing at the return address);
 *      INT 1Ah: if !pxe_int1a(regs), chain to the previous handler;
 *   2a. pxe_unhook_vectors() (the glue's): give INT 1Ah back when the
 *      NBP unloads the stack;
 *   3. when the NBP returns: pxe_deactivate(), and give the base memory
 *      back if pxe_stack_unloaded().
 * Everything else here is plain C. */
#ifndef X86_PXE_H
#define X86_PXE_H
#include <cxboot/compiler.h>
#include <pxe_api.h>
#include <bios.h>

struct net_device;

/* Size of the frame buffer UNDI ISR hands received frames out in. */
#define PXE_FRAME_LEN 1536
/* Room for one cached DHCP packet: the largest we let a server send
 * (DHCP_MAX_MSG_LEN), more than the spec's BOOTPLAYER. */
#define PXE_CACHED_LEN 1472

/* The server's base memory: what the NBP is given pointers to. */
struct pxe_basemem {
	struct s_PXENV pxenv;
	struct s_PXE pxe;
	/* GET_CACHED_INFO with size 0, one per packet type: an NBP may
	 * keep all three pointers. */
	uint8_t cached[3][PXE_CACHED_LEN];
	uint8_t frame[PXE_FRAME_LEN];        /* UNDI ISR receive */
} __packed;

/* Where the glue put its code and the entry points (real mode). */
struct pxe_layout {
	struct segoff16 pxenv_entry;   /* PXENV+ RMEntry */
	struct segoff16 pxe_entry;     /* !PXE EntryPointSP */
	uint16_t code_seg, code_size;  /* the entry code */
	uint16_t data_seg, data_size;  /* its data (the base memory) */
	uint16_t stack_seg, stack_size;
};

/* Fill in basemem's PXENV+ and !PXE structures (checksums included),
 * remember netdev (held until pxe_deactivate()) and cmdline (the NBP's
 * image command line for FILE_CMDLINE; may be NULL; not copied: it must
 * last until pxe_deactivate()).  0 or a negative error. */
int pxe_activate(struct pxe_basemem *basemem, const struct pxe_layout *l,
		 struct net_device *netdev, const char *cmdline);
/* Close every TFTP, UDP and FILE session the NBP left open and forget
 * the device. */
void pxe_deactivate(void);
/* Whether the NBP asked for UNLOAD_STACK (the glue may free us). */
bool pxe_stack_unloaded(void);
/* The SEG:OFF FILE_EXIT_HOOK asked to be jumped to (0:0 if none). */
struct segoff16 pxe_exit_hook(void);

/* The glue's (a test's on the host): give back the interrupt vectors
 * hooked for the NBP (INT 1Ah).  0, or -EBUSY if someone hooked one
 * after us, so that it and the code behind it must stay in memory. */
int pxe_unhook_vectors(void);

/* One API call: params is the parameter block as a flat pointer.
 * Sets its Status word and returns PXENV_EXIT_SUCCESS or _FAILURE. */
uint16_t pxe_dispatch(uint16_t opcode, void *params);

/* The entry points, on the caller's registers (AX gets the exit code;
 * CF is set on failure, as the spec has it for the PXENV+ entry). */
void pxe_entry_pxenv(struct bios_regs *regs);
void pxe_entry_pxe(struct bios_regs *regs, uint16_t ss, uint16_t sp);
bool pxe_int1a(struct bios_regs *regs);

/* Byte checksum: the value that makes the len bytes sum to zero. */
uint8_t pxe_checksum(const void *data, size_t len);
/* The PXENV+ and !PXE structures for layout l, the !PXE structure
 * lying at pxe_at. */
void pxe_fill_structs(struct s_PXENV *pxenv, struct s_PXE *pxe,
		      struct segoff16 pxe_at, const struct pxe_layout *l);

/* Real-mode memory as C sees it: on the PC real_to_flat() and its
 * inverse (arch/x86/interface/pxe/pxe_real.c), functions so that the
 * host's unit tests can give their own.  virt_to_real() fails (false)
 * for memory above 1 MiB. */
void *real_to_virt(uint16_t seg, uint16_t off);
bool virt_to_real(const void *p, struct segoff16 *out);
void *phys_to_virt(uint32_t phys);

#endif
