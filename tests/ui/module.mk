# tests/ui: unit tests of the ui library and the tools the shell tests use.
UNIT_TESTS += test_i18n test_phrase test_i18n_assets
test_i18n_SRCS := tests/ui/test_i18n.c
test_i18n_LIBS := ui core
test_i18n_PKGS := cmocka
test_phrase_SRCS := tests/ui/test_phrase.c
test_phrase_LIBS := ui core
test_phrase_PKGS := cmocka
test_i18n_assets_SRCS := tests/ui/test_i18n_assets.c
test_i18n_assets_LIBS := ui core
test_i18n_assets_PKGS := cmocka
TOOLS += ui_samples ui_pngcheck
ui_samples_SRCS := tests/ui/ui_samples.c
ui_samples_LIBS := ui core
ui_pngcheck_SRCS := tests/ui/ui_pngcheck.c
ui_pngcheck_LIBS := ui core
