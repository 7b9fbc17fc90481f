# The printer library's tests: cmocka units, and the tools the shell tests
# (tests/printer/*.test.sh) drive: a stand-in network printer and a CLI.
# test_printer_bitmap reads SDL's headers to check the pixel format numbers.
UNIT_TESTS += test_printer_bitmap test_printer_escpos test_printer_status test_printer_output
test_printer_bitmap_SRCS := tests/printer/test_printer_bitmap.c
test_printer_bitmap_LIBS := printer core
test_printer_bitmap_PKGS := cmocka sdl2
test_printer_escpos_SRCS := tests/printer/test_printer_escpos.c tests/printer/pattern.c
test_printer_escpos_LIBS := printer core
test_printer_escpos_PKGS := cmocka
test_printer_status_SRCS := tests/printer/test_printer_status.c
test_printer_status_LIBS := printer core
test_printer_status_PKGS := cmocka
test_printer_output_SRCS := tests/printer/test_printer_output.c tests/printer/pattern.c
test_printer_output_LIBS := printer core
test_printer_output_PKGS := cmocka

TOOLS += printer-peer printer-tool
printer-peer_SRCS := tests/tools/printer-peer.c
printer-tool_SRCS := tests/tools/printer-tool.c tests/printer/pattern.c
printer-tool_LIBS := printer core
