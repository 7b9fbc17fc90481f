# Unit tests (cmocka): each links the real modules it tests.
UNIT_TESTS += test_queue
test_queue_SRCS := tests/unit/test_queue.c
test_queue_LIBS := core
test_queue_PKGS := cmocka libcjson inih

UNIT_TESTS += test_time
test_time_SRCS := tests/unit/test_time.c
test_time_LIBS := core
test_time_PKGS := cmocka libcjson inih

UNIT_TESTS += test_config
test_config_SRCS := tests/unit/test_config.c
test_config_LIBS := core
test_config_PKGS := cmocka libcjson inih
$(call obj,tests/unit/test_config.c): CPPFLAGS += -DSOURCE_ROOT='"$(CURDIR)"'

UNIT_TESTS += test_proto
test_proto_SRCS := tests/unit/test_proto.c
test_proto_LIBS := core
test_proto_PKGS := cmocka libcjson inih

UNIT_TESTS += test_store
test_store_SRCS := tests/unit/test_store.c
test_store_LIBS := store core
test_store_PKGS := cmocka sqlite3 libcjson inih

UNIT_TESTS += test_dedup
test_dedup_SRCS := tests/unit/test_dedup.c daemon/dedup.c
test_dedup_PKGS := cmocka
