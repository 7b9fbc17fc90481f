# core: the pure engine, configuration, hours, clock, protocol codec.
LIBRARIES += core
core_SRCS := $(wildcard core/*.c)
core_PKGS := libcjson inih
