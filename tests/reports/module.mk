# Unit tests of the figures (report/) and their storage (store/report.c, archive/).
UNIT_TESTS += test_tally
test_tally_SRCS := tests/reports/test_tally.c
test_tally_LIBS := report core
test_tally_PKGS := cmocka libcjson inih

UNIT_TESTS += test_store_report
test_store_report_SRCS := tests/reports/test_store_report.c
test_store_report_LIBS := store report core
test_store_report_PKGS := cmocka sqlite3 libcjson inih

UNIT_TESTS += test_archive
test_archive_SRCS := tests/reports/test_archive.c
test_archive_LIBS := archive store report core
test_archive_PKGS := cmocka sqlite3 libcjson inih

# A measurement, not a test: bench_report ARCHIVE.db [BRANCHES DAYS TICKETS]
TOOLS += bench_report
bench_report_SRCS := tests/reports/bench_report.c
bench_report_LIBS := archive store report core
bench_report_PKGS := sqlite3 libcjson inih

# Checks a chart made by frontactl report (tests/reports/day.test.sh).
TOOLS += chart_check
chart_check_SRCS := tests/reports/chart_check.c
chart_check_LIBS := chart ui core
chart_check_PKGS := sdl2 SDL2_ttf SDL2_image fontconfig fribidi
