/*
 * The user test programs' helpers: see check.h.
 */
#include "check.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct {
	int err;
	const char *name;
} errnames[] = {
    {EPERM, "EPERM"},     {ENOENT, "ENOENT"},
    {ESRCH, "ESRCH"},     {EINTR, "EINTR"},
    {EIO, "EIO"},         {ENXIO, "ENXIO"},
    {E2BIG, "E2BIG"},     {ENOEXEC, "ENOEXEC"},
    {EBADF, "EBADF"},     {ECHILD, "ECHILD"},
    {EAGAIN, "EAGAIN"},   {ENOMEM, "ENOMEM"},
    {EACCES, "EACCES"},   {EFAULT, "EFAULT"},
    {EBUSY, "EBUSY"},     {EEXIST, "EEXIST"},
    {EXDEV, "EXDEV"},     {ENODEV, "ENODEV"},
    {ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"},
    {EINVAL, "EINVAL"},   {ENFILE, "ENFILE"},
    {EMFILE, "EMFILE"},   {ENOTTY, "ENOTTY"},
    {EFBIG, "EFBIG"},     {ENOSPC, "ENOSPC"},
    {ESPIPE, "ESPIPE"},   {EROFS, "EROFS"},
    {EMLINK, "EMLINK"},   {EPIPE, "EPIPE"},
    {ERANGE, "ERANGE"},   {ENAMETOOLONG, "ENAMETOOLONG"},
    {ENOSYS, "ENOSYS"},   {ENOTEMPTY, "ENOTEMPTY"},
};

const char *errno_name(int err)
{
	for (size_t i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	return "E?";
}

void check_fail(const char *file, int line, const char *expr)
{
	int err = errno;
	if (err)
		printf("FAIL %s:%d %s (errno %s)\n", file, line, expr, errno_name(err));
	else
		printf("FAIL %s:%d %s\n", file, line, expr);
	fflush(stdout);
	exit(1);
}

void check_err_fail(const char *file, int line, const char *expr, long ret, int got, int want)
{
	printf("FAIL %s:%d %s returned %ld errno %s, expected -1 errno %s\n", file, line, expr, ret,
	       ret == -1 ? errno_name(got) : "-", errno_name(want));
	fflush(stdout);
	exit(1);
}

void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		CHECK(n > 0);
		p += n;
		len -= (size_t)n;
	}
}

void put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	write_all(fd, text, strlen(text));
	CHECK(close(fd) == 0);
}

ssize_t get_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	size_t len = 0;
	while (len + 1 < cap) {
		ssize_t n = read(fd, buf + len, cap - 1 - len);
		if (n < 0) {
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(fd);
	return (ssize_t)len;
}

int run_child(int (*fn)(void *), void *arg)
{
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(fn(arg));
	int status;
	CHECK(waitpid(pid, &status, 0) == pid);
	return status;
}

void print_status(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%s: signalled %d\n", what, WTERMSIG(status));
	else
		printf("%s: status 0x%x\n", what, (unsigned)status);
}

int keel_meminfo(struct keel_meminfo *out)
{
	return (int)syscall(SYS_keel_meminfo, out);
}

const char *self_path(const char *argv0)
{
	static char path[256];
	if (strchr(argv0, '/'))
		return argv0;
	snprintf(path, sizeof(path), "/usr/test/%s", argv0);
	return path;
}
