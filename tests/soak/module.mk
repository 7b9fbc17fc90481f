# make soak: long runs that prove frontad's and the display's memory stays
# flat and that nothing leaks (AddressSanitizer + LeakSanitizer). Not part
# of `make test`. The sanitizer build goes to its own folder so that build/
# stays as it is.
SOAK_BUILD ?= build-asan

.PHONY: soak
soak: $(BUILD)/bin/frontad $(BUILD)/bin/fronta-display $(BUILD)/test/fronta-bench
	@$(MAKE) --no-print-directory BUILD=$(SOAK_BUILD) SANITIZE=address,undefined \
		$(SOAK_BUILD)/bin/frontad $(SOAK_BUILD)/bin/fronta-display $(SOAK_BUILD)/test/fronta-bench
	@BUILD=$(BUILD) ASAN_BUILD=$(SOAK_BUILD) sh tests/soak/branch.soak.sh
