# fronta-console: the worker's console at a counter (docs/console.md).
# Its modules are libraries so that the tests link the same code; the model
# has no SDL, so that frontactl's terminal console uses it too.
LIBRARIES += consolemodel
consolemodel_SRCS := console/model.c
consolemodel_PKGS := libcjson
LIBRARIES += console
console_SRCS := $(filter-out console/main.c console/model.c,$(wildcard console/*.c))
console_PKGS := sdl2 SDL2_ttf fribidi libcjson
PROGRAMS += fronta-console
fronta-console_SRCS := console/main.c
fronta-console_LIBS := console consolemodel ui mqtt core
fronta-console_PKGS := libmosquitto
