/*
 * vm.user.<name>: the user test programs, one kernel test each.
 *
 * The list is user/test/TESTS; the build turns it into
 * $(BUILD)/gen/user_tests.h, one USER_TEST(id, "vm.user.<name>", "<name>")
 * line per test, which this file includes.  Each test runs the program
 * /usr/test/<name> from the disk (tools/ktest-run gives vm.* boots a fresh
 * copy of build/disk.img as hda):
 *   - a fresh, empty scratch directory /tmp/<name> is its current
 *     directory; stdin is /dev/null; stdout and stderr are one file,
 *     /tmp/<name>.out;
 *   - it is spawned (uproc_spawn()) with argv {"/usr/test/<name>"} and
 *     envp {"PATH=/bin:/usr/test", "HOME=/"}, and waited for, at most
 *     USER_TEST_LIMIT_S seconds (then it is killed, status 9); children it
 *     left behind (orphans, which come to this process, init) are killed
 *     and reaped;
 *   - its output is printed as TAP diagnostics: each line that ends with a
 *     newline as "# | <line>", a last line without one as "# |~ <line>",
 *     with '\' written "\\" and every byte outside 0x20..0x7e as "\xHH";
 *     then "# exit <status>", the raw wait status;
 *   - the scratch directory and the output file are removed;
 *   - it passes when the status is 0 (and, as for every kernel test,
 *     nothing leaked: frames and slab objects are back).
 */
#include "api/exec.h"
#include "errno.h"
#include "mm/kmalloc.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "test/ktest.h"
#include "util/kprintf.h"
#include "util/string.h"
#include "vfs/vfs_syscall.h"
#include "vm/vm_proc.h"

#define USER_TEST_LIMIT_S 40
#define USER_TEST_DIR "/tmp"

/* Removes 'path' and everything under it (a file or a directory); errors are ignored. */
static void remove_tree(char *path, size_t size)
{
	stat_t st;
	if (do_stat(path, &st) < 0) {
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		do_unlink(path);
		return;
	}
	size_t len = strlen(path);
	for (;;) {
		int fd = do_open(path, O_RDONLY);
		if (fd < 0) {
			return;
		}
		dirent_t d;
		bool found = false;
		while (do_getdent(fd, &d) > 0) {
			if (strcmp(d.d_name, ".") != 0 && strcmp(d.d_name, "..") != 0) {
				found = true;
				break;
			}
		}
		do_close(fd);
		if (!found || len + 1 + strlen(d.d_name) + 1 > size) {
			break;
		}
		path[len] = '/';
		strlcpy(path + len + 1, d.d_name, size - len - 1);
		remove_tree(path, size);
		path[len] = '\0';
		if (do_stat(path, &st) < 0) {
			return;
		}
	}
	do_rmdir(path);
}

/* Prints the bytes of one output line, escaped, after its "# | " or "# |~ " prefix. */
static void print_line(const char *s, size_t n, bool complete)
{
	char out[128];
	size_t used = 0;
	kprintf("# |%s ", complete ? "" : "~");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (used + 4 >= sizeof(out)) {
			kputs_n(out, used);
			used = 0;
		}
		if (c == '\\') {
			out[used++] = '\\';
			out[used++] = '\\';
		} else if (c >= 0x20 && c <= 0x7e) {
			out[used++] = c;
		} else {
			static const char hex[] = "0123456789abcdef";
			out[used++] = '\\';
			out[used++] = 'x';
			out[used++] = hex[c >> 4];
			out[used++] = hex[c & 15];
		}
	}
	kputs_n(out, used);
	kputs_n("\n", 1);
}

/* Prints the whole file open at fd as "# | " lines. */
static void print_output(int fd)
{
	size_t cap = 4096, len = 0;
	char *line = kmalloc(cap);
	char *buf = kmalloc(512);
	if (line == NULL || buf == NULL) {
		ktest_fail("no memory to print the output");
		kfree(line);
		kfree(buf);
		return;
	}
	do_lseek(fd, 0, SEEK_SET);
	ssize_t n;
	while ((n = do_read(fd, buf, 512)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				print_line(line, len, true);
				len = 0;
			} else if (len == cap) {
				print_line(line, len, false); /* a very long line: cut */
				len = 0;
				line[len++] = buf[i];
			} else {
				line[len++] = buf[i];
			}
		}
	}
	if (len > 0) {
		print_line(line, len, false);
	}
	kfree(line);
	kfree(buf);
}

