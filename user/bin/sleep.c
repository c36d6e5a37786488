/* sleep SECONDS: waits that many seconds (a decimal fraction is allowed). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	char *end;
	double s = argc == 2 ? strtod(argv[1], &end) : -1;
	if (argc != 2 || *end || s < 0) {
		fputs("usage: sleep SECONDS\n", stderr);
		return 2;
	}
	struct timespec ts = {(time_t)s, (long)((s - (time_t)s) * 1e9)};
	while (nanosleep(&ts, &ts) < 0)
		;
	return 0;
}
