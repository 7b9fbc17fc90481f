# fronta-console: the worker's console at a counter (docs/console.md).
# Its modules are a library so that the tests link the same code.
LIBRARIES += console
console_SRCS := $(filter-out console/main.c,$(wildcard console/*.c))
console_PKGS := sdl2 SDL2_ttf fribidi libcjson
PROGRAMS += fronta-console
fronta-console_SRCS := console/main.c
fronta-console_LIBS := console ui mqtt core
fronta-console_PKGS := libmosquitto
