/* Names of error numbers, for messages and test diagnostics. */
#include "errno.h"
#include "types.h"

static const char *const errno_names[] = {
	[EPERM] = "EPERM",	   [ENOENT] = "ENOENT",	      [ESRCH] = "ESRCH",   [EINTR] = "EINTR",
	[EIO] = "EIO",		   [ENXIO] = "ENXIO",	      [E2BIG] = "E2BIG",   [ENOEXEC] = "ENOEXEC",
	[EBADF] = "EBADF",	   [ECHILD] = "ECHILD",	      [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES",	   [EFAULT] = "EFAULT",	      [ENOTBLK] = "ENOTBLK", [EBUSY] = "EBUSY",
	[EEXIST] = "EEXIST",	   [EXDEV] = "EXDEV",	      [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR",
	[EISDIR] = "EISDIR",	   [EINVAL] = "EINVAL",	      [ENFILE] = "ENFILE", [EMFILE] = "EMFILE",
	[ENOTTY] = "ENOTTY",	   [ETXTBSY] = "ETXTBSY",     [EFBIG] = "EFBIG",   [ENOSPC] = "ENOSPC",
	[ESPIPE] = "ESPIPE",	   [EROFS] = "EROFS",	      [EMLINK] = "EMLINK", [EPIPE] = "EPIPE",
	[EDOM] = "EDOM",	   [ERANGE] = "ERANGE",	      [EDEADLK] = "EDEADLK",
	[ENAMETOOLONG] = "ENAMETOOLONG", [ENOLCK] = "ENOLCK", [ENOSYS] = "ENOSYS",
	[ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP",
};

const char *errno_name(int err)
{
	if (err < 0) {
		err = -err;
	}
	if (err < (int)ARRAY_SIZE(errno_names) && errno_names[err] != NULL) {
		return errno_names[err];
	}
	return "E?";
}
