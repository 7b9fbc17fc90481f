# Fuzzing (tests/fuzz/README.md). A target NAME is tests/fuzz/fuzz_NAME.c
# (LLVMFuzzerTestOneInput), its seeds and crashes in tests/fuzz/corpus/NAME/,
# its dictionary tests/fuzz/NAME.dict.
#   make fuzz                    clang + libFuzzer, FUZZ_SECONDS (60) per target
#   make fuzz FUZZ_ONLY=NAME     one target
#   make fuzz-merge              add the inputs that found new paths to the corpus
#   make test                    replays every corpus file through every target (gcc)
#
# To add a target: two lines here, the libraries it links (users first).
# fuzz_NAME_ARGS adds libFuzzer options.
FUZZERS += escpos_decode
fuzz_escpos_decode_LIBS := printer core
fuzz_escpos_decode_ARGS := -max_len=8192
FUZZERS += escpos_status
fuzz_escpos_status_LIBS := printer core
fuzz_escpos_status_ARGS := -max_len=64
FUZZERS += proto_request
fuzz_proto_request_LIBS := core
fuzz_proto_request_ARGS := -max_len=4200
FUZZERS += proto_client
fuzz_proto_client_LIBS := core
fuzz_proto_client_ARGS := -max_len=8192
FUZZERS += config
fuzz_config_LIBS := core
fuzz_config_ARGS := -max_len=16384
FUZZERS += po
fuzz_po_LIBS := ui core
fuzz_po_ARGS := -max_len=16384

# ---- nothing below needs changing to add a target ----

FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_ONLY    ?= $(FUZZERS)
FUZZ_BUILD   := $(BUILD)/fuzz
# Objects are instrumented for coverage (fuzzer-no-link); only the target's
# link adds libFuzzer's main.
FUZZ_SANITIZE := fuzzer-no-link,address,undefined

# make test: build/test/test_fuzz_NAME = the target + replay.c's main, with $(CC).
$(foreach f,$(FUZZERS),\
  $(eval UNIT_TESTS += test_fuzz_$(f))\
  $(eval test_fuzz_$(f)_SRCS := tests/fuzz/fuzz_$(f).c tests/fuzz/replay.c)\
  $(eval test_fuzz_$(f)_LIBS := $(fuzz_$(f)_LIBS)))

# Read by the sub-make of `make fuzz`, where BUILD is $(FUZZ_BUILD) and CC clang.
define fuzz_rule
$(BUILD)/fuzzers/fuzz_$(1): $(BUILD)/obj/tests/fuzz/fuzz_$(1).o $(foreach l,$(fuzz_$(1)_LIBS),$(BUILD)/lib/lib$(l).a)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -fsanitize=fuzzer -o $$@ $$^ $$(call pkg_libs,$$(sort $$(foreach l,$(fuzz_$(1)_LIBS),$$($$(l)_PKGS)))) -lm
endef
$(foreach f,$(FUZZERS),$(eval $(call fuzz_rule,$(f))))

.PHONY: fuzz fuzz-build fuzz-merge fuzz-check-cc
fuzz-build: $(addprefix $(BUILD)/fuzzers/fuzz_,$(FUZZ_ONLY))

# Like `make test`, installs what is missing when run as root.
fuzz-check-cc:
	@scripts/deps.sh --fuzz
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	    echo "make fuzz needs $(FUZZ_CC) with libFuzzer: scripts/deps.sh --fuzz"; exit 2; }

# Each target runs FUZZ_SECONDS on a working copy of its corpus; a crash is
# written into tests/fuzz/corpus/NAME/ at once (tests/fuzz/run.sh).
fuzz: fuzz-check-cc
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SANITIZE=$(FUZZ_SANITIZE) WERROR= fuzz-build
	@rc=0; $(foreach f,$(FUZZ_ONLY),tests/fuzz/run.sh $(f) $(FUZZ_SECONDS) $(FUZZ_BUILD) $(fuzz_$(f)_ARGS) || rc=1;) exit $$rc

# Minimizes the working corpus into the committed one: only inputs that
# reach new code are added. Review and commit tests/fuzz/corpus/ afterwards.
fuzz-merge: fuzz-check-cc
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SANITIZE=$(FUZZ_SANITIZE) WERROR= fuzz-build
	@for f in $(FUZZ_ONLY); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$f; \
	    $(FUZZ_BUILD)/fuzzers/fuzz_$$f -merge=1 tests/fuzz/corpus/$$f $(FUZZ_BUILD)/corpus/$$f \
	        2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' | sed "s/^/$$f: /"; \
	done
