/*
 * execve passes argv and envp exactly: the program runs itself (argv[0]
 * is its path) with "child" and prints what it got -- words with blanks,
 * an empty word, an empty environment entry.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		printf("argc %d\n", argc);
		for (int i = 1; i < argc; i++)
			printf("argv[%d] \"%s\"\n", i, argv[i]);
		CHECK(argv[argc] == NULL);
		int n = 0;
		for (char **e = environ; *e; e++)
			printf("env[%d] \"%s\"\n", n++, *e);
		return 3;
	}
	char *args[] = {(char *)self_path(argv[0]), "child", "two words", "", "last", NULL};
	char *env[] = {"A=1", "EMPTY=", "LONG=abcdefghijklmnopqrstuvwxyz", NULL};
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execve(self_path(argv[0]), args, env);
		_exit(99);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("child", st);
	/* An empty environment. */
	char *none[] = {NULL};
	char *args2[] = {(char *)self_path(argv[0]), "child", NULL};
	fflush(stdout);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execve(self_path(argv[0]), args2, none);
		_exit(99);
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("child", st);
	return 0;
}
