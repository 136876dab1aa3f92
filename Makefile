# cxboot — one entry point: make, make check, make bench, make demo.
#
#   make                 bin-linux/cxboot (the hosted build)
#   make check           every test tier this machine supports
#   make check-unit      unit tests (plain and sanitizer builds) and
#                        scripts run by the hosted program (tests/script)
#   make check-net       hosted build against real servers (needs root)
#   make check-sim       hosted build driving the ConnectX model (needs root)
#   make check-fuzz      libFuzzer harnesses, briefly (needs clang)
#   make bench           benchmarks, side by side with a reference
#   make demo            boot Linux over the network in QEMU

CC      ?= gcc
CC      := $(if $(filter default,$(origin CC)),gcc,$(CC))
GCCINC  := $(shell $(CC) -print-file-name=include)
VERSION := 0.1.0

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS_COMMON := -std=gnu11 $(WARN) -O2 -g -I. -Iinclude \
	-ffreestanding -nostdinc -isystem $(GCCINC) \
	-fno-strict-aliasing -fno-common -DVERSION='"$(VERSION)"'

# The firmware's own code: freestanding, no libc, no host headers.
# (drivers/net/undi.c calls a PXE ROM in real mode: PC images only.)
CORE_SRCS := $(filter-out drivers/net/undi.c,$(wildcard src/*.c net/*.c \
	usr/*.c drivers/bus/*.c drivers/block/*.c drivers/net/*.c \
	drivers/net/*/*.c))
ARCH_SRCS := $(wildcard arch/linux/*.c)
# The PXE API server's plain C (arch/x86/interface/pxe) is unit-tested
# on the host too: tests/unit/test_pxe*.c give it the real-mode memory
# that arch/x86/interface/pxe/pxe_real.c gives it on the PC.
PXE_TEST_SRCS := $(filter-out arch/x86/interface/pxe/pxe_real.c,\
	$(wildcard arch/x86/interface/pxe/*.c))
TEST_SRCS := $(wildcard tests/unit/*.c) $(PXE_TEST_SRCS)

# Plain hosted build: no libc at all, own _start and raw system calls.
B        := bin-linux
B_CFLAGS := $(CFLAGS_COMMON) -Iarch/linux/include -fno-stack-protector -fno-pie
B_LDFLAGS := -static -nostdlib -no-pie
B_ARCH   := $(filter-out arch/linux/libc_%.c,$(ARCH_SRCS)) arch/linux/start.S

# Sanitizer build: the same code linked with the host C library so that
# AddressSanitizer and UBSan run; the heap is the host allocator.
A        := bin-linux-asan
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
A_CFLAGS := $(CFLAGS_COMMON) -Iarch/linux/include $(SAN) -DHOSTED_LIBC
A_LDFLAGS := $(SAN)
A_CORE   := $(filter-out src/malloc.c,$(CORE_SRCS))
A_ARCH   := $(ARCH_SRCS)

objs = $(patsubst %.c,$(1)/obj/%.o,$(patsubst %.S,$(1)/obj/%.o,$(2)))

B_CORE_OBJS := $(call objs,$(B),$(CORE_SRCS) $(filter-out arch/linux/cli.c,$(B_ARCH)))
A_CORE_OBJS := $(call objs,$(A),$(A_CORE) $(filter-out arch/linux/cli.c,$(A_ARCH)))

.PHONY: all check check-unit check-net bench clean
all: $(B)/cxboot x86

$(B)/cxboot: $(B_CORE_OBJS) $(B)/obj/arch/linux/cli.o
	$(CC) $(B_LDFLAGS) -o $@ $^ -lgcc
$(B)/unittest: $(B_CORE_OBJS) $(call objs,$(B),$(TEST_SRCS))
	$(CC) $(B_LDFLAGS) -o $@ $^ -lgcc
$(A)/cxboot: $(A_CORE_OBJS) $(A)/obj/arch/linux/cli.o
	$(CC) $(A_LDFLAGS) -o $@ $^
$(A)/unittest: $(A_CORE_OBJS) $(call objs,$(A),$(TEST_SRCS))
	$(CC) $(A_LDFLAGS) -o $@ $^

$(B)/obj/arch/x86/%.o $(B)/obj/tests/unit/test_pxe_%.o: \
	B_CFLAGS += -Iarch/x86/include
$(A)/obj/arch/x86/%.o $(A)/obj/tests/unit/test_pxe_%.o: \
	A_CFLAGS += -Iarch/x86/include
$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(B_CFLAGS) -MMD -MP -c -o $@ $<
$(B)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(B_CFLAGS) -MMD -MP -c -o $@ $<
$(A)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(A_CFLAGS) -MMD -MP -c -o $@ $<

# The PC BIOS platform (images under bin/) has its own rules.
-include arch/x86/x86.mk

# The device models and bin-linux/cxboot-sim, the hosted program with
# them attached.
-include tests/sim/sim.mk

# The libFuzzer harnesses (bin-linux-fuzz/) are built by clang.
-include tests/fuzz/fuzz.mk

-include $(shell find $(B) $(A) -name '*.d' 2>/dev/null)

check:
	tests/check-all check-unit check-net check-sim check-qemu check-fuzz

check-unit: $(B)/unittest $(A)/unittest $(B)/cxboot $(A)/cxboot
	$(B)/unittest
	$(A)/unittest
	tests/script/run-all $(B)/cxboot
	tests/script/run-all $(A)/cxboot

check-net: $(B)/cxboot $(A)/cxboot
	tests/net/run-all $(B)/cxboot $(A)/cxboot

# Each harness for 20 s; long runs by hand: tests/fuzz/run-all SECONDS.
.PHONY: check-fuzz
check-fuzz:
	tests/fuzz/run-all

bench: $(B)/cxboot $(B)/cxboot-sim $(X)/cxboot.lkrn $(X)/15b31003.mrom $(X)/15b31003.rom
	tests/bench/run-all $(B)/cxboot

# Boot Debian's kernel over QEMU's user-mode network (see tests/demo/run).
.PHONY: demo
demo: $(X)/cxboot.lkrn
	tests/demo/run $(X)/cxboot.lkrn

clean:
	rm -rf $(B) $(A) $(F)
