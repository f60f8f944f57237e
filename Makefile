# The two commands of README.md. Each installs what is missing first.
.PHONY: demo test
demo:
	@packaging/setup.sh demo
test:
	@packaging/setup.sh test
