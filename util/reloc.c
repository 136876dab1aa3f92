/* reloc: the relocation table of the firmware's 32-bit part (format in
 * arch/x86/include/reloc.h).
 *
 *   reloc ELF OUT     read the relocation records that the linker kept
 *                     (ld --emit-relocs) and write the table to OUT
 *
 * The 32-bit part is every allocated section linked at or above
 * RELOC_LINK_ADDR; it moves as a whole.  A site is a 32-bit absolute
 * reference (R_386_32) inside the part to a symbol inside it.
 * Relative references within the part need nothing; anything that
 * would break when the part moves (a relative reference out of it, a
 * 16-bit or 8-bit reference into it, an unknown kind) stops the build.
 * References into the part from the base-memory code are that code's
 * business (arch/x86/core/realmode.S). */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reloc.h"

static const char *elf_name;
static uint8_t *elf;
static size_t elf_len;

static void die(const char *why)
{
	fprintf(stderr, "reloc: %s: %s\n", elf_name, why);
	exit(1);
}

static const void *at(uint32_t offset, uint32_t len)
{
	if (offset > elf_len || len > elf_len - offset)
		die("truncated or malformed ELF file");
	return elf + offset;
}

static void read_elf(void)
{
	FILE *f = fopen(elf_name, "rb");
	size_t cap = 1 << 20, n;

	if (!f)
		die("cannot open");
	elf = malloc(cap);
	while (elf && (n = fread(elf + elf_len, 1, cap - elf_len, f)) > 0) {
		elf_len += n;
		if (elf_len == cap)
			elf = realloc(elf, cap *= 2);
	}
	if (!elf || ferror(f))
		die("cannot read");
	fclose(f);
}

static const Elf32_Ehdr *ehdr;
static const Elf32_Shdr *shdrs;

static const Elf32_Shdr *section(unsigned int i)
{
	if (i >= ehdr->e_shnum)
		die("section index out of range");
	return &shdrs[i];
}

static int moving_section(unsigned int i)
{
	const Elf32_Shdr *s = section(i);

	return (s->sh_flags & SHF_ALLOC) && s->sh_addr >= RELOC_LINK_ADDR;
}

static uint32_t part_start, part_end;

/* Does symbol sym of symtab point into the moving part? */
static int moving_symbol(const Elf32_Shdr *symtab, uint32_t sym)
{
	const Elf32_Sym *s;

	if (sym >= symtab->sh_size / sizeof(Elf32_Sym))
		die("symbol index out of range");
	s = at(symtab->sh_offset + sym * sizeof(*s), sizeof(*s));
	if (s->st_shndx == SHN_UNDEF)
		return 0;
	if (s->st_shndx == SHN_ABS)
		return s->st_value >= part_start && s->st_value <= part_end;
	if (s->st_shndx >= SHN_LORESERVE)
		die("symbol in a special section");
	return moving_section(s->st_shndx);
}

static uint32_t find_symbol(const char *name)
{
	for (unsigned int i = 0; i < ehdr->e_shnum; i++) {
		const Elf32_Shdr *st = section(i);
		const Elf32_Shdr *str;
		unsigned int n;

		if (st->sh_type != SHT_SYMTAB)
			continue;
		str = section(st->sh_link);
		n = st->sh_size / sizeof(Elf32_Sym);
		for (unsigned int k = 0; k < n; k++) {
			const Elf32_Sym *s = at(st->sh_offset + k * sizeof(*s),
						sizeof(*s));
			const char *sn = at(str->sh_offset, str->sh_size);

			if (s->st_name < str->sh_size &&
			    strlen(name) < str->sh_size - s->st_name &&
			    !memcmp(sn + s->st_name, name, strlen(name) + 1))
				return s->st_value;
		}
	}
	fprintf(stderr, "reloc: %s: no symbol %s\n", elf_name, name);
	exit(1);
}

static uint32_t *sites;
static size_t nr_sites, cap_sites;

static void add_site(uint32_t addr)
{
	if (nr_sites == cap_sites) {
		cap_sites = cap_sites ? 2 * cap_sites : 4096;
		sites = realloc(sites, cap_sites * sizeof(*sites));
		if (!sites)
			die("out of memory");
	}
	sites[nr_sites++] = addr;
}

