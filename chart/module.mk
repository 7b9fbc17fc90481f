# chart: frontactl report's chart (PNG), drawn with the ui library, headless.
LIBRARIES += chart
chart_SRCS := $(wildcard chart/*.c)
chart_PKGS := sdl2 SDL2_ttf SDL2_image fontconfig fribidi
