/*
 * ls [-a] [-l] [PATH...]: lists each directory's entries sorted by name
 * (without . and .. unless -a), or names each file.  -l: one line per
 * entry, "TYPE+MODE LINKS SIZE NAME" (a device shows "MAJOR, MINOR" for its
 * size).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int all, longform;

static void mode_string(mode_t m, char *s)
{
	s[0] = S_ISDIR(m)    ? 'd'
	       : S_ISCHR(m)  ? 'c'
	       : S_ISBLK(m)  ? 'b'
	       : S_ISFIFO(m) ? 'p'
	       : S_ISLNK(m)  ? 'l'
			     : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
}

/* Prints one entry: path is what to stat, name what to show. */
static int show(const char *path, const char *name)
{
	if (!longform) {
		printf("%s\n", name);
		return 0;
	}
	struct stat st;
	if (lstat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	char mode[11];
	mode_string(st.st_mode, mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%s %2u %4u, %4u %s\n", mode, (unsigned)st.st_nlink, major(st.st_rdev),
		       minor(st.st_rdev), name);
	else
		printf("%s %2u %10lld %s\n", mode, (unsigned)st.st_nlink, (long long)st.st_size,
		       name);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!all && e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = realloc(names, cap * sizeof(*names));
			if (!names) {
				fputs("ls: out of memory\n", stderr);
				return 1;
			}
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	int status = 0;
	char path[1024];
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		status |= show(path, names[i]);
		free(names[i]);
	}
	free(names);
	return status;
}

int main(int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *f = argv[i] + 1; *f; f++) {
			if (*f == 'a')
				all = 1;
			else if (*f == 'l')
				longform = 1;
			else {
				fprintf(stderr,
					"ls: unknown option -%c\nusage: ls [-a] [-l] [PATH...]\n",
					*f);
				return 2;
			}
		}
	}
	if (i == argc)
		return list_dir(".");
	int status = 0;
	for (int first = i; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (argc - first > 1)
				printf("%s:\n", argv[i]);
			status |= list_dir(argv[i]);
		} else {
			status |= show(argv[i], argv[i]);
		}
	}
	return status;
}
