# Unit tests of frontactl provision's parts: password hashes and the ACL.
UNIT_TESTS += test_pwhash test_acl
test_pwhash_SRCS := tests/security/test_pwhash.c ctl/pwhash.c
test_pwhash_PKGS := cmocka libcrypto
test_acl_SRCS := tests/security/test_acl.c ctl/acl.c
test_acl_LIBS := core
test_acl_PKGS := cmocka libcjson inih
