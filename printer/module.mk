# printer: ESC/POS tickets (1-bit bitmaps, encoder, decoder, status) and the
# outputs they go to (file, TCP, device). Pure C and POSIX; uses core.
LIBRARIES += printer
printer_SRCS := $(wildcard printer/*.c)
printer_PKGS :=
printer_DEPS := core
