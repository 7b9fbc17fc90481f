# tests/display: the display's unit tests and the tools its shell tests use.
TOOLS += display_audio
display_audio_SRCS := tests/display/display_audio.c
display_audio_LIBS := display core
UNIT_TESTS += test_board test_spoken test_announce
test_board_SRCS := tests/display/test_board.c
test_board_LIBS := display core
test_board_PKGS := cmocka
test_spoken_SRCS := tests/display/test_spoken.c
test_spoken_LIBS := display ui core
test_spoken_PKGS := cmocka espeak-ng
test_announce_SRCS := tests/display/test_announce.c
test_announce_LIBS := display core
test_announce_PKGS := cmocka sdl2 espeak-ng
TOOLS += display_probe
display_probe_SRCS := tests/display/display_probe.c
display_probe_LIBS := ui core
