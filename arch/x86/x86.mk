# The PC BIOS platform: 32-bit images under bin/ (included by the top
# Makefile, which provides CFLAGS_COMMON and objs).
#
#   make x86            bin/cxboot.lkrn (Linux kernel format: QEMU -kernel,
#                       SYSLINUX, GRUB linux16), the PXE NBPs
#                       bin/undionly.kpxe (drives the NIC through the
#                       ROM's UNDI), bin/cxboot.pxe, .kpxe and .kkpxe
#                       (native drivers; see "The PXE images" below),
#                       and the PCI ROMs
#                       bin/VVVVDDDD.rom of $(ROM_IDS), and .rom and
#                       .mrom of $(ROM_MLNX_IDS)
#   make bin/VVVVDDDD.rom   the ROM for any other PCI vendor and device
#   make bin/VVVVDDDD.mrom  (also .mrom)
#   make check-qemu     boot them in QEMU and drive their console

X         := bin
# For size (the image is compressed, so what counts is the compressed
# size): arguments in registers (-mregparm=3: assembly entry points
# that C calls are declared ASM_ARGS in bios.h, and pm_call hands its
# functions their argument in %eax), i486 code and tuning compress 3 %
# better than i686's, a 4-byte stack alignment spares the padding of
# every frame and call, if-chains instead of jump tables spare their
# tables, and plain calls instead of tail jumps, no shrink-wrapping and
# less inlining compress better still.  Each function and object in a
# section of its own lets the link drop what nothing uses (the linker
# tables stay: their __start_ symbols are referenced; the real-mode part
# is kept whole by the linker scripts).
X_CFLAGS  := $(CFLAGS_COMMON) -m32 -march=i486 -fno-pie -fno-stack-protector \
	-mno-sse -mno-mmx -mno-red-zone -fno-asynchronous-unwind-tables \
	-Os -mregparm=3 -mpreferred-stack-boundary=2 -fno-jump-tables \
	-fno-optimize-sibling-calls -fno-shrink-wrap -finline-limit=4 \
	-ffunction-sections -fdata-sections -Iarch/x86/include
# The real-mode part is code and data at once (RWX), as it must be;
# binutils 2.39 and later would warn about that.  The images link with
# --emit-relocs: util/reloc turns the kept records into the table by
# which the 32-bit part moves itself (arch/x86/include/reloc.h).
X_LD      := $(LD) -m elf_i386 -nostdlib -static --gc-sections \
	$(shell $(LD) --help 2>/dev/null | grep -o -m1 -- --no-warn-rwx-segments)
OBJCOPY   ?= objcopy
NM        ?= nm

# The platform-independent core, rebuilt for 32 bits, and the platform.
# The native NIC drivers, and the UNDI client (drivers/net/undi.c),
# which drives the NIC through the PXE ROM that started us instead and
# goes only into the PXE images.
X_UNDI_SRCS := drivers/net/undi.c
X_NATIVE_SRCS := $(filter-out $(X_UNDI_SRCS),$(wildcard drivers/net/*.c \
	drivers/net/*/*.c))
