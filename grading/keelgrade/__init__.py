"""Keel's autograder (see grading/README.md).

Modules:
  auth        per-run keys, per-boot nonces, checking signed result lines
  rubric      reading and checking grading/rubrics/<stage>.toml
  submission  unpacking a submission and finding its student-owned files
  build       the pristine release and the kernels built from it
  boots       running tests, one QEMU boot each
  report      scores, the summary, results.json and the CSV row
  grader      grading one submission from start to end
"""
