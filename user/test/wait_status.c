/* wait statuses: exit codes 0, 1, 42, 255 and 256 (which is 0) through WIFEXITED/WEXITSTATUS. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int code(void *arg)
{
	exit((int)(long)arg);
}

int main(void)
{
	const int codes[] = {0, 1, 42, 255, 256};
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int st = run_child(code, (void *)(long)codes[i]);
		CHECK(WIFEXITED(st) && !WIFSIGNALED(st));
		printf("exit(%d): status 0x%04x, WEXITSTATUS %d\n", codes[i], (unsigned)st,
		       WEXITSTATUS(st));
	}
	return 0;
}
