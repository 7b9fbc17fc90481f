# Build settings for every module; the top Makefile and each module.mk read these.
CC       ?= cc
PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build

WARN     := -std=c11 -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-unused-parameter
OPT      ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. -I$(BUILD)/gen
CFLAGS   += $(WARN) $(OPT) -pthread
LDFLAGS  += -pthread

# WERROR=1 (CI does this) turns warnings into errors.
ifeq ($(WERROR),1)
CFLAGS   += -Werror
endif

# make SANITIZE=address,undefined
ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)
PKG_CONFIG ?= pkg-config
pkg_cflags = $(if $(1),$(shell $(PKG_CONFIG) --cflags $(1)))
pkg_libs   = $(if $(1),$(shell $(PKG_CONFIG) --libs $(1)))
