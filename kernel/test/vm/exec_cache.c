/*
 * vm.api.exec_cache: the exec cache (api/exec.h) holds the vnode of each
 * of the EXEC_CACHE_SIZE programs run last, after their processes are
 * gone; a ninth program pushes out the least recently run one;
 * exec_cache_drop() lets go of them all.
 */
#include "api/exec.h"
#include "errno.h"
#include "test/ktest.h"
#include "test/spawn.h"
#include "vfs/namev.h"
#include "vfs/vfs_proc.h"
#include "vfs/vnode.h"

/* Runs 'path' (no input, no output) to its end; whether it started. */
static bool run(const char *path)
{
	char *argv[] = {(char *)path, NULL};
	int fds[3] = {-1, -1, -1};
	pid_t pid = uproc_spawn(path, argv, NULL, fds);
	if (!KT_CHECK(pid > 0)) {
		return false;
	}
	reap(pid);
	return true;
}

/* The references held on path's vnode, besides the one taken to look. */
static int holders(const char *path)
{
	vnode_t *vn;
	if (!KT_CHECK_EQ(namev_resolve(vfs_cwd(), path, &vn), 0)) {
		return -1;
	}
	int n = vn->vn_refcount - 1;
	vput(vn);
	return n;
}

KTEST(api_exec_cache, "vm.api.exec_cache")
{
	static const char *const others[EXEC_CACHE_SIZE] = {
	    "/bin/false", "/bin/echo", "/bin/uname", "/bin/mkdir",
	    "/bin/rmdir", "/bin/rm",   "/bin/stat",  "/bin/cat"};
	exec_cache_drop();
	KT_CHECK_EQ(holders("/bin/true"), 0);
	if (!run("/bin/true")) {
		return;
	}
	KT_CHECK_EQ(holders("/bin/true"), 1); /* the cache's, its process gone */
	for (int i = 0; i < EXEC_CACHE_SIZE - 1; i++) {
		run(others[i]);
	}
	KT_CHECK_EQ(holders("/bin/true"), 1); /* eight programs: still there */
	run("/bin/true");                     /* now the most recent again */
	run(others[EXEC_CACHE_SIZE - 1]);
	KT_CHECK_EQ(holders("/bin/true"), 1);
	KT_CHECK_EQ(holders(others[0]), 0); /* the least recently run went */
	KT_CHECK_EQ(holders(others[1]), 1);
	exec_cache_drop();
	KT_CHECK_EQ(holders("/bin/true"), 0);
	KT_CHECK_EQ(holders(others[1]), 0);
}
