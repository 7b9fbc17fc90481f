# frontactl: the command line for all of it.
PROGRAMS += frontactl
frontactl_SRCS := $(wildcard ctl/*.c)
# The archiver hands messages to its main thread as frontad does.
frontactl_LIBS := consolemodel chart ui archive store report mqtt core
frontactl_PKGS := sqlite3 libmosquitto libcjson inih libcrypto

# broker-config's templates, compiled into frontactl as C strings
# (template_production_conf, ...): `frontactl provision` fills them in, so
# the files in broker-config/ are the one place to change them.
BROKER_TEMPLATES := broker-config/production.conf broker-config/bridge.conf broker-config/head-office.conf
$(BUILD)/gen/broker_templates.h: $(BROKER_TEMPLATES) ctl/module.mk
	@mkdir -p $(dir $@)
	awk 'FNR == 1 { if (NR > 1) print ";"; n = FILENAME; sub(/.*\//, "", n); gsub(/[^A-Za-z0-9]/, "_", n); \
	     print "static const char template_" n "[] ="; } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\?/, "\\?"); print "\t\"" $$0 "\\n\""; } \
	     END { print ";" }' $(BROKER_TEMPLATES) > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/ctl/provision.o: $(BUILD)/gen/broker_templates.h
