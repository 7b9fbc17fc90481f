# frontactl: the command line for all of it.
PROGRAMS += frontactl
frontactl_SRCS := $(wildcard ctl/*.c)
frontactl_LIBS := store report mqtt core
frontactl_PKGS := sqlite3 libmosquitto libcjson inih
