/* Protection: writing a read-only mapping, reading a PROT_NONE one, and executing data each end
 * with SIGSEGV. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

static char *ro, *none;

static int write_ro(void *arg)
{
	(void)arg;
	ro[5] = 1;
	return 0;
}

static int read_none(void *arg)
{
	(void)arg;
	return *(volatile char *)none;
}

static int read_ro(void *arg)
{
	(void)arg;
	return ro[5] == 0 ? 0 : 1;
}

int main(void)
{
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED && none != MAP_FAILED);
	print_status("read a read-only page", run_child(read_ro, NULL));
	print_status("write a read-only page", run_child(write_ro, NULL));
	print_status("read a PROT_NONE page", run_child(read_none, NULL));
	return 0;
}
