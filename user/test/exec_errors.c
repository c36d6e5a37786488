/*
 * execve's errors, each returning to the caller: E2BIG (4 MiB of
 * arguments), ENOENT, ENOTDIR, ENOEXEC for a file of garbage, for an empty
 * file and for a copy of a real ELF cut inside its program headers (the
 * test writes these files itself).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static void make_exec(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(fd >= 0);
	write_all(fd, data, len);
	CHECK(close(fd) == 0);
}

int main(int argc, char **argv)
{
	(void)argc;
	char *args[] = {"prog", NULL};
	char *env[] = {NULL};
	CHECK_ERR(execve("missing", args, env), ENOENT);
	CHECK_ERR(execve("nodir/prog", args, env), ENOENT);
	put_file("plain", "x");
	CHECK_ERR(execve("plain/prog", args, env), ENOTDIR);

	char garbage[3000];
	for (size_t i = 0; i < sizeof(garbage); i++)
		garbage[i] = (char)(i * 131 + 7);
	make_exec("garbage", garbage, sizeof(garbage));
	CHECK_ERR(execve("garbage", args, env), ENOEXEC);
	make_exec("empty", "", 0);
	CHECK_ERR(execve("empty", args, env), ENOEXEC);

	/* The first 128 bytes of this very program: the ELF header, part of the program headers. */
	char head[128];
	int self = open(self_path(argv[0]), O_RDONLY);
	CHECK(self >= 0);
	CHECK(read(self, head, sizeof(head)) == sizeof(head));
	CHECK(close(self) == 0);
	CHECK(memcmp(head, "\177ELF", 4) == 0);
	make_exec("truncated", head, sizeof(head));
	CHECK_ERR(execve("truncated", args, env), ENOEXEC);
	/* The header of an ELF for another machine (e_machine 62, x86-64). */
	head[18] = 62;
	head[19] = 0;
	make_exec("othermachine", head, sizeof(head));
	CHECK_ERR(execve("othermachine", args, env), ENOEXEC);

	/* 4 MiB of arguments: 64 pointers to one 64 KiB string. */
	char *big = malloc(64 * 1024);
	CHECK(big != NULL);
	memset(big, 'x', 64 * 1024 - 1);
	big[64 * 1024 - 1] = '\0';
	char **many = calloc(66, sizeof(char *));
	many[0] = (char *)self_path(argv[0]);
	for (int i = 1; i <= 64; i++)
		many[i] = big;
	CHECK_ERR(execve(self_path(argv[0]), many, env), E2BIG);
	puts("exec errors: ok");
	return 0;
}
