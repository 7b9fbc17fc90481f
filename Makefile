# Fronta: one Makefile. Each folder describes itself in its module.mk:
#   LIBRARIES += name;  name_SRCS, name_PKGS, name_DEPS (libraries it uses)
#   PROGRAMS  += name;  name_SRCS, name_LIBS (our libraries, users first), name_PKGS
#   UNIT_TESTS += name; same variables as a program; built into $(BUILD)/test/
# See docs/architecture.md for the layering rules.
include config.mk

.DEFAULT_GOAL := all
LIBRARIES  :=
PROGRAMS   :=
UNIT_TESTS :=
TOOLS      :=

include $(sort $(wildcard */module.mk tests/*/module.mk))

# Every object is rebuilt when the compiler flags change (e.g. SANITIZE=).
FLAGS_STAMP := $(BUILD)/.flags
FLAGS_NOW   := $(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS)
$(shell mkdir -p $(BUILD) && (test -f $(FLAGS_STAMP) && [ "$$(cat $(FLAGS_STAMP))" = "$(FLAGS_NOW)" ] || echo "$(FLAGS_NOW)" > $(FLAGS_STAMP)))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
all_pkgs = $(sort $(foreach l,$($(1)_LIBS),$($(l)_PKGS)) $($(1)_PKGS))

# version.h only has to exist first: -MMD rebuilds the objects that include it
$(BUILD)/obj/%.o: %.c $(FLAGS_STAMP) | $(BUILD)/gen/version.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(OBJ_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/version.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define FRONTA_VERSION "$(VERSION)"' > $@.tmp
	@cmp -s $@.tmp $@ || mv $@.tmp $@; rm -f $@.tmp

define library_rule
$(BUILD)/lib/lib$(1).a: $(call obj,$($(1)_SRCS))
	@mkdir -p $$(dir $$@)
	rm -f $$@ && ar rcs $$@ $$^
$(call obj,$($(1)_SRCS)): OBJ_CFLAGS := $(call pkg_cflags,$($(1)_PKGS))
endef

# $(1) name, $(2) output folder
define program_rule
$(2)/$(1): $(call obj,$($(1)_SRCS)) $(foreach l,$($(1)_LIBS),$(BUILD)/lib/lib$(l).a)
	@mkdir -p $$(dir $$@)
	$(CC) $(LDFLAGS) -o $$@ $(call obj,$($(1)_SRCS)) $(foreach l,$($(1)_LIBS),$(BUILD)/lib/lib$(l).a) $(call pkg_libs,$(call all_pkgs,$(1))) $($(1)_LDLIBS) -lm
$(call obj,$($(1)_SRCS)): OBJ_CFLAGS := $(call pkg_cflags,$(call all_pkgs,$(1)))
endef

$(foreach l,$(LIBRARIES),$(eval $(call library_rule,$(l))))
$(foreach p,$(PROGRAMS),$(eval $(call program_rule,$(p),$(BUILD)/bin)))
$(foreach p,$(UNIT_TESTS) $(TOOLS),$(eval $(call program_rule,$(p),$(BUILD)/test)))

BINS  := $(addprefix $(BUILD)/bin/,$(PROGRAMS))
TESTS := $(addprefix $(BUILD)/test/,$(UNIT_TESTS) $(TOOLS))

.PHONY: all deps test tests-build clean FORCE install demo demo-headless
all: $(BINS)
tests-build: $(BINS) $(TESTS)

deps:
	@scripts/deps.sh

# make test: install what is missing (as root), build, run every test.
test: deps
	@$(MAKE) --no-print-directory tests-build
	@BUILD=$(BUILD) tests/run.sh $(TEST_ARGS)

# make demo: the whole system in windows (or headless, if there is no display)
demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) scripts/demo.sh windows

# make demo-headless: under Xvfb, a scripted morning, screenshots in out/
demo-headless: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) scripts/demo.sh headless

clean:
	rm -rf $(BUILD)

# make install PREFIX=/usr/local DESTDIR=/tmp/stage
#   programs         $(PREFIX)/bin
#   assets (i18n, ...), broker templates  $(PREFIX)/share/fronta; docs $(PREFIX)/share/doc/fronta
#   example branch files             $(SYSCONFDIR)/fronta/examples
#   systemd units, sysusers, .desktop $(PREFIX)/lib/systemd/system, lib/sysusers.d, share/applications
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
SUBST = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g'
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/fronta $(DESTDIR)$(PREFIX)/share/doc/fronta \
	  $(DESTDIR)$(SYSCONFDIR)/fronta/examples $(DESTDIR)$(PREFIX)/lib/systemd/system \
	  $(DESTDIR)$(PREFIX)/lib/sysusers.d $(DESTDIR)$(PREFIX)/share/applications
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	cp -R assets/. $(DESTDIR)$(PREFIX)/share/fronta/
	cp -R broker-config $(DESTDIR)$(PREFIX)/share/fronta/
	install -m 644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/fronta/
	install -m 644 config/*.ini $(DESTDIR)$(SYSCONFDIR)/fronta/examples/
	for f in deploy/*.service.in; do \
	  $(SUBST) $$f > $(DESTDIR)$(PREFIX)/lib/systemd/system/$$(basename $$f .in); done
	$(SUBST) deploy/fronta-console.desktop.in > $(DESTDIR)$(PREFIX)/share/applications/fronta-console.desktop
	install -m 644 deploy/fronta.sysusers.conf $(DESTDIR)$(PREFIX)/lib/sysusers.d/fronta.conf

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
