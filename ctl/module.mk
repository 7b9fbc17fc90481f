# frontactl: the command line for all of it.
PROGRAMS += frontactl
frontactl_SRCS := $(wildcard ctl/*.c)
# The archiver hands messages to its main thread as frontad does.
frontactl_SRCS += daemon/inbox.c
frontactl_LIBS := archive store report mqtt core
frontactl_PKGS := sqlite3 libmosquitto libcjson inih
