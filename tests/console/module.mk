# tests/console: the worker's console (docs/console.md).
UNIT_TESTS += test_console_model
test_console_model_SRCS := tests/console/test_console_model.c
test_console_model_LIBS := console consolemodel ui core
test_console_model_PKGS := cmocka libcjson inih
TOOLS += tcp-relay
tcp-relay_SRCS := tests/console/tcp_relay.c
