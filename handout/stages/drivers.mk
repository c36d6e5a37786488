# The DRIVERS stage: the line discipline and ttys, ATA over bus-master DMA,
# the block and byte device layers, the memory devices.
# Read by the Makefile (to build the stage from ref/libdrivers.a when
# DRIVERS=ref), by the handout generator and by the grader.
drivers_FILES  := kernel/drivers/ata.c kernel/drivers/blockdev.c kernel/drivers/bytedev.c kernel/drivers/ldisc.c kernel/drivers/tty.c
drivers_TESTS  := kernel/test/drivers
drivers_DOC    := handout/drivers.md
drivers_RUBRIC := grading/rubrics/drivers.toml
