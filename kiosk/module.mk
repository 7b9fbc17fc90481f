# fronta-kiosk: the touchscreen kiosk (docs/kiosk.md). main.c parses
# options; the rest are modules the tests link one by one.
PROGRAMS += fronta-kiosk
fronta-kiosk_SRCS := $(wildcard kiosk/*.c)
fronta-kiosk_LIBS := ui printer mqtt core
fronta-kiosk_PKGS := libmosquitto libcjson inih
