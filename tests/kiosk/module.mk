# tests/kiosk: the kiosk's unit tests and the tools its shell tests use.
UNIT_TESTS += test_kiosk_flow
test_kiosk_flow_SRCS := tests/kiosk/test_kiosk_flow.c kiosk/flow.c kiosk/reqid.c
test_kiosk_flow_LIBS := core
test_kiosk_flow_PKGS := cmocka libcjson inih
