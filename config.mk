# Stage switches.  Each graded stage is built from one of:
#   src  the stage's own source files in this tree (the reference solution, or
#        the student's work in a handout)
#   ref  the prebuilt reference archive ref/lib<stage>.a shipped in a handout
# The reference tree builds every stage from src.
PROCS   ?= src
DRIVERS ?= src
VFS     ?= src
S5FS    ?= src
VM      ?= src

# Timer interrupt rate of the 8254 PIT, in Hz.
PIT_HZ  ?= 100
