/* kill [-SIGNAL] PID...: sends SIGNAL (a number; default 15, SIGTERM) to each process. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;
	if (argc > 1 && argv[1][0] == '-') {
		sig = atoi(argv[1] + 1);
		i++;
	}
	if (i >= argc) {
		fputs("usage: kill [-SIGNAL] PID...\n", stderr);
		return 2;
	}
	for (; i < argc; i++) {
		if (kill(atoi(argv[i]), sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
