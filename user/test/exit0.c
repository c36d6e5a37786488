/* exit0: the smallest test program: prints one line and exits 0. */
#include <stdio.h>

int main(void)
{
	printf("exit0: hello\n");
	return 0;
}