X_CORE_SRCS := $(wildcard src/*.c usr/*.c net/*.c drivers/bus/*.c \
	drivers/block/*.c) $(X_NATIVE_SRCS)
X_ARCH_SRCS := $(wildcard arch/x86/core/*.c arch/x86/core/*.S arch/x86/usr/*.c \
	arch/x86/image/*.c arch/x86/interface/pxe/*.c)
# What each prefix hands over to C lives in a file of its own per image.
X_LKRN_SRCS := arch/x86/core/lkrn.c arch/x86/core/lkrnbase.c
X_ROM_SRCS  := arch/x86/core/rom.c
X_PXE_SRCS  := arch/x86/core/pxeparent.c arch/x86/core/lkrnbase.c \
	arch/x86/core/pxeunload.c
X_ARCH_SRCS := $(filter-out $(X_LKRN_SRCS) $(X_ROM_SRCS) $(X_PXE_SRCS),\
	$(X_ARCH_SRCS))
X_OBJS      := $(call objs,$(X),$(X_CORE_SRCS) $(X_ARCH_SRCS))
# undionly.kpxe: the UNDI client instead of the native drivers.
X_UNDIONLY_OBJS := $(call objs,$(X),$(filter-out $(X_NATIVE_SRCS),\
	$(X_CORE_SRCS)) $(X_UNDI_SRCS) $(X_ARCH_SRCS))

# The PXE images ("The PXE images" below)
X_NBPS := $(X)/undionly.kpxe $(X)/cxboot.pxe $(X)/cxboot.kpxe \
	$(X)/cxboot.kkpxe

# Expansion ROMs built by "make x86" (QEMU's virtio-net and e1000).
ROM_IDS := 1af41000 8086100e
# ROMs for these PCI IDs (the ConnectX, ConnectX-2 and ConnectX-3
# physical functions the driver supports) are named PRODUCT_ROM_NAME
# in the boot menu ("MLNX NIC <version>") and carry the Mellanox
# ROM-info block that flint reads; others PRODUCT_NAME and the version.
# "make x86" builds a .rom and a .mrom for each.
ROM_MLNX_IDS := 15b36340 15b3634a 15b36732 15b3673c 15b36746 15b36368 \
	15b36750 15b3676e 15b36778 15b36372 15b3675a 15b31003 15b31007
ROM_MLNX_NAME = $(shell echo PRODUCT_ROM_NAME | $(CC) -E -P -I. \
	-include config/branding.h -x c - | tr -d '"')

# Host tools (hosted C with the C library).
HOSTCC    ?= cc
X_UTIL    := $(X)/util
.SECONDARY: $(X_UTIL)/cxz $(X_UTIL)/reloc $(X_UTIL)/romfix $(X)/cxboot.lkrn.cxz \
	$(X)/cxboot.rom.cxz $(X)/cxboot.lkrn.elf $(X)/cxboot.rom.elf \
	$(X)/undionly.nbp.elf $(X)/undionly.nbp.cxz \
	$(X)/cxboot.nbp.elf $(X)/cxboot.nbp.cxz

.PHONY: x86 check-qemu
x86: $(X)/cxboot.lkrn $(X_NBPS) $(foreach id,$(ROM_IDS),$(X)/$(id).rom) \
	$(foreach id,$(ROM_MLNX_IDS),$(X)/$(id).rom $(X)/$(id).mrom)

$(X)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(X_CFLAGS) -MMD -MP -c -o $@ $<
$(X)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(X_CFLAGS) -MMD -MP -c -o $@ $<

$(X_UTIL)/%: util/%.c arch/x86/include/cxz.h arch/x86/include/romhdr.h \
		arch/x86/include/reloc.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -Iarch/x86/include \
		-o $@ $< -lm

X_LDS := arch/x86/scripts/payload.lds
$(X)/cxboot.lkrn.elf: $(call objs,$(X),arch/x86/prefix/lkrnprefix.S \
		arch/x86/prefix/unpack.S $(X_LKRN_SRCS)) $(X_OBJS) \
		arch/x86/scripts/lkrn.lds $(X_LDS)
	$(X_LD) --emit-relocs -T arch/x86/scripts/lkrn.lds -Map $@.map -o $@ \
		$(filter %.o,$^)
$(X)/cxboot.rom.elf: $(call objs,$(X),arch/x86/prefix/romprefix.S \
		arch/x86/prefix/rombar.S \
		arch/x86/prefix/unpack.S $(X_ROM_SRCS)) $(X_OBJS) \
		arch/x86/scripts/rom.lds $(X_LDS)
	$(X_LD) --emit-relocs -T arch/x86/scripts/rom.lds -Map $@.map -o $@ \
		$(filter %.o,$^)

# The PXE images (NBPs).  One link per set of drivers: undionly (the
# UNDI client) and cxboot (the native drivers).  What an image keeps of
# the PXE stack that loads it goes by its name, as with iPXE's images
# (enum pxe_keep in arch/x86/include/pxeparent.h):
#   .pxe    the whole stack is unloaded                     0
#   .kpxe   the base code is unloaded, the UNDI kept        1
#   .kkpxe  all is kept; cxboot goes back to it when done   2
# and is written into the prefix's byte pxe_keep.
X_NBP_PREFIX := $(call objs,$(X),arch/x86/prefix/pxeprefix.S \
	arch/x86/prefix/unpack.S $(X_PXE_SRCS))
$(X)/undionly.nbp.elf: $(X_NBP_PREFIX) $(X_UNDIONLY_OBJS) \
		arch/x86/scripts/pxe.lds $(X_LDS)
	$(X_LD) --emit-relocs -T arch/x86/scripts/pxe.lds -Map $@.map -o $@ \
		$(filter %.o,$^)
$(X)/cxboot.nbp.elf: $(X_NBP_PREFIX) $(X_OBJS) arch/x86/scripts/pxe.lds \
		$(X_LDS)
	$(X_LD) --emit-relocs -T arch/x86/scripts/pxe.lds -Map $@.map -o $@ \
		$(filter %.o,$^)

# The 32-bit part of an image (linked at 1 MiB, up to _payload_end) and
# its relocation table, compressed; the build log shows the size before
# and after.
$(X)/%.cxz: $(X)/%.elf $(X_UTIL)/cxz $(X_UTIL)/reloc
	$(OBJCOPY) -O binary -R .setup -R .prefix --pad-to=0x$$($(NM) $< | \
		sed -n 's/ [A-Za-z] _payload_end$$//p') $< $@.bin
	$(X_UTIL)/reloc $< $@.rel
	cat $@.rel >> $@.bin
	$(X_UTIL)/cxz $@.bin $@
	rm -f $@.bin $@.rel

# Base-memory part (cut out of the ELF) and compressed 32-bit part, then
# the header fixed for them.
$(X)/cxboot.lkrn: $(X)/cxboot.lkrn.elf $(X)/cxboot.lkrn.cxz $(X_UTIL)/romfix
	$(OBJCOPY) -O binary -j .setup $< $@.tmp
	cat $(X)/cxboot.lkrn.cxz >> $@.tmp
	$(X_UTIL)/romfix lkrn $@.tmp
	chmod 644 $@.tmp
	mv $@.tmp $@

# An NBP: the base-memory part with its kind stamped in, then the
# compressed 32-bit part right after it, where the prefix looks for it.
nbp_keep = $(if $(filter %.kkpxe,$(1)),2,$(if $(filter %.kpxe,$(1)),1,0))
define nbp_recipe
	$(OBJCOPY) -O binary -j .setup $< $@.tmp
	printf '\$(call nbp_keep,$@)' | dd of=$@.tmp bs=1 conv=notrunc \
		status=none seek=$$((0x$$($(NM) $< | \
		sed -n 's/ [A-Za-z] pxe_keep$$//p')))
	cat $(word 2,$^) >> $@.tmp
	chmod 644 $@.tmp
	mv $@.tmp $@
endef
$(X)/undionly.kpxe: $(X)/undionly.nbp.elf $(X)/undionly.nbp.cxz
	$(nbp_recipe)
$(X)/cxboot.pxe $(X)/cxboot.kpxe $(X)/cxboot.kkpxe: $(X)/cxboot.nbp.elf \
		$(X)/cxboot.nbp.cxz
	$(nbp_recipe)

# One ELF serves every ROM; IDs and name are stamped per image.
$(X)/%.rom: $(X)/cxboot.rom.elf $(X)/cxboot.rom.cxz $(X_UTIL)/romfix
	$(OBJCOPY) -O binary -j .prefix $< $@.tmp
	cat $(X)/cxboot.rom.cxz >> $@.tmp
	$(X_UTIL)/romfix rom $(call rom_opts,$*) $@.tmp
	chmod 644 $@.tmp
	mv $@.tmp $@

# A .mrom: the BIOS copies only the prefix (the stub), which fetches
# the compressed part from the ROM BAR (romhdr.h).
$(X)/%.mrom: $(X)/cxboot.rom.elf $(X)/cxboot.rom.cxz $(X_UTIL)/romfix
	$(OBJCOPY) -O binary -j .prefix $< $@.tmp
	$(X_UTIL)/romfix mrom $(call rom_opts,$*) $@.tmp $(X)/cxboot.rom.cxz
	chmod 644 $@.tmp
	mv $@.tmp $@

rom_opts = --id $(1) $(if $(filter $(1),$(ROM_MLNX_IDS)), \
	--name "$(ROM_MLNX_NAME) $(VERSION)" --mlx-info $(VERSION))

# (and the .mrom images that tests/qemu/t-rom-mrom.sh boots)
check-qemu: x86 $(foreach id,$(ROM_IDS),$(X)/$(id).mrom)
	tests/qemu/run-all $(X)/cxboot.lkrn

-include $(shell find $(X)/obj -name '*.d' 2>/dev/null)

.PHONY: clean-x86
clean: clean-x86
clean-x86:
	rm -rf $(X)
