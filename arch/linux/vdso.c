/* The kernel's vDSO clock.  The hosted build reads the time for every
 * frame and every poll of a simulated device; a system call for each
 * read cost more than the work it timed.  The vDSO's symbol table is
 * found through its section headers, which the kernel maps with it. */
#include <string.h>
#include "linux_api.h"

#define PT_LOAD 1
#define SHT_DYNSYM 11

struct elf_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct elf_shdr {
	uint32_t name, type;
	uint64_t flags, addr, offset, size;
	uint32_t link, info;
	uint64_t addralign, entsize;
};

struct elf_sym {
	uint32_t name;
	uint8_t info, other;
	uint16_t shndx;
	uint64_t value, size;
};

typedef int (*clock_fn)(int clk, struct linux_timespec *ts);
static clock_fn vdso_clock;

/* The address of the vDSO function NAME, or NULL. */
static void *vdso_sym(const uint8_t *base, const char *name)
{
	const struct elf_ehdr *eh = (const void *)base;
	const struct elf_phdr *ph = (const void *)(base + eh->phoff);
	const struct elf_shdr *sh = (const void *)(base + eh->shoff);
	uint64_t bias = 0;
	int i;

	if (memcmp(eh->ident, "\177ELF\2", 5) || !eh->shoff)
		return NULL;
	for (i = 0; i < eh->phnum; i++) {
		if (ph[i].type == PT_LOAD) {
			bias = (uint64_t)base + ph[i].offset - ph[i].vaddr;
			break;
		}
	}
	for (i = 0; i < eh->shnum; i++) {
		const struct elf_sym *sym;
		const char *str;
		size_t n, j;

		if (sh[i].type != SHT_DYNSYM || sh[i].link >= eh->shnum)
			continue;
		sym = (const void *)(base + sh[i].offset);
		str = (const char *)base + sh[sh[i].link].offset;
		n = sh[i].size / sizeof(*sym);
		for (j = 0; j < n; j++) {
			if (sym[j].shndx && !strcmp(str + sym[j].name, name))
				return (void *)(bias + sym[j].value);
		}
	}
	return NULL;
}

void linux_vdso_init(const void *image)
{
	vdso_clock = vdso_sym(image, "__vdso_clock_gettime");
}

int linux_clock_gettime(int clk, struct linux_timespec *ts)
{
	if (vdso_clock)
		return vdso_clock(clk, ts);
	return linux_syscall(SYS_clock_gettime, clk, (long)ts, 0, 0, 0, 0);
}
