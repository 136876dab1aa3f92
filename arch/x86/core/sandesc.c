/* Describing SAN drives to the OS (iBFT).  Not yet. */
#include <cxboot/san.h>

void arch_san_describe(void)
{
}
