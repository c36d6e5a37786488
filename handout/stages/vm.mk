# The VM stage: the address space (vmmap), anonymous and shadow memory
# objects, the page fault handler, fork, brk, mmap/munmap and the checks of
# user addresses.  (The per-process table, the set-up, the system calls,
# the ELF loader and user mode are support code.)
# Read by the Makefile (to build the stage from ref/libvm.a when VM=ref),
# by the handout generator and by the grader.
vm_FILES  := kernel/vm/vmmap.c kernel/vm/anon.c kernel/vm/shadow.c kernel/vm/pagefault.c kernel/vm/fork.c kernel/vm/brk.c kernel/vm/mmap.c kernel/vm/uaccess.c
vm_TESTS  := kernel/test/vm
vm_DOC    := handout/vm.md
vm_RUBRIC := grading/rubrics/vm.toml
