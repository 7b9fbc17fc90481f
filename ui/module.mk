# ui: text in any script, fonts, theme, pictograms, the translation
# catalogue, screenshots, and the SDL side of the network (docs/ui.md).
LIBRARIES += ui
ui_SRCS := $(wildcard ui/*.c)
ui_PKGS := sdl2 SDL2_ttf SDL2_image fontconfig fribidi
# Installed programs look for their assets here (ui/assets.c).
$(BUILD)/obj/ui/assets.o: CPPFLAGS += -DFRONTA_DATADIR='"$(PREFIX)/share/fronta"'

# fronta-glyphcheck: every translated character has a glyph (docs/ui.md).
PROGRAMS += fronta-glyphcheck
fronta-glyphcheck_SRCS := ui/glyphcheck/main.c
fronta-glyphcheck_LIBS := ui core
