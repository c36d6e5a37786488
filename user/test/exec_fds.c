/* execve keeps open descriptors (with their offsets) and closes the close-on-exec ones. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		int kept = atoi(argv[2]), cloexec = atoi(argv[3]);
		CHECK(lseek(kept, 0, SEEK_CUR) == 4);
		CHECK(write(kept, "+child", 6) == 6);
		CHECK_ERR(write(cloexec, "x", 1), EBADF);
		return 0;
	}
	int kept = open("kept", O_RDWR | O_CREAT, 0644);
	int cloexec = open("cloexec", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	CHECK(kept >= 0 && cloexec >= 0);
	CHECK(write(kept, "base", 4) == 4);
	char a[8], b[8];
	snprintf(a, sizeof(a), "%d", kept);
	snprintf(b, sizeof(b), "%d", cloexec);
	char *args[] = {(char *)self_path(argv[0]), "child", a, b, NULL};
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execv(self_path(argv[0]), args);
		_exit(99);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("child", st);
	CHECK(lseek(kept, 0, SEEK_CUR) == 10);
	char buf[32];
	CHECK(get_file("kept", buf, sizeof(buf)) == 10);
	printf("kept: %s\n", buf);
	return 0;
}
