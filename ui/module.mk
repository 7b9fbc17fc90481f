# ui: text in any script, fonts, theme, pictograms, the translation
# catalogue, screenshots, and the SDL side of the network (docs/ui.md).
LIBRARIES += ui
ui_SRCS := $(wildcard ui/*.c)
ui_PKGS := sdl2 SDL2_ttf SDL2_image fontconfig fribidi
# Installed programs look for their assets in $(PREFIX)/share/fronta
# (ui/assets.c); a different PREFIX rebuilds assets.o.
$(BUILD)/gen/ui_datadir.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define FRONTA_DATADIR "$(PREFIX)/share/fronta"' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp
$(BUILD)/obj/ui/assets.o: $(BUILD)/gen/ui_datadir.h

# fronta-glyphcheck: every translated character has a glyph (docs/ui.md).
PROGRAMS += fronta-glyphcheck
fronta-glyphcheck_SRCS := ui/glyphcheck/main.c
fronta-glyphcheck_LIBS := ui core
