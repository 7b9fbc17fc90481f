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

# make install PREFIX= DESTDIR=: the glyph check and assets/ (catalogue, and
# whatever the programs add there) as $(PREFIX)/share/fronta.
install: install-ui
.PHONY: install-ui
install-ui: $(BUILD)/bin/fronta-glyphcheck
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/fronta
	install -m 755 $(BUILD)/bin/fronta-glyphcheck $(DESTDIR)$(PREFIX)/bin/
	cp -R assets/. $(DESTDIR)$(PREFIX)/share/fronta/

# fronta-glyphcheck: every translated character has a glyph (docs/ui.md).
PROGRAMS += fronta-glyphcheck
fronta-glyphcheck_SRCS := ui/glyphcheck/main.c
fronta-glyphcheck_LIBS := ui core
