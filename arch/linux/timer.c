/* Time for the hosted build: the kernel's monotonic clock. */
#include <cxboot/timer.h>
#include "linux_api.h"

static unsigned long long usecs_now(void)
{
	struct linux_timespec ts;

	linux_clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL + ts.tv_nsec / 1000;
}

unsigned long currticks(void)
{
	return usecs_now() / 1000;
}

void udelay(unsigned long usecs)
{
	unsigned long long end = usecs_now() + usecs;

	while (usecs_now() < end)
		;
}
