/*
 * The whole tree, walked: every directory listed, every entry stat'ed,
 * every regular file read to its end, and a file created, written and
 * removed in /tmp.  On a good image nothing fails.  This is also what the
 * fuzzing target boots on damaged images (tools/hosttests/s5fs.py): with
 * s5fs_fuzz=1 on the command line an error is counted, not a failure, and
 * the test passes if the kernel neither panics nor hangs nor leaks, so
 * every bad image ends in an error report, never a crash.
 */
#include "main/cmdline.h"
#include "s5test.h"

typedef struct walk {
	int dirs, files, errors;
	char path[256];
	char buf[4096];
} walk_t;

static void walk_error(walk_t *w, const char *what, long err)
{
	if (w->errors++ < 8) {
		ktest_note("walk: %s %s: %ld", what, w->path, err);
	}
}

static void walk_file(walk_t *w)
{
	int fd = do_open(w->path, O_RDONLY);
	if (fd < 0) {
		walk_error(w, "open", fd);
		return;
	}
	ssize_t n;
	size_t total = 0;
	while ((n = do_read(fd, w->buf, sizeof(w->buf))) > 0 && total < (8u << 20)) {
		total += (size_t)n;
	}
	if (n < 0) {
		walk_error(w, "read", n);
	}
	do_close(fd);
	w->files++;
}

static void walk_dir(walk_t *w, int depth)
{
	int fd = do_open(w->path, O_RDONLY);
	if (fd < 0) {
		walk_error(w, "open", fd);
		return;
	}
	w->dirs++;
	size_t len = strlen(w->path);
	dirent_t d;
	int err, entries = 0;
	while ((err = do_getdent(fd, &d)) > 0 && entries++ < 5000) {
		if (strcmp(d.d_name, ".") == 0 || strcmp(d.d_name, "..") == 0 ||
		    len + 2 + strlen(d.d_name) >= sizeof(w->path)) {
			continue;
		}
		snprintf(w->path + len, sizeof(w->path) - len, "%s%s", len > 1 ? "/" : "",
			 d.d_name);
		stat_t st;
		int serr = do_stat(w->path, &st);
		if (serr < 0) {
			walk_error(w, "stat", serr);
		} else if (S_ISDIR(st.st_mode) && depth < 8) {
			walk_dir(w, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			walk_file(w);
		}
		w->path[len] = '\0';
	}
	if (err < 0) {
		walk_error(w, "getdent", err);
	}
	do_close(fd);
}

KTEST_SLOW(s5fs_walk_tree, "s5fs.walk.tree", 50000)
{
	bool fuzz = cmdline_get_int(&kernel_cmdline, "s5fs_fuzz", 0) != 0;
	static walk_t w;
	memset(&w, 0, sizeof(w));
	strlcpy(w.path, "/", sizeof(w.path));
	walk_dir(&w, 0);
	int fd = do_open("/tmp/walk.tmp", O_RDWR | O_CREAT);
	if (fd >= 0) {
		memset(w.buf, 'w', sizeof(w.buf));
		for (int i = 0; i < 40; i++) {
			ssize_t n = do_write(fd, w.buf, sizeof(w.buf));
			if (n < 0) {
				strlcpy(w.path, "/tmp/walk.tmp", sizeof(w.path));
				walk_error(&w, "write", n);
				break;
			}
		}
		do_close(fd);
		do_unlink("/tmp/walk.tmp");
	} else {
		strlcpy(w.path, "/tmp/walk.tmp", sizeof(w.path));
		walk_error(&w, "create", fd);
	}
	ktest_note("walk: %d directories, %d files, %d errors", w.dirs, w.files, w.errors);
	if (!fuzz) {
		KT_CHECK(s5fs_is(vfs_root_fs));
		KT_CHECK_EQ(w.errors, 0);
		KT_CHECK(w.dirs >= 6 && w.files >= 2);
	}
	pframe_sync();
}
