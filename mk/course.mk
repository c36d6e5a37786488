# The course machinery: reference archives, handouts, the grader's builds,
# the Gradescope bundle and the integrity checks.  Included by the Makefile.
#
#   make ref [STAGE=procs]        ref/lib<stage>.a from this tree, in $(BUILD)/ref/
#   make handout STAGE=procs      $(BUILD)/handout/procs/ and keel-procs.tar.gz
#                                 (EARLIER="procs=source": how earlier stages ship)
#   make gradescope STAGE=procs   $(BUILD)/gradescope/keel-procs-autograder.zip
#   make course-check             grading/selftest: handouts, grader, rubrics
#
# handout/README.md explains the handouts, grading/README.md the grader.

# Stages that have a manifest, in course order.
COURSE_STAGES := $(filter $(patsubst handout/stages/%.mk,%,$(wildcard handout/stages/*.mk)),$(STAGES))

# A kernel built for grading signs its test results with a per-run key;
# only the harness sees it.  Such a build also leaves the harness out of the
# kernel's symbol table ($(BUILD)/ksyms-omit.txt, see the Makefile).
ifneq ($(KTEST_AUTH_KEY),)
$(BUILD)/obj/kernel/test/ktest.c.o: CFLAGS += -DKTEST_AUTH_KEY='"$(KTEST_AUTH_KEY)"'
endif

# ref/lib<stage>.a: the reference objects of the stage's files, built with
# the kernel's own flags, for a handout to link instead of a student's.
define course_ref_rule
$(BUILD)/ref/lib$(1).a: $$(patsubst %,$(BUILD)/obj/%.o,$$($(1)_FILES))
	@mkdir -p $$(dir $$@)
	@echo "  AR      $$@"
	@rm -f $$@ && ar rcs $$@ $$^
endef
$(foreach s,$(COURSE_STAGES),$(eval $(call course_ref_rule,$(s))))

course_stage_arg = $(if $(STAGE),$(if $(filter $(STAGE),$(COURSE_STAGES)),$(STAGE),$(error STAGE=$(STAGE): no such stage (have: $(COURSE_STAGES)))),$(error set STAGE to one of: $(COURSE_STAGES)))

# STAGE is checked only when ref is asked for: other targets take STAGE=base too.
ref: $(if $(filter ref,$(MAKECMDGOALS)),$(if $(STAGE),$(BUILD)/ref/lib$(course_stage_arg).a,$(foreach s,$(COURSE_STAGES),$(BUILD)/ref/lib$(s).a)))

handout:
	@test -x handout/mkhandout || { echo "make handout: this tree is a handout, not the reference" >&2; exit 1; }
	@handout/mkhandout --stage $(course_stage_arg) --build $(BUILD) $(foreach e,$(EARLIER),--earlier $(e))

gradescope:
	@test -x grading/mkgradescope || { echo "make gradescope: this tree is a handout, not the reference" >&2; exit 1; }
	@grading/mkgradescope --stage $(course_stage_arg) --build $(BUILD)

course-check:
	@test -x grading/selftest || { echo "make course-check: this tree is a handout, not the reference" >&2; exit 1; }
	@grading/selftest --build $(BUILD)-course/selftest

.PHONY: ref handout gradescope course-check
