# moatlib: the pieces of tools/run.py (host tools, QEMU, the console protocol, the test suite).
