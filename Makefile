# The two commands of the README. Each sets up everything it needs first
# (system packages, virtual environments), so both work on a fresh machine.
.PHONY: run test

run:
	packaging/dev/run.sh $(ARGS)

test:
	packaging/dev/test.sh $(ARGS)