/* One relocation record of a section in the moving part. */
static void one_reloc(const Elf32_Shdr *target, const Elf32_Shdr *symtab,
		      const Elf32_Rel *r)
{
	uint32_t type = ELF32_R_TYPE(r->r_info);
	int moving = moving_symbol(symtab, ELF32_R_SYM(r->r_info));
	/* In a linked file, r_offset is the address of the site. */
	uint32_t addr = r->r_offset;

	if (addr < target->sh_addr || addr - target->sh_addr > target->sh_size)
		die("relocation outside its section");
	switch (type) {
	case R_386_NONE:
		break;
	case R_386_32:
		if (moving)
			add_site(addr);
		break;
	case R_386_PC32:
	case R_386_PLT32:
		if (!moving)
			die("relative reference out of the 32-bit part");
		break;
	case R_386_16:
	case R_386_PC16:
	case R_386_8:
	case R_386_PC8:
		if (moving)
			die("16- or 8-bit reference into the 32-bit part");
		break;
	default:
		fprintf(stderr, "reloc: %s: relocation type %u not handled\n",
			elf_name, type);
		exit(1);
	}
}

static int cmp_sites(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static void put_leb(FILE *f, uint32_t v)
{
	do {
		uint8_t b = v & 0x7f;

		v >>= 7;
		fputc(v ? b | 0x80 : b, f);
	} while (v);
}

int main(int argc, char **argv)
{
	FILE *out;
	unsigned int nr_tables = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: reloc ELF OUT\n");
		return 2;
	}
	elf_name = argv[1];
	read_elf();
	ehdr = at(0, sizeof(*ehdr));
	if (memcmp(ehdr->e_ident, ELFMAG, SELFMAG) ||
	    ehdr->e_ident[EI_CLASS] != ELFCLASS32 ||
	    ehdr->e_ident[EI_DATA] != ELFDATA2LSB ||
	    ehdr->e_machine != EM_386 ||
	    ehdr->e_shentsize != sizeof(Elf32_Shdr))
		die("not a 32-bit x86 ELF file");
	shdrs = at(ehdr->e_shoff, ehdr->e_shnum * sizeof(Elf32_Shdr));
	part_start = find_symbol("_text");
	part_end = find_symbol("_end");
	if (part_start != RELOC_LINK_ADDR)
		die("the 32-bit part is not linked at RELOC_LINK_ADDR");

	for (unsigned int i = 0; i < ehdr->e_shnum; i++) {
		const Elf32_Shdr *rel = section(i), *target, *symtab;
		unsigned int n;

		if (moving_section(i) && rel->sh_addralign > RELOC_ALIGN)
			die("a section is aligned beyond RELOC_ALIGN");
		if (rel->sh_type == SHT_RELA)
			die("RELA records in an i386 file");
		if (rel->sh_type != SHT_REL || !moving_section(rel->sh_info))
			continue;
		target = section(rel->sh_info);
		symtab = section(rel->sh_link);
		n = rel->sh_size / sizeof(Elf32_Rel);
		for (unsigned int k = 0; k < n; k++)
			one_reloc(target, symtab,
				  at(rel->sh_offset + k * sizeof(Elf32_Rel),
				     sizeof(Elf32_Rel)));
		nr_tables++;
	}
	if (!nr_tables)
		die("no relocation records (link with --emit-relocs)");

	qsort(sites, nr_sites, sizeof(*sites), cmp_sites);
	out = fopen(argv[2], "wb");
	if (!out)
		die("cannot write the table");
	for (unsigned int b = 0; b < 4; b++)
		fputc(nr_sites >> (8 * b) & 0xff, out);
	for (size_t k = 0; k < nr_sites; k++) {
		if (k && sites[k] - sites[k - 1] < 4)
			die("overlapping relocation sites");
		put_leb(out, sites[k] - (k ? sites[k - 1] : part_start));
	}
	if (fclose(out))
		die("cannot write the table");
	return 0;
}
