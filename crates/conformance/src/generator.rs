//! Program generator for the fuzzer (filled in below).
