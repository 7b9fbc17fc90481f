# bench: `make bench` measures Fronta against its floors (docs/performance.md).
# The measuring programs are built with the test tools; running them is not
# part of `make test`.
#   fronta-bench         the network figures, start-up timing, idle cost
#                        (no SDL in it: it is also the floor of frontad's idle cost)
#   fronta-bare-window   the SDL programs' floor: one window, one frame (SDL alone,
#                        with the programs' renderer choice, ui/video.c);
#                        also what an empty frame costs to present
#   fronta-bench-ticket  the kiosk's ticket render + ESC/POS encoding
BENCH_UI_SRCS := bench/bare_window.c bench/ticket.c
TOOLS += fronta-bench
fronta-bench_SRCS := $(filter-out $(BENCH_UI_SRCS),$(wildcard bench/*.c))
fronta-bench_LIBS := mqtt core
fronta-bench_PKGS := libmosquitto sqlite3 libcjson inih

TOOLS += fronta-bare-window
fronta-bare-window_SRCS := bench/bare_window.c bench/stats.c ui/video.c
fronta-bare-window_PKGS := sdl2

TOOLS += fronta-bench-ticket
fronta-bench-ticket_SRCS := bench/ticket.c bench/stats.c kiosk/ticket.c kiosk/words.c
fronta-bench-ticket_LIBS := ui printer core
fronta-bench-ticket_PKGS := libcjson inih

BENCH_NEEDS := $(BUILD)/bin/frontad $(BUILD)/bin/frontactl $(BUILD)/bin/fronta-kiosk $(BUILD)/bin/fronta-display \
               $(BUILD)/bin/fronta-console $(addprefix $(BUILD)/test/,fronta-bench fronta-bare-window fronta-bench-ticket)

.PHONY: bench
bench: $(BENCH_NEEDS)
	@BUILD=$(BUILD) bench/run.sh $(BENCH_ARGS)
