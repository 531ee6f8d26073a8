# The two commands of the README. Each sets up everything it needs first
# (system packages, virtual environments), so both work on a fresh machine.
.PHONY: run test bundle

run:
	packaging/dev/run.sh $(ARGS)

test:
	packaging/dev/test.sh $(ARGS)

# The PyInstaller one-folder bundle in dist/kiosk, then its frozen self-test (packaging/).
bundle:
	packaging/dev/setup.sh
	packaging/pyinstaller/build.sh --self-test
