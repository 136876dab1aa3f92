# The ConnectX device model (tests/sim/connectx/), the hosted program
# linked with it (cxboot-sim, a test tool: cxboot stays free of it), the
# model's own test program (simtest), and the sim tier.

SIM_MODEL := $(filter-out tests/sim/connectx/test_%.c,\
	$(wildcard tests/sim/connectx/*.c))
SIM_TESTS := $(wildcard tests/sim/connectx/test_*.c) tests/unit/runner.c

B_SIM_OBJS := $(call objs,$(B),$(SIM_MODEL))
A_SIM_OBJS := $(call objs,$(A),$(SIM_MODEL))
B_SIMTEST_OBJS := $(call objs,$(B),$(SIM_TESTS))
A_SIMTEST_OBJS := $(call objs,$(A),$(SIM_TESTS))

# The model uses the hosted platform's raw system calls.
$(B_SIM_OBJS) $(B_SIMTEST_OBJS): B_CFLAGS += -Iarch/linux
$(A_SIM_OBJS) $(A_SIMTEST_OBJS): A_CFLAGS += -Iarch/linux

all: $(B)/cxboot-sim

$(B)/cxboot-sim: $(B_CORE_OBJS) $(B)/obj/arch/linux/cli.o $(B_SIM_OBJS)
	$(CC) $(B_LDFLAGS) -o $@ $^ -lgcc
$(A)/cxboot-sim: $(A_CORE_OBJS) $(A)/obj/arch/linux/cli.o $(A_SIM_OBJS)
	$(CC) $(A_LDFLAGS) -o $@ $^
$(B)/simtest: $(B_CORE_OBJS) $(B_SIM_OBJS) $(B_SIMTEST_OBJS)
	$(CC) $(B_LDFLAGS) -o $@ $^ -lgcc
$(A)/simtest: $(A_CORE_OBJS) $(A_SIM_OBJS) $(A_SIMTEST_OBJS)
	$(CC) $(A_LDFLAGS) -o $@ $^

.PHONY: check-sim
check-sim: $(B)/simtest $(A)/simtest $(B)/cxboot-sim $(A)/cxboot-sim
	$(B)/simtest
	$(A)/simtest
	tests/sim/run-all $(B)/cxboot-sim $(A)/cxboot-sim
