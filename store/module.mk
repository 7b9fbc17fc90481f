# store: the SQLite database of a branch (schema, migrations, statements).
LIBRARIES += store
store_SRCS := $(wildcard store/*.c)
store_PKGS := sqlite3
