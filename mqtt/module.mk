# mqtt: one MQTT 5 connection with reconnect, presence and requests.
LIBRARIES += mqtt
mqtt_SRCS := $(wildcard mqtt/*.c)
mqtt_PKGS := libmosquitto
