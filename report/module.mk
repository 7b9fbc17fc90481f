# report: the queue's figures counted from its events (pure), and their
# tables (text, CSV). Used by frontad (the day's figures), frontactl.
LIBRARIES += report
report_SRCS := $(wildcard report/*.c)
report_PKGS := libcjson
