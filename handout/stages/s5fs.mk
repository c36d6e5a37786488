# The S5FS stage: the block map, file data through the page-frame cache,
# directory entries, block and inode allocation, inodes, the vnode
# operations.  (Mounting, unmounting and syncing, the lock, the memory
# objects, the page-frame cache and the on-disk format are support code.)
# Read by the Makefile (to build the stage from ref/libs5fs.a when S5FS=ref),
# by the handout generator and by the grader.
s5fs_FILES  := kernel/fs/s5fs/s5fs_alloc.c kernel/fs/s5fs/s5fs_inode.c kernel/fs/s5fs/s5fs_file.c kernel/fs/s5fs/s5fs_dir.c kernel/fs/s5fs/s5fs_vnops.c
s5fs_TESTS  := kernel/test/s5fs
s5fs_DOC    := handout/s5fs.md
s5fs_RUBRIC := grading/rubrics/s5fs.toml