/* A zombie child of this process with 'pid' (-1: any), or NULL. */
static proc_t *zombie_child(pid_t pid)
{
	list_t *kids = &curproc->p_children;
	for (list_link_t *l = kids->l_next; l != kids; l = l->l_next) {
		proc_t *c = container_of(l, proc_t, p_child_link);
		if ((pid == -1 || c->p_pid == pid) && c->p_state == PROC_DEAD) {
			return c;
		}
	}
	return NULL;
}

/* Waits for 'pid' at most 'limit_s' seconds, killing it then.  Its wait status. */
static int wait_limited(pid_t pid, int limit_s)
{
	uint32_t ticks = sched_ms_to_ticks(limit_s * 1000);
	for (uint32_t t = 0; t < ticks && zombie_child(pid) == NULL; t++) {
		sched_sleep_ticks(1);
	}
	if (zombie_child(pid) == NULL) {
		ktest_note("timed out after %d s: killed", limit_s);
		proc_kill(proc_lookup(pid), 9);
	}
	int status = -1;
	do_waitpid(pid, &status, 0);
	return status;
}

/* Kills and reaps the user processes the program left behind (orphans come to init). */
static void reap_leftovers(void)
{
	for (int round = 0; round < 100 && !list_empty(&curproc->p_children); round++) {
		list_t *kids = &curproc->p_children;
		for (list_link_t *l = kids->l_next; l != kids; l = l->l_next) {
			proc_t *c = container_of(l, proc_t, p_child_link);
			if (c->p_state != PROC_DEAD && vm_proc_get(c) != NULL) {
				proc_kill(c, 9);
			}
		}
		proc_t *z;
		while ((z = zombie_child(-1)) != NULL) {
			int status;
			do_waitpid(z->p_pid, &status, 0);
		}
		sched_sleep_ticks(1);
	}
}

static void user_test_run(const char *name)
{
	char *dir = kmalloc(MAXPATHLEN), *out = kmalloc(MAXPATHLEN), *prog = kmalloc(MAXPATHLEN);
	if (!KT_CHECK(dir != NULL && out != NULL && prog != NULL)) {
		goto out_free;
	}
	snprintf(dir, MAXPATHLEN, "%s/%s", USER_TEST_DIR, name);
	snprintf(out, MAXPATHLEN, "%s/%s.out", USER_TEST_DIR, name);
	snprintf(prog, MAXPATHLEN, "/usr/test/%s", name);
	remove_tree(dir, MAXPATHLEN);
	do_unlink(out);
	if (!KT_CHECK_EQ(do_mkdir(dir), 0)) {
		goto out_free;
	}
	int fd_out = do_open(out, O_RDWR | O_CREAT | O_TRUNC);
	int fd_in = do_open("/dev/null", O_RDONLY);
	if (!KT_CHECK(fd_out >= 0 && fd_in >= 0)) {
		goto out_close;
	}
	/* The child takes the current directory of its parent. */
	KT_CHECK_EQ(do_chdir(dir), 0);
	char *argv[] = {prog, NULL};
	char *envp[] = {"PATH=/bin:/usr/test", "HOME=/", NULL};
	int fds[3] = {fd_in, fd_out, fd_out};
	pid_t pid = uproc_spawn(prog, argv, envp, fds);
	KT_CHECK_EQ(do_chdir("/"), 0);
	if (!KT_CHECK(pid > 0)) {
		ktest_note("cannot run %s: error %d", prog, pid);
		goto out_close;
	}
	int status = wait_limited(pid, USER_TEST_LIMIT_S);
	reap_leftovers();
	print_output(fd_out);
	ktest_note("exit %d", status);
	KT_CHECK_EQ(status, 0);
out_close:
	if (fd_out >= 0) {
		do_close(fd_out);
	}
	if (fd_in >= 0) {
		do_close(fd_in);
	}
	do_unlink(out);
	remove_tree(dir, MAXPATHLEN);
out_free:
	kfree(dir);
	kfree(out);
	kfree(prog);
}

#define USER_TEST(id, name, prog)                                                                  \
	KTEST_SLOW(user_##id, name, (USER_TEST_LIMIT_S + 10) * 1000)                               \
	{                                                                                          \
		user_test_run(prog);                                                               \
	}

#if __has_include("gen/user_tests.h")
#include "gen/user_tests.h"
#endif
