/* Compile-time checks. */
#ifndef _ASSERT_H
#define _ASSERT_H
#define static_assert _Static_assert
#endif
