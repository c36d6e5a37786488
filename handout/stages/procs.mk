# The PROCS stage: threads, processes, the scheduler and mutexes.
# Read by the Makefile (to build the stage from ref/libprocs.a when
# PROCS=ref), by the handout generator and by the grader.
procs_FILES  := kernel/proc/kthread.c kernel/proc/proc.c kernel/proc/sched.c kernel/proc/kmutex.c
procs_TESTS  := kernel/test/procs
procs_DOC    := handout/procs.md
procs_RUBRIC := grading/rubrics/procs.toml
