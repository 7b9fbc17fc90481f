# archive: the head-office archive of every branch's events (SQLite), for
# reports across branches. Used by frontactl archive / report / purge.
LIBRARIES += archive
archive_SRCS := $(wildcard archive/*.c)
archive_PKGS := sqlite3
