/* Heap allocation and number parsing. */
#ifndef _STDLIB_H
#define _STDLIB_H
#include <stddef.h>

void *malloc(size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
void *zalloc(size_t size);
unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
long random(void);
void srandom(unsigned int seed);
int abs(int x);

#endif
