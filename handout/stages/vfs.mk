# The VFS stage: vnode reference counts, path lookup, open files and
# descriptors, the file system calls, special files.  (ramfs, the
# interfaces in kernel/include/vfs/ and the process side are support code.)
# Read by the Makefile (to build the stage from ref/libvfs.a when VFS=ref),
# by the handout generator and by the grader.
vfs_FILES  := kernel/vfs/vnode.c kernel/vfs/namev.c kernel/vfs/file.c kernel/vfs/fdcalls.c kernel/vfs/pathcalls.c kernel/vfs/special.c
vfs_TESTS  := kernel/test/vfs
vfs_DOC    := handout/vfs.md
vfs_RUBRIC := grading/rubrics/vfs.toml
