/* Fixed-width integer types and the few basic types every file uses. */
#ifndef KEEL_TYPES_H
#define KEEL_TYPES_H

typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;

typedef unsigned int size_t;
typedef int ssize_t;
typedef unsigned int uintptr_t;
typedef int intptr_t;
typedef int ptrdiff_t;

typedef int pid_t;
typedef int off_t;

/* A physical address.  Keel runs without PAE: 32 bits are enough. */
typedef uint32_t paddr_t;

#ifndef __cplusplus
typedef _Bool bool;
#define true 1
#define false 0
#endif

#define NULL ((void *)0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((a)-1))
#define IS_ALIGNED(x, a) (((x) & ((a)-1)) == 0)

/* The address of the structure that holds 'ptr' as its member 'member'. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr)-__builtin_offsetof(type, member)))

#define offsetof(type, member) __builtin_offsetof(type, member)

#define __noreturn __attribute__((noreturn))
#define __unused __attribute__((unused))
#define __packed __attribute__((packed))
#define __printf(a, b) __attribute__((format(printf, a, b)))

typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(d, s) __builtin_va_copy(d, s)

#endif
