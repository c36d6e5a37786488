/*
 * About 100 KiB of arguments reach the new program intact: 100 arguments of
 * 1000 bytes each (argument i is made of the letter 'a' + i % 26), and 20
 * environment entries of 500 bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define NARGS 100
#define ARGLEN 1000
#define NENV 20
#define ENVLEN 500

extern char **environ;

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		CHECK(argc == NARGS + 2);
		for (int i = 0; i < NARGS; i++) {
			const char *s = argv[i + 2];
			CHECK(strlen(s) == ARGLEN);
			for (int k = 0; k < ARGLEN; k++)
				CHECK(s[k] == 'a' + i % 26);
		}
		int n = 0;
		for (char **e = environ; *e; e++, n++)
			CHECK(strlen(*e) == ENVLEN && (*e)[0] == 'E' && (*e)[ENVLEN - 1] == 'z');
		CHECK(n == NENV);
		printf("child: %d arguments, %d environment entries, all intact\n", argc, n);
		return 0;
	}
	char **args = calloc(NARGS + 3, sizeof(char *));
	char **env = calloc(NENV + 1, sizeof(char *));
	CHECK(args && env);
	args[0] = (char *)self_path(argv[0]);
	args[1] = "child";
	for (int i = 0; i < NARGS; i++) {
		args[i + 2] = malloc(ARGLEN + 1);
		memset(args[i + 2], 'a' + i % 26, ARGLEN);
		args[i + 2][ARGLEN] = '\0';
	}
	for (int i = 0; i < NENV; i++) {
		env[i] = malloc(ENVLEN + 1);
		memset(env[i], 'z', ENVLEN);
		memcpy(env[i], "E00=", 4);
		env[i][1] = '0' + i / 10;
		env[i][2] = '0' + i % 10;
		env[i][ENVLEN] = '\0';
	}
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execve(self_path(argv[0]), args, env);
		printf("execve failed: %s\n", errno_name(errno));
		_exit(99);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("child", st);
	return 0;
}
