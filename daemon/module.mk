# frontad: the branch's queue daemon.
PROGRAMS += frontad
frontad_SRCS := $(wildcard daemon/*.c)
frontad_LIBS := store report mqtt core
frontad_PKGS := sqlite3 libmosquitto libcjson inih
