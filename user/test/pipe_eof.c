/* End of file across processes: a reader in a child sees all bytes, then 0 once the parent and
 * child both closed the write end. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	fflush(stdout);
	pid_t pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(p[1]); /* else the reader would wait for itself */
		char buf[100];
		long total = 0;
		ssize_t n;
		while ((n = read(p[0], buf, sizeof(buf))) > 0)
			total += n;
		_exit(n == 0 && total == 50000 ? 0 : 1);
	}
	close(p[0]);
	char chunk[1000];
	memset(chunk, 'z', sizeof(chunk));
	for (int i = 0; i < 50; i++)
		write_all(p[1], chunk, sizeof(chunk));
	CHECK(close(p[1]) == 0);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid);
	print_status("reader", st);
	return 0;
}
