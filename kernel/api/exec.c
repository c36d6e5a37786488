/*
 * execve and process spawning (api/exec.h): filled in with the ELF loader.
 */
#include "api/syscall.h"
#include "errno.h"

long sys_execve(SYSCALL_ARGS)
{
	return -ENOSYS;
}
