# bench: `make bench` measures Fronta against its floors (docs/performance.md).
# fronta-bench is built with the test tools; running it is not part of `make test`.
TOOLS += fronta-bench
fronta-bench_SRCS := $(wildcard bench/*.c)
fronta-bench_LIBS := mqtt core
fronta-bench_PKGS := libmosquitto sqlite3 libcjson inih

.PHONY: bench
bench: $(BUILD)/bin/frontad $(BUILD)/test/fronta-bench
	@BUILD=$(BUILD) bench/run.sh $(BENCH_ARGS)
