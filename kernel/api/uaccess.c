/*
 * Copies to and from user memory (api/uaccess.h): the check against the
 * process's address space first, then the copy routines of uaccess_copy.S,
 * whose faults the page-fault handler resolves or turns into -EFAULT.
 */
#include "api/uaccess.h"
#include "api/vmglue.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "vfs/stat.h"

#define ACCESS_READ 0x1  /* PROT_READ */
#define ACCESS_WRITE 0x2 /* PROT_WRITE */

int uaccess_copy(void *dst, const void *src, size_t n);
ssize_t uaccess_strncpy(char *dst, const char *src, size_t max);
extern char uaccess_text_start[], uaccess_text_end[], uaccess_fault[];

/* Whether [addr, addr + n) is user memory the running process may access so. */
static bool range_ok(const void *addr, size_t n, int access)
{
	uintptr_t a = (uintptr_t)addr;
	if (n == 0) {
		return true;
	}
	if (a < PAGE_SIZE || a >= USER_TOP || n > USER_TOP - a) {
		return false;
	}
	return vm_user_range_ok(addr, n, access) == 0;
}

int user_range_check(const void *uaddr, size_t n, int access)
{
	return range_ok(uaddr, n, access) ? 0 : -EFAULT;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!range_ok(usrc, n, ACCESS_READ)) {
		return -EFAULT;
	}
	return n == 0 ? 0 : uaccess_copy(dst, usrc, n);
}

int copy_to_user(void *udst, const void *src, size_t n)
{
	if (!range_ok(udst, n, ACCESS_WRITE)) {
		return -EFAULT;
	}
	return n == 0 ? 0 : uaccess_copy(udst, src, n);
}

int get_user_u32(uint32_t *val, const void *uaddr)
{
	return copy_from_user(val, uaddr, sizeof(*val));
}

ssize_t strncpy_from_user(char *dst, const char *usrc, size_t max)
{
	size_t done = 0;
	/* Page by page: a string may end before a page it does not own. */
	while (done < max) {
		uintptr_t a = (uintptr_t)usrc + done;
		size_t chunk = MIN(max - done, PAGE_SIZE - (a & PAGE_MASK));
		if (!range_ok((const void *)a, chunk, ACCESS_READ)) {
			return -EFAULT;
		}
		ssize_t n = uaccess_strncpy(dst + done, (const char *)a, chunk);
		if (n < 0) {
			return n;
		}
		if ((size_t)n < chunk) {
			return done + n;
		}
		done += chunk;
	}
	return -ENAMETOOLONG;
}

uintptr_t uaccess_fixup_for(uintptr_t eip)
{
	if (eip >= (uintptr_t)uaccess_text_start && eip < (uintptr_t)uaccess_fault) {
		return (uintptr_t)uaccess_fault;
	}
	return 0;
}

char *user_path_copy(uint32_t upath, int *err)
{
	char *p = kmalloc(MAXPATHLEN);
	if (p == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	ssize_t n = strncpy_from_user(p, (const char *)upath, MAXPATHLEN);
	if (n < 0) {
		kfree(p);
		*err = (int)n;
		return NULL;
	}
	return p;
}
