# tests/kiosk: the kiosk's unit tests and the tools its shell tests use.
UNIT_TESTS += test_kiosk_flow
test_kiosk_flow_SRCS := tests/kiosk/test_kiosk_flow.c kiosk/flow.c kiosk/reqid.c
test_kiosk_flow_LIBS := core
test_kiosk_flow_PKGS := cmocka libcjson inih

# every screen in every language and orientation, headless (PNGs kept in
# $(BUILD)/test-artifacts/kiosk/)
UNIT_TESTS += test_kiosk_screens
test_kiosk_screens_SRCS := tests/kiosk/test_kiosk_screens.c tests/kiosk/kiosktest.c tests/ui/uitest.c kiosk/screens.c kiosk/words.c kiosk/sample.c
test_kiosk_screens_LIBS := ui core
test_kiosk_screens_PKGS := cmocka libcjson inih

# the paper ticket, encoded as ESC/POS and decoded back
UNIT_TESTS += test_kiosk_ticket
test_kiosk_ticket_SRCS := tests/kiosk/test_kiosk_ticket.c tests/kiosk/kiosktest.c kiosk/ticket.c kiosk/words.c kiosk/sample.c
test_kiosk_ticket_LIBS := ui printer core
test_kiosk_ticket_PKGS := cmocka libcjson inih
