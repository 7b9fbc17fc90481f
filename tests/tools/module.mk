# Programs the tests use (built into build/test/).
TOOLS += fronta-burst
fronta-burst_SRCS := tests/tools/burst.c
fronta-burst_LIBS := mqtt core
fronta-burst_PKGS := libmosquitto libcjson inih
