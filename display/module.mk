# fronta-display: the waiting-room board (docs/display.md). The modules are
# a library so that unit tests and test tools link the same code.
LIBRARIES += display
display_SRCS := $(filter-out display/main.c,$(wildcard display/*.c))
display_PKGS := sdl2 espeak-ng
PROGRAMS += fronta-display
fronta-display_SRCS := display/main.c
fronta-display_LIBS := display ui mqtt core
fronta-display_PKGS := libmosquitto espeak-ng
